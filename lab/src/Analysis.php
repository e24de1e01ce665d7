<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * Turns one scenario's samples into numbers and a verdict: the growth per request
 * (slope) of the reading that can see the leak (its witness: VmSize, glibc's in-use or
 * Zend usage), whether the serving process was recycled (the pm.max_requests sawtooth)
 * and whether it died on memory_limit.
 *
 * A sample is an array with at least: request (0 is a warm-up before any leak, one per
 * serving process), pid, ok, vsz_kb, rss_kb; optionally zend_usage, malloc_in_use,
 * pid_request (memory_stats()['request']), leaked_* and error.
 */
final class Analysis
{
    /** Below this share of the leaked bytes per request, memory counts as flat. */
    public const GROWTH_SHARE = 0.5;

    /**
     * The readings a leak is judged by (see Leak::witness()): name => [label, why it sees the
     * leak]. vsz is read from outside the process (/proc/PID/status); the others by the page,
     * inside the request, from memory_stats().
     */
    public const WITNESSES = [
        'vsz' => ['VIRT', 'each block is its own mmap, which VIRT (VmSize) shows whole'],
        'malloc_in_use' => ['glibc in use', 'a malloc under 128 KiB comes from glibc\'s heap, which VIRT shows only in 132 KiB steps'],
        'zend_usage' => ['Zend usage', 'an emalloc up to 2 MiB - 4 KiB lives in the Zend MM\'s 2 MiB chunks, which VIRT shows a chunk at a time'],
    ];

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
     * The sawtooth: processes that served requests and were replaced (the Runner marks the
     * request after which a process was gone as recycled). Returns how many requests each
     * replaced process served (the recycling period; the median when they differ), or null.
     * Processes that take turns (a php-fpm pool) are not replaced: they stay alive.
     *
     * @param list<array<string, mixed>> $samples
     */
    public static function recyclePeriod(array $samples): ?int
    {
        // Every request a process answered, the warm-up and unsampled ones included.
        $served = [];
        $recycled = [];
        foreach ($samples as $s) {
            if (empty($s['ok']) && empty($s['recycled'])) {
                continue;
            }
            $pid = (int) $s['pid'];
            $served[$pid] = ($served[$pid] ?? 0) + 1;
            if (!empty($s['recycled'])) {
                $recycled[$pid] = true;
            }
        }
        if ($recycled === []) {
            return null;
        }
        // The first process has served the warm-up too, which counts against pm.max_requests as well.
        $counts = array_values(array_intersect_key($served, $recycled));
        sort($counts);
        return $counts[intdiv(count($counts), 2)];
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
     * Every number and the verdict for one scenario. $leak is what each request leaked: a Leak
     * (its witness() judges it), or a number of bytes, judged by VmSize as a block that is its
     * own mmap. $zendMm says whether the servers ran with the Zend MM (see Lifecycle::zendMm()):
     * without it an emalloc is a malloc, judged as one, and nothing takes it back at request end.
     *
     * The verdict compares the slope of the witness (bytes per request, fitted within each
     * serving process against the requests that process served) with GROWTH_SHARE of the bytes
     * leaked per request: at or above it, the leak stays (retained, recycled, never-reclaimed);
     * below, it went back (reclaimed). Other verdicts: died (the serving process died), refused
     * (every leak was refused), no-data (too few readings for a slope), unseen (glibc's in-use
     * did not move, though the page's counter says malloc or pemalloc leaked: glibc took the
     * blocks from its per-thread cache, which mallinfo2() counts as in use already).
     *
     * @param list<array<string, mixed>> $samples
     * @return array<string, mixed>
     */
    public static function analyze(array $samples, int|Leak $leak, bool $zendMm = true): array
    {
        $bytes = $leak instanceof Leak ? $leak->perRequest() : $leak;
        $witness = $leak instanceof Leak ? $leak->witness($zendMm) : 'vsz';
        $emalloc = $leak instanceof Leak && $leak->allocator === 'emalloc';

        $x = $vsz = $rss = $zend = $malloc = $group = $fitted = [];
        $baseline = null;
        $served = [];
        foreach ($samples as $s) {
            if (!empty($s['ok']) && $baseline === null) {
                $baseline = $s;
            }
            if (empty($s['ok'])) {
                continue;
            }
            // x is the count of requests this process has answered: processes that take
            // turns (a php-fpm pool) each grow by the requests they served.
            $pid = (int) $s['pid'];
            $served[$pid] = ($served[$pid] ?? 0) + 1;
            // Request 0 is the warm-up: a baseline, not a leak. The page's own figures
            // (Zend usage, glibc's in-use) are read inside the request, so they only compare from 1 on.
            if ((int) $s['request'] < 1) {
                continue;
            }
            $fitted[] = ($s['error'] ?? null) === null;
            $x[] = $served[$pid];
            $vsz[] = (int) $s['vsz_kb'];
            $rss[] = (int) $s['rss_kb'];
            $zend[] = (int) ($s['zend_usage'] ?? 0);
            $malloc[] = (int) ($s['malloc_in_use'] ?? 0);
            $group[] = $pid;
        }
        // A request whose leak was refused leaked nothing: fit the ones that leaked,
        // unless every one was refused.
        if (in_array(true, $fitted, true)) {
            foreach ([&$x, &$vsz, &$rss, &$zend, &$malloc, &$group] as &$column) {
                $column = array_values(array_filter($column, fn ($i) => $fitted[$i], ARRAY_FILTER_USE_KEY));
            }
            unset($column);
        }
        $slopeVsz = self::slope($x, $vsz, $group);
        $slopeRss = self::slope($x, $rss, $group);
        $slopeZend = self::slope($x, $zend, $group);
        $slopeMalloc = self::slope($x, $malloc, $group);
        $slopeWitness = match ($witness) {
            'vsz' => $slopeVsz === null ? null : $slopeVsz * 1024,
            'zend_usage' => $slopeZend,
            'malloc_in_use' => $slopeMalloc,
        };
        $period = self::recyclePeriod($samples);
        $death = self::death($samples);
        $pids = array_values(array_unique(array_map(fn ($s) => (int) $s['pid'], $samples)));
        $oneRequest = self::oneRequest($samples);
        $held = self::held($samples);

        // Requests the page answered but whose leak call threw (memory.max_leak, a size
        // over memory_limit): they leaked nothing, and the verdict must say so.
        $refused = array_values(array_filter($samples, fn ($s) => (int) $s['request'] > 0 && !empty($s['ok']) && ($s['error'] ?? null) !== null));
        $threshold = self::GROWTH_SHARE * $bytes;
        $grows = $slopeWitness !== null && $slopeWitness >= $threshold;
        if ($death !== null) {
            $verdict = 'died';
        } elseif ($slopeWitness === null) {
            $verdict = 'no-data';
        } elseif (!in_array(true, $fitted, true)) {
            $verdict = 'refused';
        } elseif ($grows && $period !== null) {
            $verdict = 'recycled';
        } elseif ($grows && $emalloc && $oneRequest) {
            $verdict = 'never-reclaimed';
        } elseif ($grows) {
            $verdict = 'retained';
        } elseif ($witness === 'malloc_in_use' && $leak instanceof Leak && self::counted($samples, $leak->leakedKey())) {
            $verdict = 'unseen';
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
            'slope_malloc_in_use_bytes' => $slopeMalloc,
            'leak_bytes' => $bytes,
            'zend_mm' => $zendMm,
            'witness' => $witness,
            'slope_witness_bytes' => $slopeWitness,
            'growth_threshold_bytes' => $threshold,
            'one_request' => $oneRequest,
            'baseline_vsz_kb' => $baseline['vsz_kb'] ?? null,
            'baseline_rss_kb' => $baseline['rss_kb'] ?? null,
            'first_vsz_kb' => $vsz[0] ?? null,
            'last_vsz_kb' => $vsz !== [] ? $vsz[count($vsz) - 1] : null,
            'peak_vsz_kb' => $vsz !== [] ? max($vsz) : null,
            'first_rss_kb' => $rss[0] ?? null,
            'last_rss_kb' => $rss !== [] ? $rss[count($rss) - 1] : null,
            'peak_rss_kb' => $rss !== [] ? max($rss) : null,
            'held_vsz_kb' => $held['vsz_kb'],
            'held_rss_kb' => $held['rss_kb'],
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

    /**
     * Whether the page's counter $key (leaked_malloc, leaked_pemalloc) climbed within some
     * process: the page says it leaked, whatever the witness saw.
     *
     * @param list<array<string, mixed>> $samples
     */
    public static function counted(array $samples, string $key): bool
    {
        $first = [];
        foreach ($samples as $s) {
            if (empty($s['ok']) || !isset($s[$key])) {
                continue;
            }
            $pid = (int) $s['pid'];
            $first[$pid] ??= (int) $s[$key];
            if ((int) $s[$key] > $first[$pid]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether each process served all its requests inside one PHP request (a long-running
     * worker, Swoole): the page's memory_stats()['request'] never moved within a process that
     * answered twice or more. False when no process answered twice or a reading lacks it.
     *
     * @param list<array<string, mixed>> $samples
     */
    public static function oneRequest(array $samples): bool
    {
        $seen = [];
        $twice = false;
        foreach ($samples as $s) {
            if (empty($s['ok'])) {
                continue;
            }
            if (!isset($s['pid_request'])) {
                return false;
            }
            $pid = (int) $s['pid'];
            if (isset($seen[$pid])) {
                if ($seen[$pid] !== (int) $s['pid_request']) {
                    return false;
                }
                $twice = true;
            }
            $seen[$pid] = (int) $s['pid_request'];
        }
        return $twice;
    }

    /**
     * What the serving processes still hold after the scenario's requests: VmSize and VmRSS
     * after each process's last leaking request minus after its warm-up, in KiB, the mean over
     * the processes that had both readings (null for none).
     *
     * @param list<array<string, mixed>> $samples
     * @return array{vsz_kb: ?int, rss_kb: ?int}
     */
    public static function held(array $samples): array
    {
        $warm = $last = [];
        foreach ($samples as $s) {
            if (empty($s['ok'])) {
                continue;
            }
            $pid = (int) $s['pid'];
            if ((int) $s['request'] < 1) {
                $warm[$pid] ??= $s;
            } elseif (isset($warm[$pid])) {
                $last[$pid] = $s;
            }
        }
        if ($last === []) {
            return ['vsz_kb' => null, 'rss_kb' => null];
        }
        $held = [];
        foreach (['vsz_kb', 'rss_kb'] as $key) {
            $sum = 0;
            foreach ($last as $pid => $s) {
                $sum += (int) $s[$key] - (int) $warm[$pid][$key];
            }
            $held[$key] = (int) round($sum / count($last));
        }
        return $held;
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
            case 'unseen':
                return "not seen by glibc's in-use, though the page counted the leak: glibc served it from its per-thread cache "
                    . '(tcache), which mallinfo2() counts as in use; more requests per process show it';
            case 'never-reclaimed':
                if (($a['zend_mm'] ?? true) === false) {
                    return 'never reclaimed (the request never ends): it piles up (without the Zend MM, memory_limit counts emalloc only under USE_TRACKED_ALLOC=1)';
                }
                return 'never reclaimed (the request never ends)' . ($memoryLimit !== null ? ": it piles up toward memory_limit $memoryLimit" : '');
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
