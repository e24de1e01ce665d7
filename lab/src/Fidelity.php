<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

use MemoryLab\Lab\Server\Server;

/**
 * The benchmark's fidelity part: how exactly ./memlab demo measures. It runs the demo's engine
 * (DemoPlan, Demo) in this process and checks the figures Analysis computed against what the
 * allocators do exactly: a malloc or pemalloc leak of B bytes grows VIRT (and RES when touched)
 * by B + 1 page per request, an emalloc leak leaves no drift, and php-fpm replaces its child
 * every pm.max_requests.
 */
final class Fidelity
{
    /** Leaking requests per scenario. */
    public const REQUESTS = 100;
    /** How far a malloc slope may be from the exact figure: a share of it. */
    public const SLOPE_ERROR = 0.005;
    /** The quick run's scenarios. */
    public const QUICK_LIFECYCLES = ['cli-server', 'fpm', 'fpm-max-requests'];
    public const QUICK_LEAKS = ['malloc', 'malloc+touch', 'emalloc'];

    /**
     * The demo the fidelity part runs: REQUESTS requests per scenario into $dir, no plots;
     * with $quick only QUICK_LIFECYCLES and QUICK_LEAKS.
     */
    public static function plan(string $dir, bool $quick): DemoPlan
    {
        return $quick
            ? new DemoPlan(requests: self::REQUESTS, lifecycles: self::QUICK_LIFECYCLES, leaks: self::QUICK_LEAKS, out: $dir, plot: false)
            : new DemoPlan(requests: self::REQUESTS, out: $dir, plot: false);
    }

    /** The ./memlab demo command line that runs the same as $plan. */
    public static function command(DemoPlan $plan): string
    {
        $command = sprintf('./memlab demo --requests %d --out %s --no-plot', $plan->requests, $plan->out);
        if (array_keys($plan->lifecycles) !== Lifecycle::NAMES) {
            $command .= ' --only ' . implode(',', array_keys($plan->lifecycles));
        }
        if (array_map(fn (Leak $leak) => $leak->name(), $plan->leaks) !== Leak::NAMES) {
            $command .= ' --leak ' . implode(',', array_map(fn (Leak $leak) => $leak->name(), $plan->leaks));
        }
        return $command;
    }

    /**
     * Runs the demo of $plan here, with the servers on the memory.so of MEMORY_SO, its progress
     * on $progress: the CSVs and summary.json go into the plan's folder, the tables and
     * verdicts into demo.log there. Returns each scenario's result (the analysis included).
     * Throws Interrupted with every server stopped, and \RuntimeException when the folder
     * cannot be written.
     *
     * @return list<ScenarioResult>
     */
    public static function runDemo(DemoPlan $plan, Progress $progress): array
    {
        $started = microtime(true);
        $out = Demo::prepareOut($plan->out);
        $demo = new Demo($plan);
        try {
            $results = $demo->run($out, $progress);
        } catch (Interrupted $e) {
            $progress->abandon();
            Server::stopAll();
            throw $e;
        }
        $demo->writeSummary($results, [], microtime(true) - $started, $out);
        if (file_put_contents("$out/demo.log", $demo->report($results)) === false) {
            throw new \RuntimeException("cannot write $out/demo.log");
        }
        return $results;
    }

    /**
     * The checks of a demo's results: a list of [check, scenario, measured (text), value,
     * target (text), met (bool)], with requests and bytes (per request) of the run.
     *
     * @param list<ScenarioResult> $results
     * @return array{requests: int, bytes: int, checks: list<array<string, mixed>>}
     */
    public static function check(DemoPlan $plan, array $results, int $pageKib): array
    {
        /* glibc serves a block this large with its own mmap: the bytes plus one page of header. */
        $expected = $plan->bytes / 1024 + $pageKib;
        $maxRequests = $plan->fpmMaxRequests;
        $checks = [];
        foreach ($results as $r) {
            $lifecycle = $r->scenario->lifecycle->name;
            $leak = $r->scenario->leak;
            $name = "$lifecycle {$leak->name()}";
            $a = $r->analysis;
            if ($r->error !== null || $a === null) {
                $checks[] = ['check' => 'scenario ran', 'scenario' => $name, 'measured' => (string) ($r->error ?? 'no analysis'),
                    'target' => 'no error', 'met' => false];
                continue;
            }
            $lifetime = in_array($leak->allocator, ['malloc', 'pemalloc'], true);
            if ($lifetime && $a['slope_vsz_kib'] !== null) {
                foreach ($leak->touch ? ['vsz', 'rss'] : ['vsz'] as $f) {
                    $slope = (float) $a["slope_{$f}_kib"];
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
            /* emalloc-small keeps a chunk cached after the first request: a plateau, not drift. */
            if ($leak->name() === 'emalloc' && $lifecycle !== 'worker') {
                /* The demo's fit within each serving process, over the requests one process served. */
                $processes = max(1, count($a['pids']));
                $served = $a['answered'] / $processes;
                $drift = $a['slope_vsz_kib'] !== null ? (float) $a['slope_vsz_kib'] * $served : null;
                $rss = $a['slope_rss_kib'] !== null ? (float) $a['slope_rss_kib'] * $served : 0.0;
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
            if ($lifecycle === 'fpm-max-requests') {
                /* Every child but the last serves pm.max_requests, the warm-up request included. */
                $served = $plan->requests + 1;
                $children = count($a['pids']);
                $want = (int) ceil($served / $maxRequests);
                $checks[] = [
                    'check' => 'sawtooth period',
                    'scenario' => $name,
                    'measured' => sprintf('%s (%d children for %d requests)', var_export($a['recycled_every'], true), $children, $served),
                    'value' => $a['recycled_every'],
                    'target' => "pm.max_requests = $maxRequests",
                    'met' => $a['recycled_every'] === $maxRequests && $children === $want,
                ];
            }
        }
        return ['requests' => $plan->requests, 'bytes' => $plan->bytes, 'checks' => $checks];
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
