<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * Runs lab/demo.php as a child process, for the lab's own tests: the same code path
 * as ./memlab demo, with the memory.so under test and a temporary out/ directory.
 */
final class DemoProcess
{
    public int $status = -1;
    public string $stdout = '';
    public string $stderr = '';
    public string $out;

    /** @param list<string> $args options for demo.php; --out is added */
    public static function run(array $args, string $memorySo, float $timeout = 45.0): self
    {
        $p = new self();
        $p->out = sys_get_temp_dir() . '/memlab-labtest-' . getmypid() . '-' . bin2hex(random_bytes(4));
        $command = array_merge([PHP_BINARY, '-n', root() . '/lab/demo.php'], $args, ['--out', $p->out]);
        // The whole environment goes along: the valgrind and ASan lanes of ./memlab test
        // set what the servers need there (USE_ZEND_ALLOC, the sanitizer's options).
        $env = ['MEMORY_SO' => $memorySo] + getenv();
        $proc = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, root(), $env);
        if (!is_resource($proc)) {
            throw new \RuntimeException('cannot run ' . implode(' ', $command));
        }
        stream_set_blocking($pipes[1], false);
        stream_set_blocking($pipes[2], false);
        $deadline = microtime(true) + $timeout;
        do {
            $st = proc_get_status($proc);
            $p->stdout .= stream_get_contents($pipes[1]);
            $p->stderr .= stream_get_contents($pipes[2]);
            if (!$st['running']) {
                break;
            }
            usleep(10000);
        } while (microtime(true) < $deadline);
        if ($st['running']) {
            // SIGTERM lets the demo stop its servers on the way out.
            proc_terminate($proc, 15);
            usleep(500000);
            $p->stderr .= "\n(timed out after $timeout s)";
        }
        $p->stdout .= stream_get_contents($pipes[1]);
        $p->stderr .= stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        $code = proc_close($proc);
        $p->status = $st['running'] ? $code : $st['exitcode'];
        return $p;
    }

    /** summary.json, decoded. */
    public function summary(): array
    {
        $file = "{$this->out}/summary.json";
        if (!is_file($file)) {
            throw new \RuntimeException("no $file; status {$this->status}, stderr:\n{$this->stderr}");
        }
        return json_decode((string) file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
    }

    /** The scenario of summary.json for a lifecycle and allocator. */
    public function scenario(string $lifecycle, string $alloc): array
    {
        foreach ($this->summary()['scenarios'] as $s) {
            if ($s['lifecycle'] === $lifecycle && $s['alloc'] === $alloc) {
                return $s;
            }
        }
        throw new \RuntimeException("no scenario $lifecycle $alloc in summary.json");
    }

    /** Removes the out/ directory it wrote. */
    public function clean(): void
    {
        foreach (glob("{$this->out}/*") ?: [] as $f) {
            @unlink($f);
        }
        @rmdir($this->out);
    }
}
