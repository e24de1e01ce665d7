<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * ./memlab watch: the seed's "top in another terminal" step. Polls /proc/PID/status
 * and prints a line whenever VIRT or RES changes, with the change.
 */
final class Watch
{
    /** Polling interval bounds, in milliseconds. */
    public const MIN_INTERVAL_MS = 10;
    public const MAX_INTERVAL_MS = 5000;
    /** How often --port looks again for processes on the port (php-fpm respawns children). */
    private const RESCAN_S = 1.0;

    /** One change line: time, pid, the sizes now and the change since the last line. */
    public static function line(float $time, int $pid, array $now, ?array $before): string
    {
        $stamp = date('H:i:s', (int) $time) . sprintf('.%03d', (int) (fmod($time, 1) * 1000));
        $text = sprintf('%s  pid %-7d VIRT %8s  RES %8s', $stamp, $pid, Report::topSize($now['vsz_kb']), Report::topSize($now['rss_kb']));
        if ($before === null) {
            return $text;
        }
        return $text . sprintf(
            '   VIRT %s, RES %s',
            self::delta($now['vsz_kb'] - $before['vsz_kb']),
            self::delta($now['rss_kb'] - $before['rss_kb']),
        );
    }

    /** A signed change in KiB with thousands separators. */
    public static function delta(int $kib): string
    {
        return ($kib < 0 ? '-' : '+') . number_format(abs($kib)) . ' KiB';
    }

    /**
     * Watches until every watched process is gone, $seconds pass (0 = no limit) or
     * $stop() says so. $pids is the fixed list, or $port a port to look processes up on.
     *
     * @param list<int> $pids
     * @param resource $out
     */
    public static function run(array $pids, ?int $port, int $intervalMs, float $seconds, $out, callable $stop): void
    {
        $intervalMs = max(self::MIN_INTERVAL_MS, min(self::MAX_INTERVAL_MS, $intervalMs));
        $last = [];
        $first = [];
        $started = microtime(true);
        $rescan = 0.0;
        while (true) {
            $now = microtime(true);
            if ($port !== null && $now >= $rescan) {
                foreach (Proc::listeners($port)['pids'] as $p) {
                    if (!in_array($p, $pids, true)) {
                        $pids[] = $p;
                    }
                }
                $rescan = $now + self::RESCAN_S;
            }
            foreach ($pids as $i => $pid) {
                $mem = Proc::mem($pid);
                if ($mem === null) {
                    if (isset($last[$pid])) {
                        fwrite($out, sprintf("%s  pid %-7d exited\n", date('H:i:s'), $pid));
                    }
                    unset($pids[$i], $last[$pid]);
                    continue;
                }
                if (!isset($last[$pid]) || $last[$pid] !== $mem) {
                    fwrite($out, self::line($now, $pid, $mem, $last[$pid] ?? null) . "\n");
                    $first[$pid] ??= $mem;
                    $last[$pid] = $mem;
                }
            }
            $pids = array_values($pids);
            if (($pids === [] && $port === null) || $stop() || ($seconds > 0 && $now - $started >= $seconds)) {
                break;
            }
            usleep($intervalMs * 1000);
        }
        foreach ($last as $pid => $mem) {
            fwrite($out, sprintf(
                "pid %d since the watch began: VIRT %s, RES %s\n",
                $pid,
                self::delta($mem['vsz_kb'] - $first[$pid]['vsz_kb']),
                self::delta($mem['rss_kb'] - $first[$pid]['rss_kb']),
            ));
        }
    }
}
