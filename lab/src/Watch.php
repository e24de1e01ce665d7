<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * ./memlab watch: the seed's "top in another terminal" step. Polls /proc/PID/status (and with
 * --pss /proc/PID/smaps_rollup) and prints a line whenever VIRT, RES (or USS) changes, with the
 * change (and PSS beside it); a lifetime line for every process that exits; with --pss, the sum
 * over the processes watched.
 */
final class Watch
{
    /** Polling interval bounds, in milliseconds. */
    public const MIN_INTERVAL_MS = 10;
    public const MAX_INTERVAL_MS = 5000;
    /** How often --port looks again for listeners on the port (a restarted server). */
    private const RESCAN_S = 1.0;

    /**
     * One change line: time, pid, the sizes now and the change since the last line. $now and
     * $before hold vsz_kb and rss_kb, and pss_kb and uss_kb when PSS is watched (null when
     * smaps_rollup was not readable), all in KiB.
     */
    public static function line(float $time, int $pid, array $now, ?array $before): string
    {
        $pss = array_key_exists('pss_kb', $now);
        $text = sprintf('%s  pid %-7d VIRT %8s  RES %8s', self::stamp($time), $pid, Report::topSize($now['vsz_kb']), Report::topSize($now['rss_kb']));
        if ($pss) {
            $text .= sprintf('  PSS %8s  USS %8s', self::top($now['pss_kb']), self::top($now['uss_kb']));
        }
        if ($before === null) {
            return $text;
        }
        $text .= sprintf(
            '   VIRT %s, RES %s',
            self::delta($now['vsz_kb'] - $before['vsz_kb']),
            self::delta($now['rss_kb'] - $before['rss_kb']),
        );
        if ($pss && $now['pss_kb'] !== null && ($before['pss_kb'] ?? null) !== null) {
            $text .= sprintf(
                ', PSS %s, USS %s',
                self::delta($now['pss_kb'] - $before['pss_kb']),
                self::delta($now['uss_kb'] - $before['uss_kb']),
            );
        }
        return $text;
    }

    /**
     * The line for a process that exited: how long it was watched, the first, peak and last
     * VIRT and RES (and PSS), in KiB, and "requests served: unknown". $life is what track()
     * keeps: 'first' and 'last' readings, 'peak' (vsz_kb from VmPeak, rss_kb from VmHWM, the
     * kernel's high-water marks; pss_kb the highest reading, PSS having none), 'since' and
     * 'until' (times of the first and last reading).
     */
    public static function lifetime(float $time, int $pid, array $life): string
    {
        $text = sprintf('%s  pid %-7d exited, watched %.1f s:', self::stamp($time), $pid, $life['until'] - $life['since']);
        $parts = [];
        foreach (['VIRT' => 'vsz_kb', 'RES' => 'rss_kb', 'PSS' => 'pss_kb'] as $name => $key) {
            if (!array_key_exists($key, $life['first'])) {
                continue;
            }
            $parts[] = sprintf(
                '%s first %s, peak %s, last %s KiB',
                $name,
                self::kib($life['first'][$key]),
                self::kib($life['peak'][$key]),
                self::kib($life['last'][$key]),
            );
        }
        /* A request leaves no trace in /proc: neither php-fpm's children nor php -S count
         * them where another process can read it. */
        return $text . ' ' . implode('; ', $parts) . '; requests served: unknown (not visible from outside)';
    }

    /**
     * The sum line over the processes read in one poll: their count and RES, PSS and USS in KiB.
     * RES counts a page shared by N processes N times, PSS once (1/N each), USS not at all.
     *
     * @param array<int, array> $readings pid => reading (rss_kb, pss_kb, uss_kb)
     */
    public static function sum(float $time, array $readings): string
    {
        $rss = $pss = $uss = 0;
        $known = true;
        foreach ($readings as $r) {
            $rss += $r['rss_kb'];
            $known = $known && $r['pss_kb'] !== null;
            $pss += (int) $r['pss_kb'];
            $uss += (int) $r['uss_kb'];
        }
        return sprintf(
            '%s  sum of %d %s  RES %s KiB  PSS %s KiB  USS %s KiB',
            self::stamp($time),
            count($readings),
            count($readings) === 1 ? 'pid' : 'pids',
            number_format($rss),
            $known ? number_format($pss) : '?',
            $known ? number_format($uss) : '?',
        );
    }

    /** A signed change in KiB with thousands separators. */
    public static function delta(int $kib): string
    {
        return ($kib < 0 ? '-' : '+') . number_format(abs($kib)) . ' KiB';
    }

    /**
     * Watches until every watched process is gone, $seconds pass (0 = no limit) or $stop() says
     * so. $pids is the fixed list, or $port a port to look processes up on: its listeners (again
     * every second) and, at every poll, every child forked by a process watched, so that a
     * php-fpm child that lives half a second is seen. With $pss it reads smaps_rollup too and,
     * when more than one process is watched or $port is given, prints the sum line after every
     * poll that printed something.
     *
     * @param list<int> $pids
     * @param resource $out
     */
    public static function run(array $pids, ?int $port, int $intervalMs, float $seconds, $out, callable $stop, bool $pss = false): void
    {
        $intervalMs = max(self::MIN_INTERVAL_MS, min(self::MAX_INTERVAL_MS, $intervalMs));
        /** @var array<int, array> $shown the reading last printed, per pid */
        $shown = [];
        /** @var array<int, array> $lives first, peak and last reading, per pid */
        $lives = [];
        $started = microtime(true);
        $rescan = 0.0;
        while (true) {
            $now = microtime(true);
            if ($port !== null) {
                $found = $now >= $rescan ? Proc::listeners($port)['pids'] : [];
                $rescan = $now >= $rescan ? $now + self::RESCAN_S : $rescan;
                $pids = array_values(array_unique(array_merge($pids, $found, self::childrenOf($pids))));
            }
            $printed = false;
            $readings = [];
            foreach ($pids as $i => $pid) {
                $reading = self::read($pid, $pss);
                if ($reading === null) {
                    if (isset($lives[$pid])) {
                        fwrite($out, self::lifetime($now, $pid, $lives[$pid]) . "\n");
                        $printed = true;
                    }
                    unset($pids[$i], $shown[$pid], $lives[$pid]);
                    continue;
                }
                $lives[$pid] = self::track($lives[$pid] ?? null, $reading, $now);
                $readings[$pid] = $reading;
                $visible = self::visible($reading);
                /* PSS alone does not make a line: it moves by a few KiB whenever any process
                 * maps or unmaps a library page this one shares. */
                if (!isset($shown[$pid]) || array_diff_key($shown[$pid], ['pss_kb' => 0]) !== array_diff_key($visible, ['pss_kb' => 0])) {
                    fwrite($out, self::line($now, $pid, $visible, $shown[$pid] ?? null) . "\n");
                    $shown[$pid] = $visible;
                    $printed = true;
                }
            }
            $pids = array_values($pids);
            if ($pss && $printed && $readings !== [] && ($port !== null || count($lives) > 1)) {
                fwrite($out, self::sum($now, $readings) . "\n");
            }
            if (($pids === [] && $port === null) || $stop() || ($seconds > 0 && $now - $started >= $seconds)) {
                break;
            }
            usleep($intervalMs * 1000);
        }
        foreach ($lives as $pid => $life) {
            $line = sprintf(
                'pid %d since the watch began: VIRT %s, RES %s',
                $pid,
                self::delta($life['last']['vsz_kb'] - $life['first']['vsz_kb']),
                self::delta($life['last']['rss_kb'] - $life['first']['rss_kb']),
            );
            if ($pss && $life['last']['pss_kb'] !== null && $life['first']['pss_kb'] !== null) {
                $line .= ', PSS ' . self::delta($life['last']['pss_kb'] - $life['first']['pss_kb']);
            }
            fwrite($out, $line . "\n");
        }
    }

    /**
     * One reading of a process: vsz_kb, rss_kb, vsz_peak_kb, rss_peak_kb and, with $pss, pss_kb
     * and uss_kb (null when smaps_rollup is not readable); null when the process is gone.
     */
    private static function read(int $pid, bool $pss): ?array
    {
        $mem = Proc::mem($pid, true);
        if ($mem === null) {
            return null;
        }
        if ($pss) {
            $rollup = Proc::rollup($pid);
            $mem['pss_kb'] = $rollup['pss_kb'] ?? null;
            $mem['uss_kb'] = $rollup['uss_kb'] ?? null;
        }
        return $mem;
    }

    /** The figures of a reading that a change line shows (the peaks are for the lifetime line). */
    private static function visible(array $reading): array
    {
        unset($reading['rss_anon_kb'], $reading['vsz_peak_kb'], $reading['rss_peak_kb']);
        return $reading;
    }

    /** A process's life so far with one more reading: first, peak and last, and their times. */
    private static function track(?array $life, array $reading, float $time): array
    {
        $visible = self::visible($reading);
        $peak = [
            'vsz_kb' => max($reading['vsz_peak_kb'], $reading['vsz_kb']),
            'rss_kb' => max($reading['rss_peak_kb'], $reading['rss_kb']),
        ];
        if (array_key_exists('pss_kb', $reading)) {
            $peak['pss_kb'] = $reading['pss_kb'];
            $before = $life['peak']['pss_kb'] ?? null;
            if ($before !== null && ($peak['pss_kb'] === null || $before > $peak['pss_kb'])) {
                $peak['pss_kb'] = $before;
            }
        }
        return [
            'first' => $life['first'] ?? $visible,
            'peak' => $peak,
            'last' => $visible,
            'since' => $life['since'] ?? $time,
            'until' => $time,
        ];
    }

    /**
     * The live children of any of $parents, from one scan of /proc (Proc::children scans once
     * per parent).
     *
     * @param list<int> $parents
     * @return list<int>
     */
    private static function childrenOf(array $parents): array
    {
        if ($parents === []) {
            return [];
        }
        $parents = array_flip($parents);
        $children = [];
        foreach (Proc::pids() as $pid) {
            $stat = Proc::stat($pid);
            if ($stat !== null && isset($parents[$stat['ppid']]) && $stat['state'] !== 'Z') {
                $children[] = $pid;
            }
        }
        return $children;
    }

    /** HH:MM:SS.mmm of a time. */
    private static function stamp(float $time): string
    {
        return date('H:i:s', (int) $time) . sprintf('.%03d', (int) (fmod($time, 1) * 1000));
    }

    /** A size in KiB as top prints it, or ? when unknown. */
    private static function top(?int $kib): string
    {
        return $kib === null ? '?' : Report::topSize($kib);
    }

    /** KiB with thousands separators, or ? when unknown. */
    private static function kib(?int $kib): string
    {
        return $kib === null ? '?' : number_format($kib);
    }
}
