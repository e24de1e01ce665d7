<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * The benchmark's fidelity part: how exactly ./memlab demo measures. It runs the demo and
 * checks the figures of its summary.json against what the allocators do exactly: a malloc or
 * pemalloc leak of B bytes grows VIRT (and RES when touched) by B + 1 page per request, an
 * emalloc leak leaves no drift, and php-fpm replaces its child every pm.max_requests.
 */
final class Fidelity
{
    /** Leaking requests per scenario. */
    public const REQUESTS = 100;
    /** How far a malloc slope may be from the exact figure: a share of it. */
    public const SLOPE_ERROR = 0.005;
    /** The quick run's scenarios. */
    public const QUICK_LIFECYCLES = 'cli-server,fpm,fpm-max-requests';
    public const QUICK_LEAKS = 'malloc,malloc+touch,emalloc';
    /** Seconds the demo may take. */
    private const DEMO_SECONDS = 1800;

    /**
     * Runs ./memlab demo with REQUESTS requests per scenario and the memory.so $so into $dir
     * (its output in $dir/demo.log) and returns its summary.json as an array. Throws
     * Interrupted, and \RuntimeException when the demo wrote no summary.
     *
     * @return array{summary: array<string, mixed>, status: int, command: string}
     */
    public static function runDemo(string $dir, string $so, bool $quick): array
    {
        if (!is_dir($dir) && !@mkdir($dir, 0777, true)) {
            throw new \RuntimeException("cannot create $dir");
        }
        $command = [Build::root() . '/memlab', 'demo', '--requests', (string) self::REQUESTS, '--out', $dir, '--no-plot'];
        if ($quick) {
            array_push($command, '--only', self::QUICK_LIFECYCLES, '--leak', self::QUICK_LEAKS);
        }
        $run = Exec::run($command, self::DEMO_SECONDS, ['MEMORY_SO' => $so]);
        Signals::check();
        if (in_array($run['status'], [128 + Proc::SIGHUP, 128 + Proc::SIGINT, 128 + Proc::SIGTERM], true)) {
            throw new Interrupted($run['status'] - 128);
        }
        $log = "$dir/demo.log";
        @file_put_contents($log, $run['stdout'] . $run['stderr']);
        $summary = is_file("$dir/summary.json") ? json_decode((string) file_get_contents("$dir/summary.json"), true) : null;
        $shown = implode(' ', array_slice($command, 1));
        if (!is_array($summary)) {
            $how = $run['timed_out'] ? sprintf('took more than %d s', self::DEMO_SECONDS) : "exited with {$run['status']}";
            throw new \RuntimeException("./memlab $shown $how and wrote no summary.json; see $log");
        }
        return ['summary' => $summary, 'status' => $run['status'], 'command' => "./memlab $shown"];
    }

    /**
     * The checks of a demo's summary.json: a list of [check, scenario, measured (text), value,
     * target (text), met (bool)], with requests and bytes (per request) of the run.
     *
     * @param array<string, mixed> $summary
     * @return array{requests: int, bytes: int, checks: list<array<string, mixed>>}
     */
    public static function check(array $summary, int $pageKib): array
    {
        $bytes = (int) $summary['bytes'];
        /* glibc serves a block this large with its own mmap: the bytes plus one page of header. */
        $expected = $bytes / 1024 + $pageKib;
        $maxRequests = (int) $summary['fpm_max_requests'];
        $checks = [];
        foreach ($summary['scenarios'] as $sc) {
            $name = $sc['lifecycle'] . ' ' . ($sc['leak'] ?? $sc['alloc'] ?? $sc['allocator']);
            if (!empty($sc['error'])) {
                $checks[] = ['check' => 'scenario ran', 'scenario' => $name, 'measured' => (string) $sc['error'],
                    'target' => 'no error', 'met' => false];
                continue;
            }
            $lifetime = in_array($sc['allocator'], ['malloc', 'pemalloc'], true);
            if ($lifetime && $sc['slope_vsz_kib'] !== null) {
                foreach ($sc['touch'] ? ['vsz', 'rss'] : ['vsz'] as $f) {
                    $slope = (float) $sc["slope_{$f}_kib"];
                    $err = abs($slope - $expected) / $expected;
                    $checks[] = [
                        'check' => ($f === 'vsz' ? 'VIRT' : 'RES') . ' slope',
                        'scenario' => $name,
                        'measured' => sprintf('%.2f KiB/req, error %.3f%%', $slope, $err * 100),
                        'value' => $err,
                        'target' => sprintf('%s KiB/req ± %.1f%%', number_format($expected), self::SLOPE_ERROR * 100),
                        'met' => $err <= self::SLOPE_ERROR,
                    ];
                }
            }
            if ($sc['allocator'] === 'emalloc' && $sc['lifecycle'] !== 'worker') {
                /* The demo's fit within each serving process, over the requests one process served. */
                $processes = max(1, count($sc['pids']));
                $served = $sc['answered'] / $processes;
                $drift = $sc['slope_vsz_kib'] !== null ? (float) $sc['slope_vsz_kib'] * $served : null;
                $rss = $sc['slope_rss_kib'] !== null ? (float) $sc['slope_rss_kib'] * $served : 0.0;
                $checks[] = [
                    'check' => 'VIRT drift per process',
                    'scenario' => $name,
                    'measured' => $drift === null ? 'no slope'
                        : sprintf('%+.1f KiB (%d proc.), RES %+.1f KiB', $drift, $processes, $rss),
                    'value' => $drift,
                    'target' => sprintf('0 ± %d KiB', $pageKib),
                    'met' => $drift !== null && abs($drift) <= $pageKib,
                ];
            }
            if ($sc['lifecycle'] === 'fpm-max-requests') {
                /* Every child but the last serves pm.max_requests, the warm-up request included. */
                $served = (int) $summary['requests'] + 1;
                $children = count($sc['pids']);
                $want = (int) ceil($served / $maxRequests);
                $checks[] = [
                    'check' => 'sawtooth period',
                    'scenario' => $name,
                    'measured' => sprintf('%s (%d children for %d requests)', var_export($sc['recycled_every'], true), $children, $served),
                    'value' => $sc['recycled_every'],
                    'target' => "pm.max_requests = $maxRequests",
                    'met' => $sc['recycled_every'] === $maxRequests && $children === $want,
                ];
            }
        }
        return ['requests' => (int) $summary['requests'], 'bytes' => $bytes, 'checks' => $checks];
    }

    /** The fidelity table as text, or why it was not measured. */
    public static function text(array $fidelity): string
    {
        if (isset($fidelity['error'])) {
            return sprintf("\nFidelity: not measured: %s\n", $fidelity['error']);
        }
        $text = sprintf("\nFidelity: ./memlab demo, %d requests per scenario, %s bytes leaked per request\n\n",
            $fidelity['requests'], number_format($fidelity['bytes']));
        $text .= sprintf("  %-30s %-23s %-35s %-22s %s\n", 'scenario', 'check', 'measured', 'target', 'verdict');
        foreach ($fidelity['checks'] as $c) {
            $text .= sprintf("  %-30s %-23s %s %s %s\n", $c['scenario'], $c['check'], self::cell($c['measured'], 35),
                self::cell($c['target'], 22), $c['met'] ? 'met' : 'MISSED');
        }
        return $text . "\n"
            . "  slope: least-squares VIRT/RES growth per request within each serving process (the demo's fit);\n"
            . "  drift: that VIRT slope times the requests one process served; RES is shown, not judged:\n"
            . "  first-run code and data pages make it move by a few pages;\n"
            . "  sawtooth: the demo's recycling period, and one child per pm.max_requests requests.\n";
    }

    /** Pads $s to $width characters (not bytes: ± is one). */
    private static function cell(string $s, int $width): string
    {
        return $s . str_repeat(' ', max(0, $width - (int) preg_match_all('/./su', $s)));
    }
}
