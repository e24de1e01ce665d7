<?php

declare(strict_types=1);

// ./memlab demo: the seed's experiment (php -S, curl, top) in every lifecycle.

namespace MemoryLab\Lab;

require __DIR__ . '/autoload.php';

/** Runs the demo; returns the exit status. */
function main(array $args): int
{
    $started = microtime(true);
    try {
        $o = Options::parse($args, root());
    } catch (\InvalidArgumentException $e) {
        fwrite(STDERR, 'memlab demo: ' . $e->getMessage() . "\n");
        return 2;
    }
    if ($o->help) {
        echo Options::usage();
        return 0;
    }
    Signals::install();
    if (!is_dir($o->out) && !@mkdir($o->out, 0777, true)) {
        fwrite(STDERR, "memlab demo: cannot create {$o->out}\n");
        return 1;
    }
    $out = realpath($o->out);

    $progress = new Progress();
    $runner = new Runner($o);
    $count = count($o->lifecycles) * count($o->allocs);
    $progress->note(sprintf(
        '%d scenarios x %d requests of %s bytes; writing %s',
        $count, $o->requests, number_format($o->bytes), $out,
    ));
    $results = [];
    $failed = false;
    $i = 0;
    try {
        foreach ($o->lifecycles as $lifecycle) {
            foreach ($o->allocs as $alloc) {
                Signals::check();
                $progress->start(++$i, $count, $lifecycle, $alloc);
                $t0 = microtime(true);
                try {
                    $samples = $runner->run($lifecycle, $alloc, fn ($done, $total) => $progress->step($done, $total));
                } catch (Interrupted $e) {
                    throw $e;
                } catch (\Throwable $e) {
                    $progress->finish(0, $o->requests, 'FAILED: ' . $e->getMessage());
                    $results[] = ['lifecycle' => $lifecycle, 'alloc' => $alloc, 'error' => $e->getMessage(),
                        'samples' => [], 'analysis' => null, 'seconds' => microtime(true) - $t0];
                    $failed = true;
                    continue;
                }
                $analysis = Analysis::analyze($samples, $o->bytes);
                $csv = Scenario::slug($lifecycle, $alloc) . '.csv';
                file_put_contents("$out/$csv", Report::csv($samples));
                $progress->finish($analysis['answered'], $o->requests, $analysis['verdict']);
                $results[] = ['lifecycle' => $lifecycle, 'alloc' => $alloc, 'error' => null, 'samples' => $samples,
                    'analysis' => $analysis, 'csv' => $csv, 'seconds' => microtime(true) - $t0];
            }
        }
    } catch (Interrupted $e) {
        $progress->note($e->getMessage() . '; the servers are stopped');
        return 130;
    }

    print_report($o, $results);

    $plots = [];
    if ($o->plot) {
        try {
            $plots = draw($o, $results, $out);
        } catch (\RuntimeException $e) {
            fwrite(STDERR, 'memlab demo: ' . $e->getMessage() . "\n");
            $failed = true;
        }
    }
    $seconds = microtime(true) - $started;
    file_put_contents("$out/summary.json", Summary::json(Summary::build($o, $results, $plots, $seconds)) . "\n");
    $progress->note(sprintf('wrote %s: %d CSV, summary.json%s in %.1f s', $out, count(array_filter($results, fn ($r) => $r['error'] === null)), $plots ? ', memory.png, memory.svg' : '', $seconds));
    return $failed ? 1 : 0;
}

/** The tables, lifecycle by lifecycle, then every verdict. */
function print_report(Options $o, array $results): void
{
    echo "Each table follows the process that served the requests. VIRT and RES are read the way\n",
        "top reads them (VmSize, VmRSS in /proc/PID/status) after each request; Zend usage and\n",
        "leaked come from the page's memory_stats(), inside the request. Request 0 is a warm-up\n",
        "that leaks nothing.\n";
    $current = null;
    foreach ($results as $r) {
        if ($r['lifecycle'] !== $current) {
            $current = $r['lifecycle'];
            echo "\n== {$current}: " . Scenario::describe($current, $o) . "\n";
        }
        echo "\n";
        if ($r['error'] !== null) {
            echo "{$r['lifecycle']} · {$r['alloc']}: failed: {$r['error']}\n";
            continue;
        }
        $title = sprintf('%s · %s (%s bytes per request)', $r['lifecycle'], $r['alloc'], number_format($o->bytes));
        echo Report::table($title, $r['alloc'], $r['samples'], $r['analysis']);
    }
    echo "\nVerdicts (slopes are least-squares fits per serving process):\n";
    foreach ($results as $r) {
        if ($r['error'] !== null) {
            printf("%-16s %-13s failed: %s\n", $r['lifecycle'], $r['alloc'], $r['error']);
            continue;
        }
        echo Report::verdictLine($r['lifecycle'], $r['alloc'], $r['analysis'], Summary::limitOf($o, $r['lifecycle'])), "\n";
    }
}

/** Draws memory.png and memory.svg; returns their names. */
function draw(Options $o, array $results, string $out): array
{
    $runs = [];
    $titles = [];
    foreach ($results as $r) {
        if ($r['error'] === null) {
            $runs[$r['lifecycle']][$r['alloc']] = ['csv' => "$out/{$r['csv']}", 'analysis' => $r['analysis']];
            $titles[$r['lifecycle']] = Scenario::short($r['lifecycle'], $o);
        }
    }
    if ($runs === []) {
        return [];
    }
    $heading = sprintf('./memlab demo: the serving process after each request that leaks %s bytes, growth since a warm-up request', number_format($o->bytes));
    return array_map('basename', Plot::render($runs, $titles, $out, $heading));
}

exit(main(array_slice($argv, 1)));
