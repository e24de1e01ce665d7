<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * The seed's own function, run again: confirm_memory_compiled(), whose body is the blog post's
 * `void *foo = malloc(2 * 1024 * 1024);` (built by ./configure --enable-memory-seed, at -O2 as
 * the post built it). A PHP process calls it CALLS times between two lines of stdin, then
 * leak_malloc(2 MiB) as many times; VmSize is read from outside, in /proc/PID/status, before
 * and after each run of calls. objdump says whether the function calls malloc at all.
 */
final class Seed
{
    public const CALLS = 8;

    /**
     * ['seed_kb' => VIRT growth over the seed's calls, 'leak_kb' => over as many
     * leak_malloc(2 MiB) calls, 'calls_malloc' => whether objdump finds a call to malloc in
     * confirm_memory_compiled() (null without objdump)], or null when $so has no seed function.
     */
    public static function measure(string $so): ?array
    {
        $code = 'if (!function_exists("confirm_memory_compiled")) { echo "none\n"; exit; }'
            . ' echo "ready\n"; fgets(STDIN);'
            . ' for ($i = 0; $i < ' . self::CALLS . '; $i++) confirm_memory_compiled();'
            . ' echo "seed\n"; fgets(STDIN);'
            . ' for ($i = 0; $i < ' . self::CALLS . '; $i++) leak_malloc(2097152);'
            . ' echo "leak\n"; fgets(STDIN);';
        $proc = proc_open([Php::binary(), '-n', '-d', "extension=$so", '-r', $code],
            [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
        if ($proc === false) {
            return null;
        }
        $pid = proc_get_status($proc)['pid'];
        $sizes = [];
        try {
            foreach (['ready', 'seed', 'leak'] as $step) {
                if (trim((string) fgets($pipes[1])) !== $step) {
                    return null;
                }
                $sizes[] = Proc::mem($pid)['vsz_kb'] ?? 0;
                fwrite($pipes[0], "\n");
            }
        } finally {
            fclose($pipes[0]);
            fclose($pipes[1]);
            proc_close($proc);
        }
        return ['seed_kb' => $sizes[1] - $sizes[0], 'leak_kb' => $sizes[2] - $sizes[1], 'calls_malloc' => self::callsMalloc($so)];
    }

    /** Whether objdump finds a call to malloc in confirm_memory_compiled(); null without objdump. */
    private static function callsMalloc(string $so): ?bool
    {
        $objdump = Php::find('objdump');
        if ($objdump === null) {
            return null;
        }
        $asm = Exec::run([$objdump, '-d', '-C', $so], 60)['stdout'];
        if (!preg_match('/<(?:zif_)?confirm_memory_compiled[^>]*>:\n(.*?)\n\n/s', $asm, $m)) {
            return null;
        }
        return (bool) preg_match('/call.*<malloc@plt>/', $m[1]);
    }

    /** The demo's lines about it. */
    public static function report(array $m): string
    {
        $objdump = match ($m['calls_malloc']) {
            true => 'objdump finds a call to malloc in it',
            false => 'objdump finds no call to malloc in it: g++ -O2 deleted the unused malloc',
            null => 'objdump is not there to look for the malloc',
        };
        return sprintf(
            "\nThe post's own function, run again: confirm_memory_compiled() { void *foo = malloc(2 MiB); }\n"
            . "  %d calls: VIRT %s (%s)\n  %d calls of leak_malloc(2 MiB), which hands the pointer on: VIRT %s\n",
            self::CALLS, Watch::delta($m['seed_kb']), $objdump, self::CALLS, Watch::delta($m['leak_kb']),
        );
    }
}
