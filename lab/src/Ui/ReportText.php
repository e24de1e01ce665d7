<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Ui;

/**
 * memory.report's JSON line (memory.report_format=json, with memory.track its "leaks") written
 * as the extension writes the same request in text: the report line ("memory: pid N request M:
 * zend peak ... B, back to the Zend MM at request end ... B, held by the Zend MM ... B; ..."),
 * then with memory.track the leak summary ("emalloc leaks: K blocks, N bytes still allocated at
 * request end, reclaimed now:") and one line per site ("memory:   N bytes in K blocks at
 * FILE:LINE, FUNCTION (EXTENSION)"), "1 block" and "1 byte" in the singular. The words are memory_report.cpp's and memory_track.cpp's
 * (tests/ui/ui_report_text.phpt holds the two side by side); the figures are the JSON's, bytes.
 */
final class ReportText
{
    /** The text lines of one JSON report line; [] when $json is not such a line. */
    public static function lines(array $json): array
    {
        if (!is_int($json['pid'] ?? null)) {
            return [];
        }
        $lines = [];
        $head = "memory: pid {$json['pid']} request " . (int) ($json['request'] ?? 0);
        if (isset($json['zend_peak'])) {
            $lines[] = self::report($head, $json);
        }
        if (is_array($json['leaks'] ?? null)) {
            $blocks = (int) ($json['leaked_blocks'] ?? 0);
            $lines[] = sprintf('%s: emalloc leaks%s: %s, %s still allocated at request end, reclaimed now%s',
                $head, ($json['fatal_error'] ?? false) === true ? ' after a fatal error' : '', self::count($blocks, 'block'),
                self::count((int) ($json['leaked_bytes'] ?? 0), 'byte'), $blocks > 0 ? ':' : '');
            foreach ($json['leaks'] as $s) {
                $lines[] = sprintf('memory:   %s in %s at %s:%d, %s%s', self::count((int) ($s['bytes'] ?? 0), 'byte'), self::count((int) ($s['blocks'] ?? 0), 'block'),
                    ($s['file'] ?? '') !== '' ? $s['file'] : '(no PHP code)', (int) ($s['line'] ?? 0),
                    ($s['function'] ?? '') !== '' ? $s['function'] : '(engine)', is_string($s['extension'] ?? null) ? " ({$s['extension']})" : '');
            }
            if (($json['held_by_interrupted_blocks'] ?? 0) > 0) {
                $lines[] = sprintf('memory:   not counted: %s, %s held by the code the fatal error interrupted (its variables, temporaries and compiled script, which PHP does not free after a fatal error)',
                    self::count((int) $json['held_by_interrupted_blocks'], 'block'), self::count((int) ($json['held_by_interrupted_bytes'] ?? 0), 'byte'));
            }
        }
        return $lines;
    }

    /** "1 block", "0 blocks", "4096 bytes": as memory_track.cpp writes a count. */
    private static function count(int $n, string $unit): string
    {
        return $n === 1 ? "1 $unit" : "$n {$unit}s";
    }

    /** The request-end report line (format_report() of memory_report.cpp). */
    private static function report(string $head, array $j): string
    {
        $n = static fn (string $key): int => (int) ($j[$key] ?? 0);
        $measured = ($j['malloc_in_use_growth'] ?? null) !== null;
        $growth = static fn (string $key): string => $measured ? sprintf(' (%+d B)', (int) $j[$key]) : '';
        $line = sprintf('%s: zend peak %d B, back to the Zend MM at request end %d B, held by the Zend MM %d B; malloc in use %d B%s, free in arenas %d B; VSZ %d B%s, RSS %d B',
            $head, $n('zend_peak'), $n('zend_usage'), $n('zend_real_usage'), $n('malloc_in_use'), $growth('malloc_in_use_growth'),
            $n('malloc_free'), $n('vsz'), $growth('vsz_growth'), $n('rss'));
        $line .= $measured ? sprintf(' (%+d B) across the request', (int) $j['rss_growth']) : ' (no reading at RINIT: memory.report was off then)';
        if ($n('leaked_emalloc') || $n('request_leaked_malloc') || $n('request_leaked_pemalloc')) {
            $line .= sprintf('; leak_*(): reclaimed now: emalloc %d B; retained: malloc %d B, pemalloc %d B this request, malloc %d B, pemalloc %d B by this process',
                $n('leaked_emalloc'), $n('request_leaked_malloc'), $n('request_leaked_pemalloc'), $n('leaked_malloc'), $n('leaked_pemalloc'));
        }
        return $line;
    }
}
