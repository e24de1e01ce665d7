<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/** summary.json: the run's settings and, per scenario, every slope and the verdict. */
final class Summary
{
    /** The keys every scenario has, whatever happened to it. */
    public const SCENARIO_KEYS = ['lifecycle', 'alloc', 'allocator', 'touch', 'description', 'seconds', 'error'];

    /** The keys a scenario that ran has on top of those. */
    public const RESULT_KEYS = [
        'csv', 'requests', 'answered', 'sampled', 'pids', 'slope_vsz_kib', 'slope_rss_kib',
        'slope_zend_usage_bytes', 'baseline_vsz_kb', 'baseline_rss_kb', 'first_vsz_kb', 'last_vsz_kb',
        'peak_vsz_kb', 'first_rss_kb', 'last_rss_kb', 'peak_rss_kb', 'recycled_every', 'died_at',
        'death_reason', 'memory_limit_death', 'refused', 'refused_reason', 'verdict', 'verdict_text', 'verdict_line',
    ];

    /** The memory_limit worth naming in a lifecycle's verdict. */
    public static function limitOf(Options $o, string $lifecycle): ?string
    {
        return $lifecycle === 'worker' ? $o->workerMemoryLimit : null;
    }

    /**
     * Everything summary.json holds.
     *
     * @param list<array<string, mixed>> $results one per scenario: lifecycle, alloc, error,
     *        samples, analysis, csv, seconds
     * @param list<string> $plots
     */
    public static function build(Options $o, array $results, array $plots, float $seconds): array
    {
        $scenarios = [];
        foreach ($results as $r) {
            $s = [
                'lifecycle' => $r['lifecycle'],
                'alloc' => $r['alloc'],
                'allocator' => Scenario::allocator($r['alloc']),
                'touch' => Scenario::touches($r['alloc']),
                'description' => Scenario::describe($r['lifecycle'], $o),
                'seconds' => round($r['seconds'], 2),
                'error' => $r['error'],
            ];
            if ($r['error'] === null) {
                $s['csv'] = $r['csv'];
                $s += $r['analysis'];
                $s['verdict_text'] = Analysis::words($r['analysis'], self::limitOf($o, $r['lifecycle']));
                $s['verdict_line'] = Report::verdictLine($r['lifecycle'], $r['alloc'], $r['analysis'], self::limitOf($o, $r['lifecycle']));
            }
            $scenarios[] = $s;
        }
        return [
            'generated' => gmdate('Y-m-d\TH:i:s\Z'),
            'php' => PHP_VERSION,
            'requests' => $o->requests,
            'bytes' => $o->bytes,
            'fpm_max_requests' => $o->maxRequests,
            'worker_memory_limit' => $o->workerMemoryLimit,
            'seconds' => round($seconds, 2),
            'units' => ['slope_vsz_kib' => 'KiB per request', 'slope_rss_kib' => 'KiB per request',
                'slope_zend_usage_bytes' => 'bytes per request', '*_kb' => 'KiB'],
            'scenarios' => $scenarios,
            'plots' => $plots,
        ];
    }

    /** The summary as the file's text. */
    public static function json(array $summary): string
    {
        return json_encode($summary, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR) . "\n";
    }
}
