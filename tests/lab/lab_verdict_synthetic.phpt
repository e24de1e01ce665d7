--TEST--
lab: verdicts on synthetic series (reclaimed, retained, recycled sawtooth, memory_limit death)
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Analysis;
use MemoryLab\Lab\Report;

const MIB2 = 2097152;

/** Synthetic samples: $vsz(request) and $pid(request) for requests 0..$n. */
function series(int $n, callable $vsz, callable $rss, callable $pid): array
{
    $out = [];
    for ($r = 0; $r <= $n; $r++) {
        $out[] = ['request' => $r, 'pid' => $pid($r), 'ok' => true, 'vsz_kb' => $vsz($r), 'rss_kb' => $rss($r),
            'zend_usage' => 400000, 'pid_request' => $r + 1];
    }
    return $out;
}

$one = fn ($r) => 100;
$flat = series(30, fn ($r) => 56856, fn ($r) => 15000, $one);
$malloc = series(30, fn ($r) => 56856 + 2052 * $r, fn ($r) => 15000 + 4 * $r, $one);
// pm.max_requests = 10: a new pid every 10 requests (the warm-up counts), and the
// last request of each process is only known as "recycled".
$saw = series(30, fn ($r) => 60000 + 2052 * ($r % 10), fn ($r) => 9000, fn ($r) => 200 + intdiv($r, 10));
foreach ([9, 19, 29] as $r) {
    $saw[$r] = ['request' => $r, 'pid' => $saw[$r]['pid'], 'ok' => false, 'recycled' => true, 'error' => 'recycled'];
}
// A worker that dies on memory_limit at request 16.
$worker = array_slice(series(15, fn ($r) => 56000 + 2048 * $r, fn ($r) => 15000, $one), 0);
$worker[] = ['request' => 16, 'pid' => 100, 'ok' => false, 'dead' => true,
    'error' => 'Allowed memory size of 33554432 bytes exhausted (tried to allocate 2097152 bytes)'];

foreach (['flat' => $flat, 'malloc' => $malloc, 'sawtooth' => $saw, 'worker' => $worker] as $name => $samples) {
    $a = Analysis::analyze($samples, MIB2);
    printf("%-8s %-9s vsz %s rss %s every %s died %s\n", $name, $a['verdict'],
        Report::kib($a['slope_vsz_kib']), Report::kib($a['slope_rss_kib']),
        var_export($a['recycled_every'], true), var_export($a['died_at'], true));
    echo '  ', Report::verdictLine('x', 'y', $a, $name === 'worker' ? '32M' : null), "\n";
}

// The threshold scales with --bytes: 1 KiB leaked per request, 1 KiB of growth.
$small = series(30, fn ($r) => 56856 + $r, fn ($r) => 15000, $one);
echo Analysis::analyze($small, 1024)['verdict'], ' ', Analysis::analyze($small, MIB2)['verdict'], "\n";

// A process that died without memory_limit, and a run with no samples.
$crash = array_slice($malloc, 0, 3);
$crash[] = ['request' => 3, 'pid' => 100, 'ok' => false, 'dead' => true, 'error' => 'no answer'];
echo Analysis::words(Analysis::analyze($crash, MIB2)), "\n";
echo Analysis::analyze([], MIB2)['verdict'], "\n";

// The page refused the leak (memory.max_leak, a size over memory_limit): no growth is
// not "reclaimed". Refused requests stay out of the fit when others leaked.
$refused = series(5, fn ($r) => 56856, fn ($r) => 15000, $one);
foreach ($refused as &$s) {
    $s['error'] = $s['request'] > 0 ? 'leak_emalloc(): Argument #1 ($bytes) must be at most memory_limit (33554432 bytes)' : null;
}
unset($s);
echo Analysis::words(Analysis::analyze($refused, MIB2)), "\n";
$capped = series(5, fn ($r) => 56856 + 262144 * min($r, 4), fn ($r) => 15000, $one);
$capped[5]['error'] = 'leak_malloc(): Leaking 268435456 bytes would exceed memory.max_leak';
$a = Analysis::analyze($capped, 268435456);
echo Report::kib($a['slope_vsz_kib']), ' ', Analysis::words($a), "\n";
?>
--EXPECT--
flat     reclaimed vsz +0 KiB rss +0 KiB every NULL died NULL
  x                y             VIRT +0 B, RES +0 B per request (leak 2.00 MiB)  → reclaimed at the end of every request
malloc   retained  vsz +2,052 KiB rss +4 KiB every NULL died NULL
  x                y             VIRT +2.00 MiB, RES +4.0 KiB per request (leak 2.00 MiB)  → retained for the process's life
sawtooth recycled  vsz +2,052 KiB rss +0 KiB every 10 died NULL
  x                y             VIRT +2.00 MiB, RES +0 B per request (leak 2.00 MiB)  → retained until the process is replaced every 10 requests (sawtooth)
worker   died      vsz +2,048 KiB rss +0 KiB every NULL died 16
  x                y             VIRT +2.00 MiB, RES +0 B per request (leak 2.00 MiB)  → never reclaimed (the request never ends): memory_limit 32M fatal at request 16
retained reclaimed
the process died at request 3: no answer
no-data
nothing leaked: every request refused it: leak_emalloc(): Argument #1 ($bytes) must be at most memory_limit (33554432 bytes)
+262,144 KiB retained for the process's life (1 request refused the leak: leak_malloc(): Leaking 268435456 bytes would exceed memory.max_leak)
