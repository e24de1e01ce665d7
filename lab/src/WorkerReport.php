<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * The lines ./memlab serve --worker prints from the long-running worker's report (lab/worker.php
 * --report): what the worker knows of itself (Zend usage and peak, gc_status()) beside its RSS,
 * which serve reads from /proc/PID/status, from outside.
 */
final class WorkerReport
{
    /**
     * One line for a report of the worker: "ready: Zend usage ..." or "request N: GET / -> 200,
     * 9 B; Zend usage ...", with Zend usage and peak in bytes, gc_status() and RSS in KiB (null:
     * the worker is gone), and the changes since $previous (its zend_usage and rss_kb).
     */
    public static function line(array $record, ?int $rssKb, ?array $previous): string
    {
        $head = isset($record['ready'])
            ? 'ready'
            : sprintf('request %d: %s %s -> %d, %s B', $record['request'], $record['method'], $record['target'], $record['status'], number_format($record['bytes']));
        $usage = 'Zend usage ' . number_format($record['zend_usage']) . ' B';
        if ($previous !== null) {
            $usage .= ' (' . self::signed($record['zend_usage'] - $previous['zend_usage']) . ' B)';
        }
        if (!isset($record['ready'])) {
            $usage .= ', peak ' . number_format($record['zend_peak']) . ' B';
        }
        $gc = sprintf('gc_status(): runs %s, collected %s, roots %s', number_format($record['gc']['runs']), number_format($record['gc']['collected']), number_format($record['gc']['roots']));
        $rss = $rssKb === null ? 'RSS ? (the worker is gone)' : 'RSS ' . number_format($rssKb) . ' KiB';
        if ($rssKb !== null && ($previous['rss_kb'] ?? null) !== null) {
            $rss .= ' (' . self::signed($rssKb - $previous['rss_kb']) . ' KiB)';
        }
        return $head . (isset($record['ready']) ? ': ' : '; ') . "$usage; $gc; $rss";
    }

    /**
     * The lines under a request's line when the worker tracks (memory.track=1): what the request
     * left behind, by call site ("  left behind: nothing", or a summary and a line per site;
     * see Checkpoint::lines()), files under the repository relative to it. None for a record
     * without "left".
     *
     * @return list<string>
     */
    public static function leftLines(array $record): array
    {
        if (!isset($record['left'])) {
            return [];
        }
        return array_map(static fn (string $line) => "  $line", Checkpoint::lines($record['left'], Build::root()));
    }

    /** A signed number with thousands separators: +1,024, -8, +0. */
    private static function signed(int $n): string
    {
        return ($n < 0 ? '-' : '+') . number_format(abs($n));
    }
}
