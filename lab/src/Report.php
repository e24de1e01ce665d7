<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/** What the demo prints and writes: the top-like tables, the verdict lines and the CSVs (summary.json: Summary). */
final class Report
{
    /** The columns of every scenario's CSV, in order. */
    public const CSV_COLUMNS = [
        'request', 'pid', 'ok', 'vsz_kb', 'rss_kb', 'd_vsz_kb', 'd_rss_kb',
        'zend_usage', 'zend_real_usage', 'zend_peak', 'malloc_in_use',
        'leaked_malloc', 'leaked_pemalloc', 'leaked_emalloc', 'pid_request', 'ms', 'error',
    ];

    /** How many rows the table shows at each end. */
    public const EDGE_ROWS = 3;

    /** A size in KiB the way top prints it: 58.9m, 1.2g, 20.0t, 812k. */
    public static function topSize(int|float $kib): string
    {
        if (abs($kib) >= 1024 * 1024 * 1024) {
            return sprintf('%.1ft', $kib / (1024 * 1024 * 1024));
        }
        if (abs($kib) >= 1024 * 1024) {
            return sprintf('%.1fg', $kib / (1024 * 1024));
        }
        if (abs($kib) >= 1024) {
            return sprintf('%.1fm', $kib / 1024);
        }
        return sprintf('%dk', (int) round($kib));
    }

    /** A byte count, short: 2.0M, 404.2K, 0. */
    public static function bytes(int|float $bytes): string
    {
        $abs = abs($bytes);
        if ($abs >= 1024 * 1024) {
            return sprintf('%.1fM', $bytes / (1024 * 1024));
        }
        if ($abs >= 1024) {
            return sprintf('%.1fK', $bytes / 1024);
        }
        return sprintf('%d', (int) round($bytes));
    }

    /** A signed number of KiB with thousands separators: +2,052 KiB. */
    public static function kib(?float $kib): string
    {
        if ($kib === null) {
            return 'n/a';
        }
        $r = round($kib);
        return ($r < 0 ? '-' : '+') . number_format(abs($r)) . ' KiB';
    }

    /** A signed number of MiB from KiB, two decimals: +2.00 MiB. */
    public static function mib(?float $kib): string
    {
        if ($kib === null) {
            return 'n/a';
        }
        $v = $kib / 1024;
        $s = sprintf('%.2f', abs($v));
        return ($v < 0 && $s !== '0.00' ? '-' : '+') . $s . ' MiB';
    }

    /**
     * Which rows the table shows: the first and last few, and the two rows
     * around every change of the serving pid (where a sawtooth tooth ends).
     *
     * @param list<array<string, mixed>> $samples
     * @return list<int> indexes into $samples, ascending
     */
    public static function rowsToShow(array $samples, int $edge = self::EDGE_ROWS): array
    {
        $n = count($samples);
        $keep = [];
        for ($i = 0; $i < $n; $i++) {
            if ($i < $edge || $i >= $n - $edge) {
                $keep[$i] = true;
            }
        }
        $prev = null;
        foreach ($samples as $i => $s) {
            if (empty($s['ok']) || ($s['error'] ?? null) !== null) {
                $keep[$i] = true;
            }
            if (empty($s['ok'])) {
                continue;
            }
            if ($prev !== null && $samples[$prev]['pid'] !== $s['pid']) {
                $keep[$prev] = true;
                $keep[$i] = true;
            }
            $prev = $i;
        }
        $rows = array_keys($keep);
        sort($rows);
        return $rows;
    }

    /**
     * One scenario as a compact top-like table, the slope line under it; the "leaked" column
     * is the memory_stats() counter of $leak's allocator.
     *
     * @param list<array<string, mixed>> $samples
     * @param array<string, mixed> $analysis
     */
    public static function table(string $title, Leak $leak, array $samples, array $analysis): string
    {
        $key = $leak->leakedKey();
        $out = [$title];
        $out[] = sprintf('  %4s %7s %8s %8s %11s %8s', 'req', 'PID', 'VIRT', 'RES', 'Zend usage', 'leaked');
        $last = -1;
        foreach (self::rowsToShow($samples) as $i) {
            if ($last >= 0 && $i > $last + 1) {
                $out[] = '     …';
            }
            $last = $i;
            $s = $samples[$i];
            if (empty($s['ok'])) {
                $out[] = sprintf('  %4d %7s  %s', $s['request'], '-', self::shorten((string) ($s['error'] ?? 'no answer'), 90));
                continue;
            }
            $out[] = rtrim(sprintf(
                '  %4d %7d %8s %8s %11s %8s  %s',
                $s['request'],
                $s['pid'],
                self::topSize((int) $s['vsz_kb']),
                self::topSize((int) $s['rss_kb']),
                isset($s['zend_usage']) ? self::bytes((int) $s['zend_usage']) : '-',
                isset($s[$key]) ? self::bytes((int) $s[$key]) : '0',
                ($s['error'] ?? null) !== null ? 'refused: ' . self::shorten((string) $s['error'], 70) : '',
            ));
        }
        $out[] = sprintf(
            '  slope: VIRT %s/request, RES %s/request, Zend usage %s/request',
            self::kib($analysis['slope_vsz_kib']),
            self::kib($analysis['slope_rss_kib']),
            $analysis['slope_zend_usage_bytes'] === null ? 'n/a' : self::kib($analysis['slope_zend_usage_bytes'] / 1024),
        );
        return implode("\n", $out) . "\n";
    }

    /**
     * The one-line verdict of a scenario, aligned for a column of them: the lifecycle's and
     * the leak's names, the slopes and the verdict in words ($memoryLimit: the memory_limit
     * worth naming when the process died on it).
     */
    public static function verdictLine(string $lifecycle, string $leak, array $analysis, ?string $memoryLimit = null): string
    {
        return sprintf(
            '%-16s %-13s VIRT %s/request, RES %s/request  → %s',
            $lifecycle,
            $leak,
            self::mib($analysis['slope_vsz_kib']),
            self::mib($analysis['slope_rss_kib']),
            Analysis::words($analysis, $memoryLimit),
        );
    }

    /**
     * The samples as CSV, one row per request, deltas against the warm-up row.
     *
     * @param list<array<string, mixed>> $samples
     */
    public static function csv(array $samples): string
    {
        $fh = fopen('php://memory', 'w+');
        fputcsv($fh, self::CSV_COLUMNS, ',', '"', '');
        $base = null;
        foreach ($samples as $s) {
            if (!empty($s['ok']) && $base === null) {
                $base = $s;
            }
            $row = [];
            foreach (self::CSV_COLUMNS as $c) {
                $row[] = match ($c) {
                    'ok' => empty($s['ok']) ? 0 : 1,
                    'd_vsz_kb' => !empty($s['ok']) && $base !== null ? (int) $s['vsz_kb'] - (int) $base['vsz_kb'] : '',
                    'd_rss_kb' => !empty($s['ok']) && $base !== null ? (int) $s['rss_kb'] - (int) $base['rss_kb'] : '',
                    'ms' => isset($s['ms']) ? sprintf('%.1f', $s['ms']) : '',
                    default => $s[$c] ?? '',
                };
            }
            fputcsv($fh, $row, ',', '"', '');
        }
        rewind($fh);
        $csv = stream_get_contents($fh);
        fclose($fh);
        return $csv;
    }

    /**
     * Parses what csv() wrote, for the tests and for anyone reading out/.
     *
     * @return list<array<string, string>>
     */
    public static function parseCsv(string $csv): array
    {
        $lines = array_values(array_filter(explode("\n", $csv), fn ($l) => $l !== ''));
        $head = str_getcsv(array_shift($lines), ',', '"', '');
        $rows = [];
        foreach ($lines as $l) {
            $rows[] = array_combine($head, str_getcsv($l, ',', '"', ''));
        }
        return $rows;
    }

    /** $s on one line, cut to $max characters with "..." when longer. */
    private static function shorten(string $s, int $max): string
    {
        $s = trim(preg_replace('/\s+/', ' ', $s));
        return strlen($s) > $max ? substr($s, 0, $max - 3) . '...' : $s;
    }
}
