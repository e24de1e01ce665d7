<?php
/* ./memlab bench's measuring process: what memory_stats(), memory_breakdown() and the leak calls
 * cost against their floors.
 *
 * BenchCommand (lab/src/Cli/BenchCommand.php) runs it as
 *   php -n -d extension=memory.so -d memory.max_leak=0 lab/bench.php SETTINGS
 * with SETTINGS a JSON object: floor (the floor program, built from lab/bench/floor.cpp), so
 * (memory.so), rounds, quick, cxx (the compiler's version) and report (where to write the
 * results as JSON). It prints the tables; the command adds the fidelity part and writes
 * bench.json. It stays a script of its own, not a class of the application: the process that
 * times memory_stats() must have the extension loaded with a leak budget of 0 and nothing else
 * around it (no console, no autoloaded engine in the timed loops), and the leak children are
 * this same file run as `bench.php child MODE K`, whose process tails are timed too.
 *
 * memory_stats() and its userland rivals run in this one process, interleaved: every round
 * runs each candidate once, in an order rotated from round to round, and the floor program
 * runs as one of the candidates. A leak call changes the process it runs in (the malloc leaks
 * stay until exit), so each leak candidate runs in a child PHP process of its own, one per
 * round, and times its loop itself.
 *
 * memory.track's cost runs each workload (lab/bench/track_alloc.php, lab/bench/track_parser.php)
 * in child processes, tracked and untracked, in an order rotated from round to round; each
 * child times its own loop (CPU time), and the ratios are medians of the per-round ratios.
 */

declare(strict_types=1);

namespace MemoryLab\Bench;

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Proc;

const MIB = 1048576;
const HUGE = 2 * MIB;

/* Targets from the Benchmarks issue: ratios, so they hold on a faster or slower machine. */
const TARGET_VS_STATM = 3.5;
const TARGET_VS_STATUS = 8.0;
const TARGET_VS_FLOOR = 1.5;
const TARGET_BREAKDOWN_VS_FLOOR = 1.25;
const TARGET_BREAKDOWN_VS_USERLAND = 5.0;

/* memory.track's targets (the Leak sites issue): tracked / untracked on an allocation-heavy
 * script and on php-parser, and valgrind memcheck / tracked on the allocation-heavy script. */
const TARGET_TRACK_ALLOC = 1.5;
const TARGET_TRACK_PARSER = 1.1;
const TARGET_VALGRIND_VS_TRACK = 20.0;

/* The request-end report and the bookkeeping are measured with this many live tracked blocks
 * of TRACK_BLOCK bytes, leaked from TRACK_SITES lines. */
const TRACK_BLOCKS = 100000;
const TRACK_BLOCK = 64;
const TRACK_SITES = 100;

/* php-parser, Debian's package php-parser: the real-code workload. */
const PHP_PARSER = '/usr/share/php/PhpParser';

/* Seconds a floor run or a leak child may take: each lasts well under one (a valgrind run a
 * few). */
const RUN_SECONDS = 120;

/* ---- clocks ---- */

/* CPU time (user + system) used so far by this process, or by its waited-for children. */
function cpu_ns(bool $children = false): int
{
    $r = getrusage($children ? 1 : 0);
    return ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1000000000
        + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) * 1000;
}

/* A moment on both clocks. CPU time is what the tables use: on a shared machine, time spent
 * waiting for a CPU that another process holds is not a cost of the call being measured. */
function stamp(): array
{
    return ['cpu' => cpu_ns(), 'wall' => hrtime(true)];
}

/* CPU and wall nanoseconds since a stamp. */
function since(array $t): array
{
    $now = stamp();
    return ['cpu' => $now['cpu'] - $t['cpu'], 'wall' => $now['wall'] - $t['wall']];
}

/* ---- memory_stats() and its rivals: each times n calls of one way to read the figures ---- */

/* memory_stats(): the extension's one call. */
function run_memory_stats(int $n): array
{
    $t = stamp();
    for ($i = 0; $i < $n; $i++) {
        $s = memory_stats();
    }
    return since($t);
}

/* The userland way to the same figures: statm + explode + the memory_get_* calls. pid and
 * mallinfo2 are left out (userland has no mallinfo2, and getmypid() is one more syscall),
 * so the comparison flatters userland, if anything. */
function run_statm_userland(int $n): array
{
    $t = stamp();
    for ($i = 0; $i < $n; $i++) {
        $f = explode(' ', file_get_contents('/proc/self/statm'));
        $s = [
            'sapi' => PHP_SAPI,
            'vsz' => (int) $f[0] * 4096,
            'rss' => (int) $f[1] * 4096,
            'zend_usage' => memory_get_usage(),
            'zend_real_usage' => memory_get_usage(true),
            'zend_peak' => memory_get_peak_usage(),
        ];
    }
    return since($t);
}

/* The common userland way: /proc/self/status and a regex per figure. */
function run_status_regex(int $n): array
{
    $t = stamp();
    for ($i = 0; $i < $n; $i++) {
        $status = file_get_contents('/proc/self/status');
        preg_match('/^VmSize:\s+(\d+) kB/m', $status, $vsz);
        preg_match('/^VmRSS:\s+(\d+) kB/m', $status, $rss);
        $s = [
            'sapi' => PHP_SAPI,
            'vsz' => (int) $vsz[1] * 1024,
            'rss' => (int) $rss[1] * 1024,
            'zend_usage' => memory_get_usage(),
            'zend_real_usage' => memory_get_usage(true),
            'zend_peak' => memory_get_peak_usage(),
        ];
    }
    return since($t);
}

/* What PHP itself adds to any internal call in this loop: memory_get_usage() only reads a field. */
function run_call_overhead(int $n): array
{
    $t = stamp();
    for ($i = 0; $i < $n; $i++) {
        $s = memory_get_usage();
    }
    return since($t);
}

/* ---- memory_breakdown() and its rival ---- */

/* memory_breakdown(): the extension's one call. */
function run_memory_breakdown(int $n): array
{
    $t = stamp();
    for ($i = 0; $i < $n; $i++) {
        $b = memory_breakdown();
    }
    return since($t);
}

/* The userland way to the same figures: both files read whole and a regex per field, and the
 * memory_get_* calls for the Zend MM. Userland has no mallinfo2(): left out, which flatters it. */
function run_breakdown_userland(int $n): array
{
    $t = stamp();
    for ($i = 0; $i < $n; $i++) {
        $status = file_get_contents('/proc/self/status');
        $rollup = file_get_contents('/proc/self/smaps_rollup');
        $b = [];
        foreach (['rss' => 'VmRSS', 'rss_anon' => 'RssAnon', 'rss_file' => 'RssFile', 'rss_shmem' => 'RssShmem'] as $key => $field) {
            preg_match("/^$field:\\s+(\\d+) kB/m", $status, $m);
            $b[$key] = (int) $m[1] * 1024;
        }
        foreach (['pss' => 'Pss', 'pss_anon' => 'Pss_Anon', 'clean' => 'Private_Clean', 'dirty' => 'Private_Dirty', 'swap' => 'Swap'] as $key => $field) {
            preg_match("/^$field:\\s+(\\d+) kB/m", $rollup, $m);
            $b[$key] = (int) $m[1] * 1024;
        }
        $b['uss'] = $b['clean'] + $b['dirty'];
        $b['zend_used'] = memory_get_usage();
        $b['zend_free'] = memory_get_usage(true) - $b['zend_used'];
    }
    return since($t);
}

/* ---- the child processes ---- */

/* Leak k blocks of TRACK_BLOCK bytes through leak_emalloc(), from TRACK_SITES lines (of
 * eval()'d code): the request-end report then has TRACK_SITES sites. */
function track_leaks(int $k): void
{
    $code = '';
    for ($s = 0; $s < TRACK_SITES; $s++) {
        $n = intdiv($k, TRACK_SITES) + ($s < $k % TRACK_SITES ? 1 : 0);
        $code .= "for (\$i = 0; \$i < $n; \$i++) { leak_emalloc(" . TRACK_BLOCK . "); }\n";
    }
    eval($code);
}

/* Child mode: run K leak calls, time the loop, and print the loop time and when it ended. */
function child(string $mode, int $k): int
{
    if ($mode === 'late') {
        /* Loaded after startup, as php-fpm's php_admin_value[extension] loads it: PHP cannot
         * make permanent interned strings any more, so memory_stats() builds its keys. */
        dl('memory.so');
        $k = max(1, $k);
        run_memory_stats(100);
        $d = run_memory_stats($k);
        echo json_encode(['loop_cpu' => $d['cpu'], 'loop_wall' => $d['wall'], 'end' => hrtime(true)]), "\n";
        return 0;
    }
    if ($mode === 'track-hold') {
        /* Leak K tracked blocks, then wait until the parent has read this process's RSS. */
        track_leaks($k);
        echo "ready\n";
        fgets(STDIN);
        return 0;
    }
    $t = stamp();
    switch ($mode) {
        case 'track-leak':
            track_leaks($k);
            break;
        case 'huge':
            for ($i = 0; $i < $k; $i++) {
                leak_emalloc(HUGE);
            }
            break;
        case 'small':
            for ($i = 0; $i < $k; $i++) {
                leak_emalloc(64);
            }
            break;
        case 'malloc':
            for ($i = 0; $i < $k; $i++) {
                leak_malloc(HUGE);
            }
            break;
        case 'touch':
            for ($i = 0; $i < $k; $i++) {
                leak_malloc(HUGE, true);
            }
            break;
        default:
            fwrite(STDERR, "bench.php: unknown child mode $mode\n");
            return 2;
    }
    $d = since($t);
    $extra = [];
    if ($mode === 'track-leak') {
        /* memory_track_live(0) walks and groups the same blocks as the request-end report. */
        $live = stamp();
        $sites = memory_track_live(0);
        $extra = ['live_cpu' => since($live)['cpu'], 'live_sites' => count($sites)];
        unset($sites);
    }
    /* The emalloc'd blocks are reclaimed after this line, at request end. The parent learns
     * the CPU time the whole process used, and when it was gone: the difference from the
     * figures printed here is the tail (request end, module shutdown, exit). */
    echo json_encode(['loop_cpu' => $d['cpu'], 'loop_wall' => $d['wall'], 'cpu' => cpu_ns(),
        'end' => hrtime(true)] + $extra), "\n";
    return 0;
}

/* Run a command (Exec: no shell, a time limit); return [stdout, when it was gone (hrtime), the
 * CPU ns it used]. Throws when it fails. */
function run(array $cmd): array
{
    $cpu = cpu_ns(true);
    $r = Exec::run($cmd, RUN_SECONDS);
    $gone = hrtime(true);
    $cpu = cpu_ns(true) - $cpu;
    if ($r['status'] !== 0) {
        $how = $r['timed_out'] ? 'took more than ' . RUN_SECONDS . ' s' : "exited with {$r['status']}";
        throw new \RuntimeException(implode(' ', $cmd) . " $how: {$r['stderr']}{$r['stdout']}");
    }
    return [$r['stdout'], $gone, $cpu];
}

/* Run the floor program; return its key=value lines as floats (ns per iteration). */
function floor_run(string $floor, string ...$args): array
{
    [$out] = run([$floor, ...$args]);
    $values = [];
    foreach (explode("\n", trim($out)) as $line) {
        [$key, $value] = explode('=', $line, 2);
        $values[$key] = (float) $value;
    }
    return $values;
}

/* Run one leak child with PHP and the extension. Returns the CPU ns per call of its loop, and
 * the CPU ns the child spent after its loop (request end, module shutdown, exit); the
 * wall-clock versions ride along for bench.json. */
function leak_child(array $php, string $mode, int $k): array
{
    $budget = in_array($mode, ['malloc', 'touch'], true) ? $k * HUGE : 0;
    $cmd = [...$php, '-d', 'memory_limit=-1', '-d', "memory.max_leak=$budget",
        __FILE__, 'child', $mode, (string) $k];
    [$out, $gone, $cpu] = run($cmd);
    $r = json_decode(trim($out), true, 4, JSON_THROW_ON_ERROR);
    return [
        'live' => $r['live_cpu'] ?? null,
        'call' => $r['loop_cpu'] / $k,
        'tail' => $cpu - $r['cpu'],
        'call_wall' => $r['loop_wall'] / $k,
        'tail_wall' => $gone - $r['end'],
    ];
}

/* ---- statistics ---- */

function median(array $xs): float
{
    sort($xs);
    $n = count($xs);
    if ($n === 0) {
        return NAN;
    }
    return $n % 2 ? (float) $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
}

/* Median, min and max of one candidate's per-round samples. */
function summary(array $xs): array
{
    return ['median' => median($xs), 'min' => min($xs), 'max' => max($xs), 'rounds' => $xs];
}

/* Median of the per-round ratios a / b: each pair ran back to back, under the same load. */
function paired_ratio(array $a, array $b): float
{
    $r = [];
    foreach ($a as $i => $x) {
        $r[] = $x / $b[$i];
    }
    return median($r);
}

/* ---- the benchmark ---- */

/* Pick n so one batch of a candidate lasts about target_ms. */
function calibrate(callable $run, float $target_ms): int
{
    $n = 200;
    $run($n);
    for (;;) {
        $ns = $run($n)['cpu'];
        if ($ns > 2e6 || $n >= 10000000) {
            break;
        }
        $n *= 4;
    }
    return max(100, (int) ($n * $target_ms * 1e6 / max($ns, 1)));
}

/* memory_stats() against the userland ways and the floor, in this process, interleaved. */
function bench_stats(string $floor, string $so, int $rounds, float $batch_ms): array
{
    $late_php = [PHP_BINARY, '-n', '-d', 'enable_dl=1', '-d', 'extension_dir=' . dirname($so),
        __FILE__, 'child', 'late'];
    $php = [
        'memory_stats' => __NAMESPACE__ . '\run_memory_stats',
        'statm_userland' => __NAMESPACE__ . '\run_statm_userland',
        'status_regex' => __NAMESPACE__ . '\run_status_regex',
        'call_overhead' => __NAMESPACE__ . '\run_call_overhead',
    ];
    $n = [];
    foreach ($php as $name => $run) {
        $n[$name] = calibrate($run, $batch_ms);
    }
    /* The floor's batch: as many reads as memory_stats() gets, so both see the same load. */
    $n['floor'] = $n['memory_stats'];
    $n['floor_getpid'] = $n['memory_stats'];
    $n['late_load'] = $n['memory_stats'];

    $names = [...array_keys($php), 'floor', 'floor_getpid', 'late_load'];
    $samples = array_fill_keys($names, []);
    $wall = array_fill_keys($names, []);
    for ($r = 0; $r < $rounds; $r++) {
        $order = [...array_slice($names, $r % count($names)), ...array_slice($names, 0, $r % count($names))];
        foreach ($order as $name) {
            if ($name === 'floor' || $name === 'floor_getpid') {
                $f = floor_run($floor, $name === 'floor' ? 'statm' : 'statm-getpid', (string) $n[$name]);
                $samples[$name][] = $f['ns'];
                $wall[$name][] = $f['ns_wall'];
            } elseif ($name === 'late_load') {
                [$out] = run([...$late_php, (string) $n[$name]]);
                $late = json_decode(trim($out), true, 4, JSON_THROW_ON_ERROR);
                $samples[$name][] = $late['loop_cpu'] / $n[$name];
                $wall[$name][] = $late['loop_wall'] / $n[$name];
            } else {
                $d = $php[$name]($n[$name]);
                $samples[$name][] = $d['cpu'] / $n[$name];
                $wall[$name][] = $d['wall'] / $n[$name];
            }
        }
    }

    $results = [];
    foreach ($names as $name) {
        $results[$name] = summary($samples[$name]) + [
            'calls_per_round' => $n[$name],
            'wall' => summary($wall[$name]),
        ];
    }
    $ms = $samples['memory_stats'];
    $targets = [
        [
            'name' => 'memory_stats() vs statm + explode',
            'measured' => paired_ratio($samples['statm_userland'], $ms),
            'target' => TARGET_VS_STATM,
            'want' => 'at least',
        ],
        [
            'name' => 'memory_stats() vs status + regex',
            'measured' => paired_ratio($samples['status_regex'], $ms),
            'target' => TARGET_VS_STATUS,
            'want' => 'at least',
        ],
        [
            'name' => 'memory_stats() / floor',
            'measured' => paired_ratio($ms, $samples['floor']),
            'target' => TARGET_VS_FLOOR,
            'want' => 'at most',
        ],
    ];
    foreach ($targets as &$t) {
        $t['met'] = $t['want'] === 'at least' ? $t['measured'] >= $t['target'] : $t['measured'] <= $t['target'];
    }
    unset($t);
    $floor_vs = [
        'statm_userland' => paired_ratio($samples['statm_userland'], $samples['floor']),
        'status_regex' => paired_ratio($samples['status_regex'], $samples['floor']),
    ];
    return ['results' => $results, 'targets' => $targets, 'floor_vs' => $floor_vs];
}

/*
 * memory_breakdown() against the userland way and its floor, interleaved. The floor reads the
 * status and smaps_rollup of this PHP process, not its own: the kernel walks the page tables of
 * the process whose smaps_rollup is read, so the cost grows with that process's resident pages.
 */
function bench_breakdown(string $floor, int $rounds, float $batch_ms): array
{
    $php = [
        'memory_breakdown' => __NAMESPACE__ . '\run_memory_breakdown',
        'breakdown_userland' => __NAMESPACE__ . '\run_breakdown_userland',
    ];
    $n = [];
    foreach ($php as $name => $run) {
        $n[$name] = calibrate($run, $batch_ms);
    }
    $n['floor_breakdown'] = $n['memory_breakdown'];
    $names = [...array_keys($php), 'floor_breakdown'];
    $samples = array_fill_keys($names, []);
    $wall = array_fill_keys($names, []);
    for ($r = 0; $r < $rounds; $r++) {
        $order = [...array_slice($names, $r % count($names)), ...array_slice($names, 0, $r % count($names))];
        foreach ($order as $name) {
            if ($name === 'floor_breakdown') {
                $f = floor_run($floor, 'breakdown', (string) $n[$name], (string) getmypid());
                $samples[$name][] = $f['ns'];
                $wall[$name][] = $f['ns_wall'];
            } else {
                $d = $php[$name]($n[$name]);
                $samples[$name][] = $d['cpu'] / $n[$name];
                $wall[$name][] = $d['wall'] / $n[$name];
            }
        }
    }
    $results = [];
    foreach ($names as $name) {
        $results[$name] = summary($samples[$name]) + ['calls_per_round' => $n[$name], 'wall' => summary($wall[$name])];
    }
    $b = $samples['memory_breakdown'];
    $targets = [
        [
            'name' => 'memory_breakdown() / floor',
            'measured' => paired_ratio($b, $samples['floor_breakdown']),
            'target' => TARGET_BREAKDOWN_VS_FLOOR,
            'want' => 'at most',
        ],
        [
            'name' => 'memory_breakdown() vs files + regex',
            'measured' => paired_ratio($samples['breakdown_userland'], $b),
            'target' => TARGET_BREAKDOWN_VS_USERLAND,
            'want' => 'at least',
        ],
    ];
    foreach ($targets as &$t) {
        $t['met'] = $t['want'] === 'at least' ? $t['measured'] >= $t['target'] : $t['measured'] <= $t['target'];
    }
    unset($t);
    return ['results' => $results, 'targets' => $targets,
        'floor_vs_userland' => paired_ratio($samples['breakdown_userland'], $samples['floor_breakdown'])];
}

/* The leak calls, each in child processes, against the bare C loops of the same calls. */
function bench_leaks(array $php, string $floor, int $rounds, bool $quick): array
{
    /* Counts per child. The malloc leaks stay until the child exits: untouched they cost
     * address space only, touched they cost RSS (touch_k x 2 MiB per child, at most). */
    $huge_small = $quick ? 50 : 100;
    $huge_big = $quick ? 1050 : 4100;
    $small_k = $quick ? 100000 : 300000;
    $malloc_k = $quick ? 128 : 256;
    $touch_k = $quick ? 16 : 32;

    $names = ['huge', 'small', 'malloc', 'touch', 'floor_huge', 'floor_small', 'floor_malloc', 'floor_touch'];
    $s = array_fill_keys(['huge_call', 'huge_reclaim', 'huge_reclaim_wall', 'small', 'malloc', 'touch',
        'floor_mmap', 'floor_munmap', 'floor_small', 'floor_malloc', 'floor_touch'], []);
    for ($r = 0; $r < $rounds; $r++) {
        $order = [...array_slice($names, $r % count($names)), ...array_slice($names, 0, $r % count($names))];
        foreach ($order as $name) {
            switch ($name) {
                case 'huge':
                    /* Two children, few and many blocks: the difference in the CPU time they
                     * spend after their loops is the reclaim at request end, with the fixed
                     * cost of stopping PHP cancelled out. */
                    $few = leak_child($php, 'huge', $huge_small);
                    $many = leak_child($php, 'huge', $huge_big);
                    $s['huge_call'][] = $many['call'];
                    $s['huge_reclaim'][] = ($many['tail'] - $few['tail']) / ($huge_big - $huge_small);
                    $s['huge_reclaim_wall'][] = ($many['tail_wall'] - $few['tail_wall']) / ($huge_big - $huge_small);
                    break;
                case 'small':
                    $s['small'][] = leak_child($php, 'small', $small_k)['call'];
                    break;
                case 'malloc':
                    $s['malloc'][] = leak_child($php, 'malloc', $malloc_k)['call'];
                    break;
                case 'touch':
                    $s['touch'][] = leak_child($php, 'touch', $touch_k)['call'];
                    break;
                case 'floor_huge':
                    $f = floor_run($floor, 'huge', (string) $huge_big);
                    $s['floor_mmap'][] = $f['mmap_ns'];
                    $s['floor_munmap'][] = $f['munmap_ns'];
                    break;
                case 'floor_small':
                    $s['floor_small'][] = floor_run($floor, 'malloc', (string) $small_k, '64')['ns'];
                    break;
                case 'floor_malloc':
                    $s['floor_malloc'][] = floor_run($floor, 'malloc', (string) $malloc_k, (string) HUGE)['ns'];
                    break;
                case 'floor_touch':
                    $s['floor_touch'][] = floor_run($floor, 'touch', (string) $touch_k, (string) HUGE)['ns'];
                    break;
            }
        }
    }

    $huge_total = [];
    $floor_huge = [];
    $per_mib = [];
    $floor_per_mib = [];
    foreach ($s['huge_call'] as $i => $call) {
        $huge_total[] = $call + $s['huge_reclaim'][$i];
        $floor_huge[] = $s['floor_mmap'][$i] + $s['floor_munmap'][$i];
        $per_mib[] = ($s['touch'][$i] - $s['malloc'][$i]) / (HUGE / MIB);
        $floor_per_mib[] = ($s['floor_touch'][$i] - $s['floor_malloc'][$i]) / (HUGE / MIB);
    }
    $row = fn (string $label, array $php_ns, array $c_ns, string $c_label) => [
        'label' => $label,
        'php' => summary($php_ns),
        'c' => summary($c_ns),
        'c_label' => $c_label,
        'ratio' => paired_ratio($php_ns, $c_ns),
    ];
    return [
        'counts' => compact('huge_small', 'huge_big', 'small_k', 'malloc_k', 'touch_k'),
        'huge_reclaim_wall' => summary($s['huge_reclaim_wall']),
        'rows' => [
            'emalloc_huge' => $row('leak_emalloc(2 MiB), call + reclaim', $huge_total, $floor_huge,
                'mmap + prctl(name) + munmap 2 MiB'),
            'emalloc_huge_call' => $row('  of which the call', $s['huge_call'], $s['floor_mmap'], 'mmap + prctl(name) 2 MiB'),
            'emalloc_huge_reclaim' => $row('  of which the reclaim at request end', $s['huge_reclaim'],
                $s['floor_munmap'], 'munmap 2 MiB'),
            'emalloc_small' => $row('leak_emalloc(64)', $s['small'], $s['floor_small'], 'malloc(64)'),
            'malloc_untouched' => $row('leak_malloc(2 MiB), untouched', $s['malloc'], $s['floor_malloc'],
                'malloc(2 MiB)'),
            'malloc_touched' => $row('leak_malloc(2 MiB, true), touched', $s['touch'], $s['floor_touch'],
                'malloc(2 MiB) + a write per page'),
            'touch_per_mib' => $row('touching, per MiB', $per_mib, $floor_per_mib, 'the same, in C'),
        ],
    ];
}

/* ---- memory.track ---- */

/* Run a workload script (it prints one JSON line with its loop's CPU and wall ns); returns the
 * decoded line. */
function workload(array $cmd, array $env = []): array
{
    $cpu = cpu_ns(true);
    $r = Exec::run($cmd, RUN_SECONDS, $env);
    if ($r['status'] !== 0) {
        $how = $r['timed_out'] ? 'took more than ' . RUN_SECONDS . ' s' : "exited with {$r['status']}";
        throw new \RuntimeException(implode(' ', $cmd) . " $how: {$r['stderr']}{$r['stdout']}");
    }
    $lines = array_values(array_filter(explode("\n", $r['stdout']), fn ($l) => str_starts_with($l, '{')));
    $out = json_decode(end($lines) ?: '', true);
    if (!is_array($out) || !isset($out['cpu'])) {
        throw new \RuntimeException(implode(' ', $cmd) . " printed no result: {$r['stdout']}{$r['stderr']}");
    }
    return $out + ['process_cpu' => cpu_ns(true) - $cpu];
}

/* The anonymous RSS (KiB, read from /proc/PID/status by this process) of a child that holds k
 * leaked blocks, tracked or not. */
function held_rss_kb(array $php, bool $track, int $k): int
{
    $cmd = [...$php, '-d', 'memory_limit=-1', '-d', 'memory.max_leak=0', '-d', 'memory.track=' . ($track ? 1 : 0),
        '-d', 'memory.report=0', __FILE__, 'child', 'track-hold', (string) $k];
    $proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if (!is_resource($proc)) {
        throw new \RuntimeException('cannot start ' . implode(' ', $cmd));
    }
    $pid = proc_get_status($proc)['pid'];
    try {
        $line = fgets($pipes[1]);
        if ($line !== "ready\n") {
            throw new \RuntimeException(implode(' ', $cmd) . ' did not get ready: ' . $line . stream_get_contents($pipes[2]));
        }
        $mem = Proc::mem($pid);
        if ($mem === null) {
            throw new \RuntimeException("cannot read /proc/$pid/status");
        }
        fwrite($pipes[0], "done\n");
        return $mem['rss_anon_kb'];
    } finally {
        /* Stopped in every outcome: told to go on, then killed if it has not. */
        foreach ($pipes as $p) {
            fclose($p);
        }
        for ($i = 0; $i < 50 && proc_get_status($proc)['running']; $i++) {
            usleep(20000);
        }
        if (proc_get_status($proc)['running']) {
            proc_terminate($proc, 9);
        }
        proc_close($proc);
    }
}

/* memory.track's cost: the workloads tracked and untracked (and under valgrind memcheck), the
 * request-end report of TRACK_BLOCKS live blocks, and the bookkeeping per tracked block. */
function bench_track(string $so, int $rounds, bool $quick): array
{
    $php = [PHP_BINARY, '-n', '-d', "extension=$so"];
    /* php-parser needs tokenizer and ctype; php -n has only the built-in extensions. */
    $parser_php = $php;
    foreach (['tokenizer', 'ctype'] as $e) {
        if (!extension_loaded($e)) {
            array_push($parser_php, '-d', "extension=$e");
        }
    }
    $alloc_rounds = $quick ? 30 : 100;
    $parser_files = $quick ? 60 : 0;
    $alloc = [__DIR__ . '/bench/track_alloc.php', (string) $alloc_rounds];
    $parser = [__DIR__ . '/bench/track_parser.php', (string) $parser_files, PHP_PARSER];
    $on = ['-d', 'memory.track=1', '-d', 'memory.report=0'];
    $have_parser = is_file(PHP_PARSER . '/ParserFactory.php');
    $valgrind = trim(Exec::run(['sh', '-c', 'command -v valgrind'], 10)['stdout']);

    $names = ['alloc_off', 'alloc_on', 'report_off', 'report_on', 'rss'];
    if ($have_parser) {
        array_push($names, 'parser_off', 'parser_on');
    }
    if ($valgrind !== '') {
        $names[] = 'valgrind';
    }
    $s = array_fill_keys([...$names, 'rss_on', 'rss_off', 'rss_on_0', 'rss_off_0', 'report', 'live'], []);
    $info = [];
    for ($r = 0; $r < $rounds; $r++) {
        $order = [...array_slice($names, $r % count($names)), ...array_slice($names, 0, $r % count($names))];
        foreach ($order as $name) {
            switch ($name) {
                case 'alloc_off':
                case 'alloc_on':
                    $out = workload([...$php, ...($name === 'alloc_on' ? $on : []), ...$alloc]);
                    $s[$name][] = $out['cpu'] / $alloc_rounds;
                    $info['alloc_sum'] = $out['sum'];
                    break;
                case 'parser_off':
                case 'parser_on':
                    $out = workload([...$parser_php, ...($name === 'parser_on' ? $on : []), '-d', 'memory_limit=512M', ...$parser]);
                    $s[$name][] = $out['cpu'];
                    $info['parser'] = ['files' => $out['files'], 'nodes' => $out['nodes']];
                    break;
                case 'valgrind':
                    /* USE_ZEND_ALLOC=0: emalloc goes to malloc, which memcheck sees. */
                    $out = workload([$valgrind, '--tool=memcheck', '-q', PHP_BINARY, '-n', ...$alloc], ['USE_ZEND_ALLOC' => '0']);
                    $s[$name][] = $out['cpu'] / $alloc_rounds;
                    break;
                case 'report_off':
                case 'report_on':
                    /* The same 100,000 live blocks, with and without the report: the difference in
                     * the CPU time after the loop (request end, shutdown, exit) is the report. The
                     * exit's own cost varies by a few tenths of a millisecond: the median of three. */
                    $tails = [];
                    for ($i = 0; $i < 3; $i++) {
                        $t = leak_child([...$php, '-d', 'memory.track=1', '-d', 'memory.report=' . ($name === 'report_on' ? 1 : 0),
                            '-d', 'memory.report_format=text'], 'track-leak', TRACK_BLOCKS);
                        $tails[] = $t['tail'];
                        $s['live'][] = $t['live'];
                    }
                    $s[$name][] = median($tails);
                    break;
                case 'rss':
                    $s['rss_on'][] = held_rss_kb($php, true, TRACK_BLOCKS);
                    $s['rss_off'][] = held_rss_kb($php, false, TRACK_BLOCKS);
                    $s['rss_on_0'][] = held_rss_kb($php, true, 0);
                    $s['rss_off_0'][] = held_rss_kb($php, false, 0);
                    break;
            }
        }
    }
    foreach ($s['report_on'] as $i => $tail) {
        $s['report'][] = $tail - $s['report_off'][$i];
    }
    $per_block = [];
    foreach ($s['rss_on'] as $i => $kb) {
        $per_block[] = (($kb - $s['rss_on_0'][$i]) - ($s['rss_off'][$i] - $s['rss_off_0'][$i])) * 1024 / TRACK_BLOCKS;
    }

    $targets = [[
        'name' => 'memory.track on / off, allocation-heavy script',
        'measured' => paired_ratio($s['alloc_on'], $s['alloc_off']),
        'target' => TARGET_TRACK_ALLOC,
        'want' => 'at most',
    ]];
    $targets[] = $have_parser ? [
        'name' => 'memory.track on / off, php-parser',
        'measured' => paired_ratio($s['parser_on'], $s['parser_off']),
        'target' => TARGET_TRACK_PARSER,
        'want' => 'at most',
    ] : ['name' => 'memory.track on / off, php-parser', 'measured' => null, 'target' => TARGET_TRACK_PARSER,
        'want' => 'at most', 'error' => 'php-parser is not installed (' . PHP_PARSER . ')'];
    $targets[] = $valgrind !== '' ? [
        'name' => 'valgrind memcheck / memory.track on, allocation-heavy',
        'measured' => paired_ratio($s['valgrind'], $s['alloc_on']),
        'target' => TARGET_VALGRIND_VS_TRACK,
        'want' => 'at least',
    ] : ['name' => 'valgrind memcheck / memory.track on, allocation-heavy', 'measured' => null,
        'target' => TARGET_VALGRIND_VS_TRACK, 'want' => 'at least', 'error' => 'valgrind is not installed'];
    foreach ($targets as &$t) {
        $t['met'] = $t['measured'] !== null
            && ($t['want'] === 'at least' ? $t['measured'] >= $t['target'] : $t['measured'] <= $t['target']);
    }
    unset($t);
    $results = [];
    foreach ($names as $name) {
        if ($name !== 'rss' && $s[$name] !== []) {
            $results[$name] = summary($s[$name]);
        }
    }
    return [
        'targets' => $targets,
        'results' => $results,
        'report_ns' => summary($s['report']),
        'live_ns' => summary($s['live']),
        'bookkeeping_bytes_per_block' => summary($per_block),
        'rss_kb' => ['tracked' => summary($s['rss_on']), 'untracked' => summary($s['rss_off']),
            'tracked_empty' => summary($s['rss_on_0']), 'untracked_empty' => summary($s['rss_off_0'])],
        'workloads' => ['alloc' => ['script' => 'lab/bench/track_alloc.php', 'rounds' => $alloc_rounds, 'sum' => $info['alloc_sum'] ?? null],
            'parser' => $have_parser ? ['script' => 'lab/bench/track_parser.php', 'corpus' => PHP_PARSER] + ($info['parser'] ?? []) : null,
            'report' => ['blocks' => TRACK_BLOCKS, 'block_bytes' => TRACK_BLOCK, 'sites' => TRACK_SITES]],
    ];
}

/* ---- output ---- */

/* Pad s to w characters (not bytes: the tables have µ, × and ±), on the left when right is set. */
function cell(string $s, int $w, bool $right = false): string
{
    $fill = str_repeat(' ', max(0, $w - preg_match_all('/./su', $s)));
    return $right ? $fill . $s : $s . $fill;
}

function us(float $ns): string
{
    return $ns >= 100000 ? sprintf('%.0f', $ns / 1000) : sprintf('%.2f', $ns / 1000);
}

/* One comparison's table: each candidate's median, min and max against $base's median, then
 * the targets with their verdicts. */
function print_comparison(string $heading, array $results, string $base, string $vs, array $labels, array $targets, string $targetFormat, int $width): void
{
    printf("\n%s\n\n", $heading);
    printf("  %-{$width}s %s %10s %10s %9s\n", 'candidate', cell('µs/call', 10, true), 'min', 'max', $vs);
    foreach ($labels as $key => $label) {
        printf("  %-{$width}s %10s %10s %10s %8.2f×\n", $label, us($results[$key]['median']), us($results[$key]['min']),
            us($results[$key]['max']), $results[$key]['median'] / $results[$base]['median']);
    }
    printf("\n  %-{$width}s %10s %10s  %s\n", 'target (median of per-round ratios)', 'measured', 'target', 'verdict');
    foreach ($targets as $t) {
        printf("  %-{$width}s %9.2f× %s {$targetFormat}×  %s\n", $t['name'], $t['measured'],
            $t['want'] === 'at least' ? '≥' : '≤', $t['target'], $t['met'] ? 'met' : 'MISSED');
    }
}

function print_stats(array $stats, int $rounds): void
{
    print_comparison(
        sprintf('memory_stats() per call: median of %d interleaved rounds, in one process (CPU time)', $rounds),
        $stats['results'], 'memory_stats', 'vs stats', [
            'memory_stats' => 'memory_stats()',
            'statm_userland' => 'statm + explode + memory_get_* (PHP)',
            'status_regex' => 'status + 2 regex + memory_get_* (PHP)',
            'floor' => 'floor: pread(statm) + mallinfo2() (C++)',
            'floor_getpid' => 'floor + getpid() (C++)',
            'late_load' => 'memory_stats(), loaded late (dl, fpm admin)',
            'call_overhead' => 'PHP loop + internal call (memory_get_usage)',
        ], $stats['targets'], '%4.1f', 44);
    printf("\n  For scale: the floor itself is %.2f× faster than statm + explode and %.2f× faster than\n"
        . "  status + regex here; PHP's call and the returned array come on top of it.\n",
        $stats['floor_vs']['statm_userland'], $stats['floor_vs']['status_regex']);
}

function print_breakdown(array $breakdown, int $rounds): void
{
    print_comparison(
        sprintf('memory_breakdown() per call: median of %d interleaved rounds (CPU time)', $rounds),
        $breakdown['results'], 'memory_breakdown', 'vs it', [
            'memory_breakdown' => 'memory_breakdown()',
            'breakdown_userland' => 'status + smaps_rollup + 9 regex (PHP)',
            'floor_breakdown' => 'floor: pread(both, of this PHP) + mallinfo2()',
        ], $breakdown['targets'], '%4.2f', 46);
    printf("\n  For scale: the floor itself is %.2f× faster than the userland way here. The kernel's walk\n"
        . "  of smaps_rollup grows with the resident pages of the process read, and userland pays it too.\n",
        $breakdown['floor_vs_userland']);
}

function print_leaks(array $leaks, int $rounds): void
{
    printf("\nLeak calls: median of %d rounds, each candidate in a child process (CPU µs per call)\n\n", $rounds);
    printf("  %-40s %s   %-34s %s %8s\n", 'PHP call', cell('µs', 10, true), 'bare C loop', cell('µs', 10, true), 'PHP/C');
    foreach ($leaks['rows'] as $key => $row) {
        $unit = $key === 'touch_per_mib' ? ' /MiB' : '';
        printf("  %-40s %10s   %-34s %10s %7.2f×%s\n", $row['label'], us($row['php']['median']),
            $row['c_label'], us($row['c']['median']), $row['ratio'], $unit);
    }
    $c = $leaks['counts'];
    printf("\n  counts per child: %d and %d huge blocks, %d x 64 B, %d untouched and %d touched 2 MiB mallocs\n",
        $c['huge_small'], $c['huge_big'], $c['small_k'], $c['malloc_k'], $c['touch_k']);
}

function print_track(array $track, int $rounds): void
{
    printf("\nmemory.track: median of %d rounds, each candidate in a child process (CPU time of its loop)\n\n", $rounds);
    $w = $track['workloads'];
    $res = $track['results'];
    $row = fn (string $label, string $key, string $unit) => isset($res[$key])
        ? printf("  %-52s %10s %s\n", $label, us($res[$key]['median']), $unit) : null;
    $row(sprintf('allocation-heavy script, untracked (per round of %d)', $w['alloc']['rounds']), 'alloc_off', 'µs');
    $row('allocation-heavy script, memory.track=1', 'alloc_on', 'µs');
    $row('allocation-heavy script, valgrind memcheck', 'valgrind', 'µs');
    if ($w['parser'] !== null) {
        $row(sprintf('php-parser, %d files, untracked', $w['parser']['files'] ?? 0), 'parser_off', 'µs');
        $row('php-parser, memory.track=1', 'parser_on', 'µs');
    }
    printf("\n  %-52s %10s %10s  %s\n", 'target (median of per-round ratios)', 'measured', 'target', 'verdict');
    foreach ($track['targets'] as $t) {
        if ($t['measured'] === null) {
            printf("  %-52s %10s %s %4.1f×  MISSED (%s)\n", $t['name'], 'n/a', $t['want'] === 'at least' ? '≥' : '≤', $t['target'], $t['error']);
            continue;
        }
        printf("  %-52s %9.2f× %s %4.1f×  %s\n", $t['name'], $t['measured'], $t['want'] === 'at least' ? '≥' : '≤',
            $t['target'], $t['met'] ? 'met' : 'MISSED');
    }
    $r = $w['report'];
    printf("\n  request-end report of %s live blocks (%d B, %d sites): %.2f ms (CPU after the script, report on minus\n"
        . "  off; min %.2f, max %.2f); memory_track_live(0), the same walk and grouping in PHP: %.2f ms\n",
        number_format($r['blocks']), $r['block_bytes'], $r['sites'], $track['report_ns']['median'] / 1e6,
        $track['report_ns']['min'] / 1e6, $track['report_ns']['max'] / 1e6, $track['live_ns']['median'] / 1e6);
    printf("  bookkeeping per tracked block: %.1f B (anonymous RSS of a process holding them, tracked minus untracked,\n"
        . "  each minus its empty run, divided by %s)\n", $track['bookkeeping_bytes_per_block']['median'], number_format($r['blocks']));
}

/* Facts about the machine that the numbers depend on. */
function machine(string $cxx): array
{
    $cpu = '';
    foreach (file('/proc/cpuinfo') ?: [] as $line) {
        if (str_starts_with($line, 'model name')) {
            $cpu = trim(explode(':', $line, 2)[1]);
            break;
        }
    }
    return [
        'php' => PHP_VERSION . (PHP_ZTS ? ' ZTS' : ' NTS') . (PHP_DEBUG ? ' debug' : ''),
        'php_binary' => PHP_BINARY,
        'cxx' => $cxx,
        'kernel' => php_uname('r'),
        'cpu' => $cpu,
        'cpus' => (int) trim(Exec::run(['nproc'], 10)['stdout']),
        'loadavg_start' => sys_getloadavg(),
    ];
}

function main(array $argv): int
{
    if (($argv[1] ?? '') === 'child') {
        return child((string) ($argv[2] ?? ''), (int) ($argv[3] ?? 0));
    }
    $settings = json_decode($argv[1] ?? '', true);
    if (!extension_loaded('memory') || !is_array($settings) || !isset($settings['floor'], $settings['so'], $settings['rounds'], $settings['report'])) {
        fwrite(STDERR, "bench.php: run it through ./memlab bench\n");
        return 2;
    }
    /* The engine (Exec) in this process only: the children above time their own tails. */
    require __DIR__ . '/autoload.php';
    $quick = (bool) ($settings['quick'] ?? false);
    $rounds = (int) $settings['rounds'];
    $leak_rounds = max(3, intdiv($rounds, 3));
    $php = [PHP_BINARY, '-n', '-d', 'extension=' . $settings['so']];

    $report = ['machine' => machine((string) ($settings['cxx'] ?? '')), 'quick' => $quick, 'rounds' => $rounds];

    /* Warm up: the PCRE JIT and the statm descriptor are made on first use. */
    run_memory_stats(100);
    run_status_regex(100);
    run_statm_userland(100);
    run_memory_breakdown(10);
    run_breakdown_userland(10);

    $report['memory_stats'] = bench_stats($settings['floor'], $settings['so'], $rounds, $quick ? 5.0 : 10.0);
    print_stats($report['memory_stats'], $rounds);

    $report['memory_breakdown'] = bench_breakdown($settings['floor'], $rounds, $quick ? 5.0 : 10.0);
    print_breakdown($report['memory_breakdown'], $rounds);

    $report['leaks'] = bench_leaks($php, $settings['floor'], $leak_rounds, $quick);
    $report['leak_rounds'] = $leak_rounds;
    print_leaks($report['leaks'], $leak_rounds);

    $report['track'] = bench_track($settings['so'], $leak_rounds, $quick);
    print_track($report['track'], $leak_rounds);

    $report['machine']['loadavg_end'] = sys_getloadavg();
    file_put_contents($settings['report'], json_encode($report, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE) . "\n");
    return 0;
}

exit(main($argv));
