<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/** summary.json: the run's settings and, per scenario, every slope and the verdict. */
final class Summary
{
    /** The keys every scenario has, whatever happened to it. */
    public const SCENARIO_KEYS = ['lifecycle', 'leak', 'allocator', 'touch', 'description', 'seconds', 'error'];

    /** The keys a scenario that ran has on top of those. */
    public const RESULT_KEYS = [
        'csv', 'requests', 'answered', 'sampled', 'pids', 'slope_vsz_kib', 'slope_rss_kib',
        'slope_zend_usage_bytes', 'slope_malloc_in_use_bytes', 'leak_bytes', 'zend_mm', 'witness', 'slope_witness_bytes',
        'growth_threshold_bytes', 'one_request', 'baseline_vsz_kb', 'baseline_rss_kb', 'first_vsz_kb', 'last_vsz_kb',
        'peak_vsz_kb', 'first_rss_kb', 'last_rss_kb', 'peak_rss_kb', 'held_vsz_kb', 'held_rss_kb', 'recycled_every', 'died_at',
        'death_reason', 'memory_limit_death', 'deaths', 'replaced_by_pid', 'replaced_at', 'refused', 'refused_reason', 'verdict', 'verdict_text', 'verdict_line',
        'pool', 'release', 'left',
    ];

    /**
     * Everything summary.json holds: generated (UTC), php (version), requests, bytes,
     * fpm_max_requests, worker_memory_limit, seconds, units, scenarios (SCENARIO_KEYS, plus
     * RESULT_KEYS for those that ran; leak is its name such as malloc+touch, allocator and
     * touch its parts; zend_mm: false when the servers ran without the Zend MM, USE_ZEND_ALLOC=0,
     * where emalloc is judged as a malloc; left: what memory.track saw each leaking request leave
     * behind, for a lifecycle that tracks, else null) and plots (file names).
     *
     * @param list<ScenarioResult> $results
     * @param list<string> $plots
     */
    public static function build(DemoPlan $plan, array $results, array $plots, float $seconds): array
    {
        $scenarios = [];
        foreach ($results as $r) {
            $lifecycle = $r->scenario->lifecycle;
            $leak = $r->scenario->leak;
            $s = [
                'lifecycle' => $lifecycle->name,
                'leak' => $leak->name(),
                'allocator' => $leak->allocator,
                'touch' => $leak->touch,
                'description' => $lifecycle->description,
                'seconds' => round($r->seconds, 2),
                'error' => $r->error,
            ];
            if ($r->error === null && $r->analysis !== null) {
                $s['csv'] = $r->csv;
                $s += $r->analysis;
                $s['verdict_text'] = Analysis::words($r->analysis, $lifecycle->memoryLimit);
                $s['verdict_line'] = $r->verdictLine();
                $s['pool'] = $r->pool === null ? null : self::pool($r->pool);
                $s['release'] = $r->release;
                $s['left'] = self::left($r->left);
            }
            $scenarios[] = $s;
        }
        return [
            'generated' => gmdate('Y-m-d\TH:i:s\Z'),
            'php' => PHP_VERSION,
            'requests' => $plan->requests,
            'bytes' => $plan->bytes,
            'fpm_max_requests' => $plan->fpmMaxRequests,
            'worker_memory_limit' => $plan->workerMemoryLimit,
            'seconds' => round($seconds, 2),
            'units' => ['slope_vsz_kib' => 'KiB per request', 'slope_rss_kib' => 'KiB per request',
                'slope_zend_usage_bytes' => 'bytes per request', 'slope_malloc_in_use_bytes' => 'bytes per request',
                'slope_witness_bytes' => 'bytes per request', 'growth_threshold_bytes' => 'bytes per request',
                'leak_bytes' => 'bytes per request', '*_kb' => 'KiB', 'pool' => 'KiB (pss, pss_anon, private_*, swap, rss_*: KiB)',
                'release' => 'bytes (rss_kb: KiB)'],
            'scenarios' => $scenarios,
            'plots' => $plots,
        ];
    }

    /**
     * The pool as summary.json holds it: children (Runner::$pool's rows, with uss_kb added)
     * and sum (rss_kb, pss_kb, uss_kb, rss_shmem_kb over the children), in KiB.
     */
    private static function pool(array $pool): array
    {
        $sum = ['rss_kb' => 0, 'pss_kb' => 0, 'uss_kb' => 0, 'rss_shmem_kb' => 0];
        $children = [];
        foreach ($pool as $child) {
            $row = Report::poolRow($child);
            $children[] = $child + ['uss_kb' => $row['uss']];
            $sum['rss_kb'] += $row['rss'];
            $sum['pss_kb'] += $row['pss'];
            $sum['uss_kb'] += $row['uss'];
            $sum['rss_shmem_kb'] += $row['shmem'];
        }
        return ['children' => $children, 'sum' => $sum];
    }

    /**
     * What the leaking requests of the tracked server left behind (Runner::$left, each the
     * page's Checkpoint::left()): a list of the distinct answers, each with requests (how many
     * gave it), blocks, bytes and sites (file, line, function, extension, blocks, bytes), the
     * most frequent first; null when there is none (the lifecycle does not track).
     */
    private static function left(?array $left): ?array
    {
        $seen = [];
        foreach ($left ?? [] as $answer) {
            $key = json_encode($answer);
            $seen[$key] ??= ['requests' => 0] + $answer;
            $seen[$key]['requests']++;
        }
        if ($seen === []) {
            return null;
        }
        usort($seen, static fn (array $a, array $b) => $b['requests'] <=> $a['requests']);
        return $seen;
    }

    /** The summary as the file's text. */
    public static function json(array $summary): string
    {
        return json_encode($summary, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR) . "\n";
    }
}
