<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * Turns one scenario's samples into numbers and a verdict: the growth per request
 * (slope), whether the serving process was recycled (the pm.max_requests sawtooth)
 * and whether it died on memory_limit.
 *
 * A sample is an array with at least: request (0 is the warm-up before any leak),
 * pid, ok, vsz_kb, rss_kb; optionally zend_usage, leaked_* and error.
 */
final class Analysis
{
    /** Below this share of the leaked bytes per request, memory counts as flat. */
    public const GROWTH_SHARE = 0.5;

    /**
     * Least-squares slope of y against x, fitted within each group with a common
     * slope (each group keeps its own intercept). A group is one serving process,
     * so a recycled child's fresh start does not pull the slope down.
     *
     * @param list<float|int> $x
     * @param list<float|int> $y
     * @param list<int|string> $group
     */
    public static function slope(array $x, array $y, array $group): ?float
    {
        $n = count($x);
        if ($n !== count($y) || $n !== count($group)) {
            throw new \InvalidArgumentException('x, y and group must have the same length');
        }
        $sums = [];
        for ($i = 0; $i < $n; $i++) {
            $g = (string) $group[$i];
            $sums[$g] ??= ['n' => 0, 'x' => 0.0, 'y' => 0.0];
            $sums[$g]['n']++;
            $sums[$g]['x'] += $x[$i];
            $sums[$g]['y'] += $y[$i];
        }
        $sxy = 0.0;
        $sxx = 0.0;
        for ($i = 0; $i < $n; $i++) {
            $s = $sums[(string) $group[$i]];
            $dx = $x[$i] - $s['x'] / $s['n'];
            $dy = $y[$i] - $s['y'] / $s['n'];
            $sxy += $dx * $dy;
            $sxx += $dx * $dx;
        }
        return $sxx > 0.0 ? $sxy / $sxx : null;
    }

    /**
     * Consecutive runs of the same pid, in request order.
     *
     * @param list<array<string, mixed>> $samples
     * @return list<array{pid: int, first: int, last: int, count: int}>
     */
    public static function segments(array $samples): array
    {
        $segments = [];
        foreach ($samples as $s) {
            if (empty($s['ok'])) {
                continue;
            }
            $last = count($segments) - 1;
            if ($last >= 0 && $segments[$last]['pid'] === (int) $s['pid']) {
                $segments[$last]['last'] = (int) $s['request'];
                $segments[$last]['count']++;
            } else {
                $segments[] = [
                    'pid' => (int) $s['pid'],
                    'first' => (int) $s['request'],
                    'last' => (int) $s['request'],
                    'count' => 1,
                ];
            }
        }
        return $segments;
    }

    /**
     * The sawtooth: the serving pid changed and memory fell back. Returns how many
     * requests each replaced process served (the recycling period), or null.
     *
     * @param list<array<string, mixed>> $samples
     */
    public static function recyclePeriod(array $samples): ?int
    {
        // Every request a process answered, the warm-up and unsampled ones included.
        $runs = [];
        foreach ($samples as $s) {
            if (empty($s['ok']) && empty($s['recycled'])) {
                continue;
            }
            $last = count($runs) - 1;
            if ($last >= 0 && $runs[$last]['pid'] === (int) $s['pid']) {
                $runs[$last]['count']++;
            } else {
                $runs[] = ['pid' => (int) $s['pid'], 'count' => 1];
            }
        }
        if (count($runs) < 2) {
            return null;
        }
        // The last process may not have served its full share yet; the first has
        // served the warm-up too, which counts against pm.max_requests as well.
        $served = array_column(array_slice($runs, 0, -1), 'count');
        sort($served);
        return $served[intdiv(count($served), 2)];
    }

    /**
     * Did the serving process die? Returns the number of the first request that
     * got no answer while the process was gone, and why, or null. When the server
     * replaced the dead process (Swoole's manager), replaced_by is the pid that
     * answered next and replaced_at the request it answered, else both are null;
     * deaths counts the processes that died.
     *
     * @param list<array<string, mixed>> $samples
     * @return array{request: int, reason: string, memory_limit: bool, deaths: int, replaced_by: ?int, replaced_at: ?int}|null
     */
    public static function death(array $samples): ?array
    {
        $death = null;
        $deadPids = [];
        foreach ($samples as $s) {
            if ($death !== null && !empty($s['ok']) && $death['replaced_by'] === null) {
                $death['replaced_by'] = (int) $s['pid'];
                $death['replaced_at'] = (int) $s['request'];
            }
            if (!empty($s['ok']) || empty($s['dead'])) {
                continue;
            }
            $deadPids[(int) $s['pid']] = true;
            if ($death !== null) {
                continue;
            }
            $reason = (string) ($s['error'] ?? 'no answer');
            $death = [
                'request' => (int) $s['request'],
                'reason' => $reason,
                'memory_limit' => str_contains($reason, 'Allowed memory size'),
                'replaced_by' => null,
                'replaced_at' => null,
            ];
        }
        return $death === null ? null : $death + ['deaths' => count($deadPids)];
    }

    /**
     * Every number and the verdict for one scenario.
     *
     * @param list<array<string, mixed>> $samples
     * @return array<string, mixed>
     */
    public static function analyze(array $samples, int $bytes): array
    {
        $x = $vsz = $rss = $zend = $group = $fitted = [];
        $baseline = null;
        foreach ($samples as $s) {
            if (!empty($s['ok']) && $baseline === null) {
                $baseline = $s;
            }
            // Request 0 is the warm-up: a baseline, not a leak. The page's own figures
            // (Zend usage) are read inside the request, so they only compare from 1 on.
            if (empty($s['ok']) || (int) $s['request'] < 1) {
                continue;
            }
            $fitted[] = ($s['error'] ?? null) === null;
            $x[] = (int) $s['request'];
            $vsz[] = (int) $s['vsz_kb'];
            $rss[] = (int) $s['rss_kb'];
            $zend[] = (int) ($s['zend_usage'] ?? 0);
            $group[] = (int) $s['pid'];
        }
        // A request whose leak was refused leaked nothing: fit the ones that leaked,
        // unless every one was refused.
        if (in_array(true, $fitted, true)) {
            foreach ([&$x, &$vsz, &$rss, &$zend, &$group] as &$column) {
                $column = array_values(array_filter($column, fn ($i) => $fitted[$i], ARRAY_FILTER_USE_KEY));
            }
            unset($column);
        }
        $slopeVsz = self::slope($x, $vsz, $group);
        $slopeRss = self::slope($x, $rss, $group);
        $slopeZend = self::slope($x, $zend, $group);
        $period = self::recyclePeriod($samples);
        $death = self::death($samples);
        $pids = array_values(array_unique(array_map(fn ($s) => (int) $s['pid'], $samples)));

        // Requests the page answered but whose leak call threw (memory.max_leak, a size
        // over memory_limit): they leaked nothing, and the verdict must say so.
        $refused = array_values(array_filter($samples, fn ($s) => (int) $s['request'] > 0 && !empty($s['ok']) && ($s['error'] ?? null) !== null));
        $threshold = self::GROWTH_SHARE * $bytes / 1024;
        $grows = $slopeVsz !== null && $slopeVsz >= $threshold;
        if ($slopeVsz === null) {
            $verdict = 'no-data';
        } elseif ($death !== null) {
            $verdict = 'died';
        } elseif (!in_array(true, $fitted, true)) {
            $verdict = 'refused';
        } elseif ($grows && $period !== null) {
            $verdict = 'recycled';
        } elseif ($grows) {
            $verdict = 'retained';
        } else {
            $verdict = 'reclaimed';
        }
        return [
            'requests' => count(array_filter($samples, fn ($s) => (int) $s['request'] > 0)),
            'answered' => count(array_filter($samples, fn ($s) => (int) $s['request'] > 0 && (!empty($s['ok']) || !empty($s['recycled'])))),
            'sampled' => count($fitted),
            'pids' => $pids,
            'slope_vsz_kib' => $slopeVsz,
            'slope_rss_kib' => $slopeRss,
            'slope_zend_usage_bytes' => $slopeZend,
            'baseline_vsz_kb' => $baseline['vsz_kb'] ?? null,
            'baseline_rss_kb' => $baseline['rss_kb'] ?? null,
            'first_vsz_kb' => $vsz[0] ?? null,
            'last_vsz_kb' => $vsz !== [] ? $vsz[count($vsz) - 1] : null,
            'peak_vsz_kb' => $vsz !== [] ? max($vsz) : null,
            'first_rss_kb' => $rss[0] ?? null,
            'last_rss_kb' => $rss !== [] ? $rss[count($rss) - 1] : null,
            'peak_rss_kb' => $rss !== [] ? max($rss) : null,
            'recycled_every' => $period,
            'died_at' => $death['request'] ?? null,
            'death_reason' => $death['reason'] ?? null,
            'memory_limit_death' => $death['memory_limit'] ?? false,
            'deaths' => $death['deaths'] ?? 0,
            'replaced_by_pid' => $death['replaced_by'] ?? null,
            'replaced_at' => $death['replaced_at'] ?? null,
            'refused' => count($refused),
            'refused_reason' => $refused[0]['error'] ?? null,
            'verdict' => $verdict,
        ];
    }

    /** The verdict in words, for one scenario's analysis. */
    public static function words(array $a, ?string $memoryLimit = null): string
    {
        $words = self::verdictWords($a, $memoryLimit);
        if (($a['refused'] ?? 0) > 0 && $a['verdict'] !== 'refused') {
            $words .= sprintf(' (%d request%s refused the leak: %s)', $a['refused'], $a['refused'] === 1 ? '' : 's', $a['refused_reason']);
        }
        return $words;
    }

    private static function verdictWords(array $a, ?string $memoryLimit): string
    {
        switch ($a['verdict']) {
            case 'refused':
                return 'nothing leaked: every request refused it: ' . $a['refused_reason'];
            case 'reclaimed':
                return 'reclaimed at the end of every request';
            case 'retained':
                return "retained for the process's life";
            case 'recycled':
                return sprintf('retained until the process is replaced every %d requests (sawtooth)', $a['recycled_every']);
            case 'died':
                $limit = $memoryLimit !== null ? " $memoryLimit" : '';
                $words = $a['memory_limit_death']
                    ? sprintf('never reclaimed (the request never ends): memory_limit%s fatal at request %d', $limit, $a['died_at'])
                    : sprintf('the process died at request %d: %s', $a['died_at'], $a['death_reason']);
                if (($a['replaced_by_pid'] ?? null) !== null) {
                    $deaths = (int) ($a['deaths'] ?? 1);
                    $words .= sprintf('; a new process (pid %d) answered from request %d%s', $a['replaced_by_pid'], $a['replaced_at'],
                        $deaths > 1 ? " ($deaths processes died)" : '');
                }
                return $words;
            default:
                return 'too few readings for a slope';
        }
    }
}
