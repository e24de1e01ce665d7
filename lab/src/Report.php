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

    /**
     * What a process holds after the requests counts as given back below HELD_KIB, or below
     * HELD_SHARE of the bytes leaked per request: the first requests write a few pages of
     * their own.
     */
    public const HELD_KIB = 64;
    public const HELD_SHARE = 0.25;

    /** Under an emalloc table whose servers ran without the Zend MM (Lifecycle::zendMm()). */
    public const NO_ZEND_MM = 'USE_ZEND_ALLOC=0: no Zend MM, so emalloc is glibc\'s malloc here and is judged as one (the leaked column still counts each request\'s own emalloc)';

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

    /**
     * A signed amount of bytes in the unit that fits, for slopes: +451.8 B, +64.0 KiB,
     * +2.00 MiB; +0 B for what rounds to nothing, n/a for null.
     */
    public static function rate(?float $bytes): string
    {
        if ($bytes === null) {
            return 'n/a';
        }
        $abs = abs($bytes);
        if (round($abs, 1) == 0) {
            return '+0 B';
        }
        $sign = $bytes < 0 ? '-' : '+';
        if ($abs < 1024) {
            return sprintf('%s%.1f B', $sign, $abs);
        }
        if ($abs < 1024 * 1024) {
            return sprintf('%s%.1f KiB', $sign, $abs / 1024);
        }
        return sprintf('%s%.2f MiB', $sign, $abs / (1024 * 1024));
    }

    /** An amount of bytes in the unit that fits, whole bytes under 1 KiB: 1 B, 400 B, 64.0 KiB, 2.00 MiB. */
    public static function size(int|float $bytes): string
    {
        $abs = abs($bytes);
        $sign = $bytes < 0 ? '-' : '';
        if ($abs < 1024) {
            return sprintf('%s%d B', $sign, (int) round($abs));
        }
        return $sign . ltrim(self::rate((float) $abs), '+');
    }

    /** A signed size() (+32 B, -4.0 KiB, +2.00 MiB), for growth. */
    public static function delta(int|float $bytes): string
    {
        return ($bytes < 0 ? '' : '+') . self::size($bytes);
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
     * Which rows the table shows: the first and last few, and the two rows around every
     * change to a serving pid not seen before (where a sawtooth tooth ends; processes that
     * take turns, a php-fpm pool, are not new each time).
     *
     * @param list<array<string, mixed>> $samples
     * @param int|null $head how many rows to show at the start (default: $edge)
     * @return list<int> indexes into $samples, ascending
     */
    public static function rowsToShow(array $samples, int $edge = self::EDGE_ROWS, ?int $head = null): array
    {
        $n = count($samples);
        $keep = [];
        for ($i = 0; $i < $n; $i++) {
            if ($i < ($head ?? $edge) || $i >= $n - $edge) {
                $keep[$i] = true;
            }
        }
        $prev = null;
        $seen = [];
        foreach ($samples as $i => $s) {
            if (empty($s['ok']) || ($s['error'] ?? null) !== null) {
                $keep[$i] = true;
            }
            if (empty($s['ok'])) {
                continue;
            }
            if ($prev !== null && $samples[$prev]['pid'] !== $s['pid'] && !isset($seen[$s['pid']])) {
                $keep[$prev] = true;
                $keep[$i] = true;
            }
            $seen[$s['pid']] = true;
            $prev = $i;
        }
        $rows = array_keys($keep);
        sort($rows);
        return $rows;
    }

    /**
     * One scenario as a compact top-like table, the slope line under it; the "leaked" column
     * is the memory_stats() counter of $leak's allocator, the "witness" column the growth of
     * the reading the verdict judges (Leak::witness()): VIRT since the process's warm-up (for a
     * process that had none, the first one's: see warmUps()), the page's figures (read inside
     * the request, after its leak) since its first leaking request.
     *
     * @param list<array<string, mixed>> $samples
     * @param array<string, mixed> $analysis
     */
    public static function table(string $title, Leak $leak, array $samples, array $analysis): string
    {
        $key = $leak->leakedKey();
        $witness = $analysis['witness'] ?? 'vsz';
        $out = [$title];
        $out[] = sprintf('  %4s %7s %8s %8s %11s %8s %10s', 'req', 'PID', 'VIRT', 'RES', 'Zend usage', 'leaked', 'witness');
        $last = -1;
        $base = [];
        /* VIRT is read after the request, from the warm-up on; the page's figures inside the
         * request, after its leak: they compare from the process's first leaking request. */
        if ($witness === 'vsz') {
            $warmUps = self::warmUps($samples);
            foreach ($samples as $s) {
                if (!empty($s['ok']) && ($w = $warmUps[(int) $s['pid']] ?? $warmUps[0] ?? null) !== null) {
                    $base[(int) $s['pid']] ??= (int) $w['vsz_kb'] * 1024;
                }
            }
        } else {
            foreach ($samples as $s) {
                if (!empty($s['ok']) && (int) $s['request'] > 0 && ($v = self::witnessValue($s, $witness)) !== null) {
                    $base[(int) $s['pid']] ??= $v;
                }
            }
        }
        /* One warm-up per serving process: the first leaking requests show after them. */
        $warmUps = count(array_filter($samples, fn ($s) => (int) $s['request'] === 0));
        foreach (self::rowsToShow($samples, self::EDGE_ROWS, self::EDGE_ROWS + max(0, $warmUps - 1)) as $i) {
            if ($last >= 0 && $i > $last + 1) {
                $out[] = '     …';
            }
            $last = $i;
            $s = $samples[$i];
            if (empty($s['ok'])) {
                $out[] = sprintf('  %4d %7s  %s', $s['request'], '-', self::shorten((string) ($s['error'] ?? 'no answer'), 90));
                continue;
            }
            $v = self::witnessValue($s, $witness);
            $out[] = rtrim(sprintf(
                '  %4d %7d %8s %8s %11s %8s %10s  %s',
                $s['request'],
                $s['pid'],
                self::topSize((int) $s['vsz_kb']),
                self::topSize((int) $s['rss_kb']),
                isset($s['zend_usage']) ? self::bytes((int) $s['zend_usage']) : '-',
                isset($s[$key]) ? self::bytes((int) $s[$key]) : '0',
                $v !== null && isset($base[(int) $s['pid']]) && ($witness === 'vsz' || (int) $s['request'] > 0) ? self::delta($v - $base[(int) $s['pid']]) : '-',
                ($s['error'] ?? null) !== null ? 'refused: ' . self::shorten((string) $s['error'], 70) : '',
            ));
        }
        $out[] = sprintf(
            '  slope per request: VIRT %s, RES %s, Zend usage %s, glibc in use %s',
            self::rate(self::kibToBytes($analysis['slope_vsz_kib'])),
            self::rate(self::kibToBytes($analysis['slope_rss_kib'])),
            self::rate($analysis['slope_zend_usage_bytes']),
            self::rate($analysis['slope_malloc_in_use_bytes'] ?? null),
        );
        [$label, $why] = Analysis::WITNESSES[$witness];
        $out[] = sprintf('  witness: %s, against %s leaked per request:', $label, self::size($analysis['leak_bytes'] ?? $leak->perRequest()));
        if ($leak->allocator === 'emalloc' && ($analysis['zend_mm'] ?? true) === false) {
            $out[] = '  ' . self::NO_ZEND_MM;
        }
        $out[] = "  $why";
        return implode("\n", $out) . "\n";
    }

    /**
     * What the processes hold after the requests of a scenario whose emalloc went back to the
     * Zend MM, one line or two (see Analysis::held()); '' for other scenarios.
     */
    public static function heldLine(Leak $leak, array $analysis): string
    {
        if ($leak->allocator !== 'emalloc' || $analysis['verdict'] !== 'reclaimed' || ($analysis['held_rss_kb'] ?? null) === null) {
            return '';
        }
        $rss = (int) $analysis['held_rss_kb'];
        $vsz = (int) $analysis['held_vsz_kb'];
        $floor = max(self::HELD_KIB, self::HELD_SHARE * (int) ($analysis['leak_bytes'] ?? $leak->perRequest()) / 1024);
        if ($rss < $floor && $vsz < $floor) {
            return sprintf("  held after the requests: RSS %s, VIRT %s over the warm-up: the blocks went back to the system\n",
                self::delta($rss * 1024), self::delta($vsz * 1024));
        }
        return sprintf("  held after the requests: RSS %s, VIRT %s over the warm-up, though Zend usage is back: the Zend MM\n"
            . "  keeps the chunks freed at request end cached for the next request (a plateau, not growth)\n",
            self::delta($rss * 1024), self::delta($vsz * 1024));
    }

    /**
     * What memory.track saw each leaking request leave behind (Runner::$left, from a server of
     * its own with memory.track=1; see Checkpoint), as lines under the scenario's table: the
     * distinct answers with how many requests gave each, the most frequent first, at most
     * three. '' when there is none.
     *
     * @param list<array<string, mixed>>|null $left
     */
    public static function leftLines(Leak $leak, ?array $left): string
    {
        $seen = [];
        $requests = 0;
        foreach ($left ?? [] as $answer) {
            $requests++;
            $lines = Checkpoint::lines($answer, Build::root());
            $key = implode("\n", $lines);
            $seen[$key] = ($seen[$key] ?? 0) + 1;
        }
        if ($seen === []) {
            return '';
        }
        arsort($seen);
        $text = sprintf("  memory.track, in a server of its own (its shadows would weigh on VIRT and RES above), what the page left\n"
            . "  behind in each of %s leaking request%s (memory_track_mark() before it, memory_track_live() after it):\n",
            number_format($requests), $requests === 1 ? '' : 's');
        $untracked = $leak->allocator !== 'emalloc' ? " (memory.track sees emalloc only: {$leak->allocator} is not tracked)" : '';
        foreach (array_slice($seen, 0, 3, true) as $key => $n) {
            $lines = explode("\n", $key);
            $first = substr((string) array_shift($lines), strlen('left behind: '));
            $text .= sprintf("    %s: %s%s\n", $n === $requests ? "all $n" : "$n of $requests", $first, $first === 'nothing' ? $untracked : '');
            foreach ($lines as $line) {
                $text .= "    $line\n";
            }
        }
        if (count($seen) > 3) {
            $text .= sprintf("    %d of %d: something else\n", $requests - array_sum(array_slice($seen, 0, 3)), $requests);
        }
        return $text;
    }

    /** What memory_release() gave back in one process after the requests, one line; '' when unknown. */
    public static function releaseLine(?array $release): string
    {
        $r = $release['release'] ?? null;
        if (!is_array($r) || !isset($r['rss_before'], $r['rss_after'])) {
            return '';
        }
        return sprintf("  after memory_release() (pid %d): RSS %s KiB → %s KiB (the Zend MM gave back %s, glibc %s)\n",
            $release['pid'], number_format(intdiv((int) $r['rss_before'], 1024)), number_format(intdiv((int) $r['rss_after'], 1024)),
            self::size((int) ($r['zend_mm'] ?? 0)), self::size((int) ($r['malloc'] ?? 0)));
    }

    /**
     * The pool's children side by side after the requests: RSS, PSS, USS and RSS's shared
     * memory part per child and summed (KiB), and why the three differ; '' without children.
     *
     * @param list<array<string, int|null>>|null $pool Runner::$pool
     */
    public static function poolTable(?array $pool): string
    {
        if ($pool === null || $pool === []) {
            return '';
        }
        $out = ['  the pool after the requests, read from /proc/PID/status and smaps_rollup, KiB:'];
        $out[] = sprintf('  %9s %9s %9s %9s %9s', 'PID', 'RSS', 'PSS', 'USS', 'RssShmem');
        $sum = ['rss' => 0, 'pss' => 0, 'uss' => 0, 'shmem' => 0];
        foreach ($pool as $child) {
            $row = self::poolRow($child);
            foreach ($row as $k => $v) {
                $sum[$k] += $v;
            }
            $out[] = sprintf('  %9d %9s %9s %9s %9s', $child['pid'], ...array_map('number_format', array_values($row)));
        }
        $out[] = sprintf('  %9s %9s %9s %9s %9s', 'sum', ...array_map('number_format', array_values($sum)));
        $out[] = '  RSS counts every page a child maps, so the sum counts a shared page once per child; PSS';
        $out[] = '  divides each shared page among the processes that map it, so its sum is what the pool';
        $out[] = '  occupies; USS is the pages only that child maps, what ending it would free. They differ';
        $out[] = '  by the pages the children share: opcache\'s shared memory, the php-fpm binary and its';
        $out[] = '  libraries, and what the master wrote before it forked them.';
        return implode("\n", $out) . "\n";
    }

    /**
     * One child of Runner::$pool as rss, pss, uss (Private_Clean + Private_Dirty) and shmem
     * (RssShmem), in KiB.
     *
     * @return array{rss: int, pss: int, uss: int, shmem: int}
     */
    public static function poolRow(array $child): array
    {
        return ['rss' => (int) $child['rss_kb'], 'pss' => (int) $child['pss_kb'],
            'uss' => (int) $child['uss_kb'], 'shmem' => (int) $child['rss_shmem_kb']];
    }

    /** A sample's witness reading in bytes, or null when it has none. */
    private static function witnessValue(array $s, string $witness): ?int
    {
        if ($witness === 'vsz') {
            return isset($s['vsz_kb']) ? (int) $s['vsz_kb'] * 1024 : null;
        }
        return isset($s[$witness]) ? (int) $s[$witness] : null;
    }

    /** KiB as bytes, null kept. */
    private static function kibToBytes(int|float|null $kib): ?float
    {
        return $kib === null ? null : $kib * 1024.0;
    }

    /**
     * The one-line verdict of a scenario, aligned for a column of them: the lifecycle's and
     * the leak's names, the witness's slope first (then VIRT's, or RES's when the witness is
     * VIRT), the bytes leaked per request and the verdict in words ($memoryLimit: the
     * memory_limit worth naming when the process died on it or grows toward it).
     */
    public static function verdictLine(string $lifecycle, string $leak, array $analysis, ?string $memoryLimit = null): string
    {
        $witness = $analysis['witness'] ?? 'vsz';
        $slopes = $witness === 'vsz'
            ? sprintf('VIRT %s, RES %s', self::rate(self::kibToBytes($analysis['slope_vsz_kib'])), self::rate(self::kibToBytes($analysis['slope_rss_kib'])))
            : sprintf('%s %s, VIRT %s', Analysis::WITNESSES[$witness][0], self::rate($analysis['slope_witness_bytes']), self::rate(self::kibToBytes($analysis['slope_vsz_kib'])));
        return sprintf(
            '%-16s %-13s %s per request (leak %s)  → %s',
            $lifecycle,
            $leak,
            $slopes,
            isset($analysis['leak_bytes']) ? self::size($analysis['leak_bytes']) : '?',
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
        $warmUps = self::warmUps($samples);
        foreach ($samples as $s) {
            $base = $warmUps[(int) $s['pid']] ?? $warmUps[0] ?? null;
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
     * The reading each process's growth is counted from: pid => its warm-up's reading
     * (request 0, after a request that leaks nothing), and 0 => the scenario's first reading,
     * for a process that never had a warm-up (one that replaced a recycled or dead process
     * and served leaking requests from its first): it forked from the same parent, as idle.
     *
     * @param list<array<string, mixed>> $samples
     * @return array<int, array<string, mixed>>
     */
    private static function warmUps(array $samples): array
    {
        $warmUps = [];
        foreach ($samples as $s) {
            if (!empty($s['ok']) && (int) $s['request'] === 0) {
                $warmUps[0] ??= $s;
                $warmUps[(int) $s['pid']] ??= $s;
            }
        }
        return $warmUps;
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
