<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * Checkpoints in a long-running process (lab/worker.php, lab/swoole.php): with memory.track=1,
 * memory_track_mark() before an iteration and memory_track_live($mark) after it give the live
 * tracked emalloc blocks the iteration allocated and did not free, grouped by call site
 * (file:line, function, extension), largest first: what that iteration left behind. It runs
 * inside the process it describes, and reads nothing but the tracker's table.
 */
final class Checkpoint
{
    /** How many sites of what an iteration left behind are kept, largest first. */
    public const SITES = 20;

    /**
     * Whether this request is tracked: memory.track is on. Throws \Error, with
     * memory_track_mark()'s message, when it is on but the request is not tracked
     * (USE_ZEND_ALLOC=0, memory.so loaded by dl()).
     */
    public static function tracking(): bool
    {
        if (!filter_var(ini_get('memory.track'), FILTER_VALIDATE_BOOL)) {
            return false;
        }
        memory_track_mark();
        return true;
    }

    /**
     * What was left behind since $mark: ['blocks' => int, 'bytes' => int, 'sites' => the
     * SITES largest sites of memory_track_live($mark) (file, line, function, extension,
     * blocks, bytes), 'more_sites' => how many sites are not in the list]. The site at
     * $exceptFile:$exceptLine in $exceptFunction is left out: the caller's own block, alive on
     * purpose (the answer it is about to send). Scalars, not an array: an array built before
     * the call would be a block of its own, allocated after the mark.
     */
    public static function left(int $mark, string $exceptFile = '', int $exceptLine = 0, string $exceptFunction = ''): array
    {
        $live = memory_track_live($mark);
        $sites = [];
        $blocks = 0;
        $bytes = 0;
        foreach ($live as $site) {
            if ($site['line'] === $exceptLine && $site['file'] === $exceptFile && $site['function'] === $exceptFunction) {
                continue;
            }
            $blocks += $site['blocks'];
            $bytes += $site['bytes'];
            $sites[] = $site;
        }
        unset($live);
        return [
            'blocks' => $blocks,
            'bytes' => $bytes,
            'sites' => array_slice($sites, 0, self::SITES),
            'more_sites' => max(0, count($sites) - self::SITES),
        ];
    }

    /**
     * The leak page's answer (LeakPage::handle()) as one line of JSON, and what the page left
     * behind since $mark (see left(); null without a mark), which the JSON then holds as
     * "left". It is taken once the answer is encoded, the encoded answer itself left out. A
     * pair, not a reference parameter: a reference is a block of its own, made at the call.
     *
     * @return array{0: string, 1: array|null}
     */
    public static function pageAnswer(array $query, ?int $mark): array
    {
        $answer = LeakPage::handle($query);
        $json = json_encode($answer); $encodedAt = __LINE__;
        unset($answer);
        if ($mark === null) {
            return [$json . "\n", null];
        }
        $left = self::left($mark, __FILE__, $encodedAt, 'json_encode');
        return [substr($json, 0, -1) . ',"left":' . json_encode($left) . "}\n", $left];
    }

    /**
     * What was left behind, as lines for a console: "left behind: nothing", or a summary line
     * ("left behind: 1,000 B in 1 block at 1 site") and one line per site ("  1,000 B in 1
     * block at /srv/h.php:3, leak_emalloc (memory)"). Files under $root are shown relative to it.
     *
     * @return list<string>
     */
    public static function lines(array $left, string $root = ''): array
    {
        if ($left['blocks'] === 0) {
            return ['left behind: nothing'];
        }
        $count = count($left['sites']) + $left['more_sites'];
        $lines = [sprintf('left behind: %s B in %s at %s', number_format($left['bytes']), self::plural($left['blocks'], 'block'), self::plural($count, 'site'))];
        foreach ($left['sites'] as $site) {
            $lines[] = '  ' . self::site($site, $root);
        }
        if ($left['more_sites'] > 0) {
            $lines[] = sprintf('  … and %s more site%s (the %d largest are shown)', number_format($left['more_sites']), $left['more_sites'] === 1 ? '' : 's', self::SITES);
        }
        return $lines;
    }

    /** One site: "1,000 B in 1 block at FILE:LINE, FUNCTION (EXTENSION)"; files under $root relative to it. */
    public static function site(array $site, string $root = ''): string
    {
        $file = $site['file'];
        if ($root !== '' && str_starts_with($file, rtrim($root, '/') . '/')) {
            $file = substr($file, strlen(rtrim($root, '/')) + 1);
        }
        return sprintf('%s B in %s at %s:%d, %s%s', number_format($site['bytes']), self::plural($site['blocks'], 'block'), $file, $site['line'],
            $site['function'], $site['extension'] !== null ? " ({$site['extension']})" : '');
    }

    /** "1 block", "3 blocks", "1,024 blocks". */
    private static function plural(int $n, string $word): string
    {
        return number_format($n) . ' ' . $word . ($n === 1 ? '' : 's');
    }
}
