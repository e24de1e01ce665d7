<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * ./memlab demo's engine: the seed's experiment (php -S, curl, top) in every lifecycle. It runs
 * each scenario of a plan (a leak in a lifecycle: Runner), analyses its readings (Analysis),
 * and reports: a top-like table per scenario and a column of verdicts (Report), one CSV per
 * scenario, summary.json (Summary) and the plots (Plot), all in one output folder that holds
 * exactly one run's files.
 */
final class Demo
{
    /** The summary's file name in the output folder. */
    public const SUMMARY = 'summary.json';

    public function __construct(private DemoPlan $plan)
    {
    }

    /**
     * Every file name the demo writes into an output folder: the CSV of every possible
     * scenario, summary.json, plot.gp, memory.png and memory.svg.
     *
     * @return list<string>
     */
    public static function fileNames(): array
    {
        return array_merge(Scenario::allCsvNames(), [self::SUMMARY], Plot::FILES);
    }

    /**
     * Makes the output folder if needed and removes what an earlier demo wrote there (the
     * names of fileNames() only: nothing else in the folder is touched). Returns its real
     * path; throws \RuntimeException when it cannot.
     */
    public static function prepareOut(string $dir): string
    {
        if (!is_dir($dir) && !@mkdir($dir, 0777, true) && !is_dir($dir)) {
            $why = preg_replace('/^mkdir\(\): /', '', error_get_last()['message'] ?? '');
            throw new \RuntimeException("cannot create the output folder $dir" . ($why !== '' ? ": $why" : ''));
        }
        $real = realpath($dir) ?: $dir;
        foreach (self::fileNames() as $name) {
            $file = "$real/$name";
            if ((is_file($file) || is_link($file)) && !@unlink($file)) {
                throw new \RuntimeException("cannot remove $file, left by an earlier run");
            }
        }
        return $real;
    }

    /**
     * Runs every scenario of the plan in turn and writes each one's CSV into $out. A scenario
     * that cannot run (its server does not start, ...) is recorded as failed and the next one
     * runs. Throws Interrupted on Ctrl-C, with every server stopped.
     *
     * @return list<ScenarioResult>
     */
    public function run(string $out, Progress $progress): array
    {
        $runner = new Runner($this->plan->requests);
        $scenarios = $this->plan->scenarios();
        $results = [];
        foreach ($scenarios as $i => $scenario) {
            Signals::check();
            $lifecycle = $scenario->lifecycle;
            $leak = $scenario->leak;
            $progress->start($i + 1, count($scenarios), $lifecycle->name, $leak->name());
            $t0 = microtime(true);
            try {
                $samples = $runner->run($lifecycle, $leak, fn (int $done, int $total) => $progress->step($done, $total));
            } catch (Interrupted $e) {
                throw $e;
            } catch (\Throwable $e) {
                /* Ctrl-C reaches the servers too, which may be why this one failed. */
                Signals::check();
                $progress->finish(0, $this->plan->requests, 'FAILED: ' . strtok($e->getMessage(), "\n"));
                $results[] = ScenarioResult::failed($scenario, $e->getMessage(), microtime(true) - $t0);
                continue;
            }
            $analysis = Analysis::analyze($samples, $leak, Lifecycle::zendMm());
            $csv = $scenario->csvName();
            if (file_put_contents("$out/$csv", Report::csv($samples)) === false) {
                throw new \RuntimeException("cannot write $out/$csv");
            }
            $progress->finish($analysis['answered'], $this->plan->requests, $analysis['verdict']);
            $results[] = ScenarioResult::ran($scenario, $samples, $analysis, $csv, microtime(true) - $t0, $runner->pool, $runner->release, $runner->left);
        }
        return $results;
    }

    /**
     * The report on stdout: what the tables show, a table per scenario under its lifecycle's
     * description, then every verdict.
     *
     * @param list<ScenarioResult> $results
     */
    public function report(array $results): string
    {
        $text = "Each table follows the processes that served the requests. VIRT and RES are read the way\n"
            . "top reads them (VmSize, VmRSS in /proc/PID/status) after each request; Zend usage and\n"
            . "leaked come from the page's memory_stats(), inside the request. Request 0 is a warm-up\n"
            . "that leaks nothing, one per serving process. Each leak is judged by the reading that can\n"
            . "see it, its witness: VIRT for blocks that are their own mmap, glibc's in-use\n"
            . "(mallinfo2()) for smaller mallocs, Zend usage for smaller emallocs. The witness column\n"
            . "is its growth in that process: VIRT since its warm-up, the page's figures (read inside\n"
            . "the request, after its leak) since its first leaking request.\n";
        $current = null;
        foreach ($results as $r) {
            $lifecycle = $r->scenario->lifecycle;
            $leak = $r->scenario->leak;
            if ($lifecycle->name !== $current) {
                $current = $lifecycle->name;
                $text .= "\n== {$lifecycle->name}: {$lifecycle->description}\n";
            }
            $text .= "\n";
            if ($r->error !== null || $r->analysis === null) {
                $text .= "{$lifecycle->name} · {$leak->name()}: failed: {$r->error}\n";
                continue;
            }
            $title = sprintf('%s · %s (%s byte%s per request%s)', $lifecycle->name, $leak->name(), number_format($leak->perRequest()),
                $leak->perRequest() === 1 ? '' : 's',
                $leak->blocks() > 1 ? sprintf(' in %d blocks of %s, written', $leak->blocks(), number_format($leak->blockBytes())) : '');
            $text .= Report::table($title, $leak, $r->samples, $r->analysis)
                . Report::heldLine($leak, $r->analysis)
                . (in_array($lifecycle->name, ['worker', 'swoole'], true) && !Lifecycle::zendMm()
                    ? '  ' . Lifecycle::UNTRACKED_NATIVE . "\n" : Report::leftLines($leak, $r->left))
                . Report::releaseLine($r->release)
                . Report::poolTable($r->pool);
        }
        $text .= "\nVerdicts (slopes are least-squares fits per serving process):\n";
        foreach ($results as $r) {
            $text .= $r->verdictLine() . "\n";
        }
        return $text;
    }

    /**
     * Draws memory.png and memory.svg (and plot.gp) in $out from the CSVs of the scenarios
     * that ran; returns the figures' names (none when no scenario ran). Throws \RuntimeException when there is nothing to
     * plot or gnuplot fails.
     *
     * @param list<ScenarioResult> $results
     * @return list<string>
     */
    public function draw(array $results, string $out): array
    {
        $runs = [];
        $titles = [];
        foreach ($results as $r) {
            if ($r->error === null && $r->analysis !== null && $r->csv !== null) {
                $runs[$r->scenario->lifecycle->name][$r->scenario->leak->name()] = ['csv' => $r->csv, 'analysis' => $r->analysis];
                $titles[$r->scenario->lifecycle->name] = $r->scenario->lifecycle->title;
            }
        }
        if ($runs === []) {
            return [];
        }
        $heading = sprintf('./memlab demo: the serving process after each request that leaks %s bytes, growth since a warm-up request', number_format($this->plan->bytes));
        return Plot::render($runs, $titles, $out, $heading);
    }

    /**
     * Writes summary.json into $out.
     *
     * @param list<ScenarioResult> $results
     * @param list<string> $plots the figures drawn
     */
    public function writeSummary(array $results, array $plots, float $seconds, string $out): void
    {
        if (file_put_contents("$out/" . self::SUMMARY, Summary::json(Summary::build($this->plan, $results, $plots, $seconds))) === false) {
            throw new \RuntimeException("cannot write $out/" . self::SUMMARY);
        }
    }
}
