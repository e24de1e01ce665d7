--TEST--
lab: each leak is judged by the reading that can see it (VIRT, glibc's in-use, Zend usage), relative to the bytes leaked per request, with slopes in B, KiB or MiB; synthetic series
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Analysis;
use MemoryLab\Lab\Leak;
use MemoryLab\Lab\Report;

// The witness of each allocator around the sizes where glibc and the Zend MM change strategy:
// glibc's mmap threshold (128 KiB) and the Zend MM's huge blocks (over 2 MiB - 4 KiB).
foreach (['malloc', 'pemalloc', 'emalloc'] as $allocator) {
    $line = [];
    foreach ([1, 400, 65536, 131071, 131072, 2093056, 2093057, 2097152, 16777216] as $bytes) {
        $line[] = "$bytes:" . (new Leak($allocator, $bytes))->witness();
    }
    echo str_pad($allocator, 9), implode(' ', $line), "\n";
}
// emalloc-small: 16 KiB blocks, whatever the total; a remainder under a block is dropped.
foreach ([1, 400, 16384, 40000, 2097152] as $bytes) {
    $leak = Leak::named('emalloc-small', $bytes);
    printf("emalloc-small %d: %d x %d = %d, %s, touch %s, %s\n", $bytes, $leak->blocks(), $leak->blockBytes(), $leak->perRequest(),
        $leak->witness(), var_export($leak->touch, true), json_encode($leak->query()));
}

// Slopes print in the unit that fits.
echo implode(' | ', array_map([Report::class, 'rate'], [null, 0.0, 0.04, -0.04, 1.0, 451.8, -32.0, 1023.9, 1024.0, 65552.0, 2101248.0, 16781312.0])), "\n";
echo implode(' | ', array_map([Report::class, 'size'], [1, 400, 1000, 1023, 1024, 65536, 2097152])), "\n";

/** Requests 0..$n of one pid; $at(request) gives the fields that move. */
function series(int $n, callable $at, int $pid = 100): array
{
    $out = [];
    for ($r = 0; $r <= $n; $r++) {
        $out[] = $at($r) + ['request' => $r, 'pid' => $pid, 'ok' => true, 'vsz_kb' => 56940, 'rss_kb' => 15740,
            'zend_usage' => 400320, 'malloc_in_use' => 2017536, 'pid_request' => $r + 1, 'error' => null];
    }
    return $out;
}

function show(string $name, array $samples, Leak $leak, ?string $limit = null): void
{
    $a = Analysis::analyze($samples, $leak);
    printf("%-26s %-15s %-13s %s\n", $name, $a['verdict'], $a['witness'], Report::rate($a['slope_witness_bytes']));
    echo '  ', Report::verdictLine('x', $leak->name(), $a, $limit), "\n";
}

// php -S, 1 B of malloc per request: VIRT never moves (glibc's heap grows in 132 KiB steps),
// glibc's in-use grows by its smallest chunk, 32 B. VIRT alone called it "reclaimed".
$tiny = series(30, fn ($r) => ['malloc_in_use' => 2017536 + 32 * $r, 'leaked_malloc' => $r]);
show('1 B malloc, php -S', $tiny, new Leak('malloc', 1));
echo 'judged by VIRT alone: ', Analysis::analyze($tiny, 1)['verdict'], "\n";
// The same leak while glibc still hands out blocks from its per-thread cache: in-use does not
// move, though the page counted the leak.
show('1 B malloc, tcache', series(6, fn ($r) => ['leaked_malloc' => $r]), new Leak('malloc', 1));
// 1,000 B of pemalloc: 1,008 B chunks.
show('1000 B pemalloc', series(30, fn ($r) => ['malloc_in_use' => 2017536 + 1008 * $r, 'leaked_pemalloc' => 1000 * $r]), new Leak('pemalloc', 1000));
// The long-running worker, 400 B of emalloc: one PHP request (memory_stats()['request'] stays 1),
// Zend usage +448 B (the bin) per request, and once +960 B more (the worker's own resource list
// grows at its 8th request), as measured.
$worker = series(100, fn ($r) => ['zend_usage' => 451464 + 448 * $r + ($r >= 8 ? 960 : 0), 'pid_request' => 1]);
show('400 B emalloc, worker', $worker, new Leak('emalloc', 400), '32M');
// The same in php -S: Zend usage is back each request.
show('400 B emalloc, php -S', series(30, fn ($r) => ['zend_usage' => 400320 + ($r > 0 ? 448 : 0)]), new Leak('emalloc', 400));
// 16 MiB emallocs in a 32M worker: one reading, then the fatal. The death is the verdict.
$dies = series(1, fn ($r) => ['vsz_kb' => 56940 + 16384 * $r, 'pid_request' => 1]);
$dies[] = ['request' => 2, 'pid' => 100, 'ok' => false, 'dead' => true,
    'error' => 'Allowed memory size of 33554432 bytes exhausted (tried to allocate 16777216 bytes)'];
show('16 MiB emalloc, worker', $dies, new Leak('emalloc', 16777216), '32M');

// Four php-fpm children take turns: each grows by the requests it served, so the slope is
// per process, and children that stay alive are not a sawtooth.
$pool = [];
$served = [];
for ($r = 0; $r <= 24; $r++) {
    $pid = $r < 4 ? 200 + $r : 200 + $r % 4;
    $n = $served[$pid] = ($served[$pid] ?? -1) + 1;
    $pool[] = ['request' => $r < 4 ? 0 : $r - 3, 'pid' => $pid, 'ok' => true, 'vsz_kb' => 190000 + 2052 * $n,
        'rss_kb' => 9700, 'pid_request' => $n + 1, 'error' => null];
}
$a = Analysis::analyze($pool, new Leak('malloc'));
printf("pool: %s, %s per request, every %s, %d pids\n", $a['verdict'], Report::rate($a['slope_witness_bytes']),
    var_export($a['recycled_every'], true), count($a['pids']));
// The table shows the four warm-ups, the first and last requests; not every change of turn.
$table = Report::table('fpm · malloc', new Leak('malloc'), $pool, $a);
preg_match_all('/^ +(\d+) +\d+ |^ +(…)$/m', $table, $m);
echo 'rows: ', implode(' ', array_map(fn ($a, $b) => $a . $b, $m[1], $m[2])), "\n";

// What emalloc-small leaves behind: Zend usage is back, yet RSS stays up by a cached chunk.
$small = series(10, fn ($r) => ['rss_kb' => $r > 0 ? 17724 : 15668, 'vsz_kb' => $r > 0 ? 58988 : 56940, 'zend_usage' => 2500184]);
$a = Analysis::analyze($small, Leak::named('emalloc-small'));
echo $a['verdict'], ' held ', $a['held_rss_kb'], ' KiB RSS, ', $a['held_vsz_kb'], " KiB VIRT\n";
echo Report::heldLine(Leak::named('emalloc-small'), $a);
echo Report::heldLine(Leak::named('emalloc'), Analysis::analyze(series(10, fn ($r) => ['rss_kb' => 15668 + ($r > 0 ? 24 : 0)]), Leak::named('emalloc')));
?>
--EXPECT--
malloc   1:malloc_in_use 400:malloc_in_use 65536:malloc_in_use 131071:malloc_in_use 131072:vsz 2093056:vsz 2093057:vsz 2097152:vsz 16777216:vsz
pemalloc 1:malloc_in_use 400:malloc_in_use 65536:malloc_in_use 131071:malloc_in_use 131072:vsz 2093056:vsz 2093057:vsz 2097152:vsz 16777216:vsz
emalloc  1:zend_usage 400:zend_usage 65536:zend_usage 131071:zend_usage 131072:zend_usage 2093056:zend_usage 2093057:vsz 2097152:vsz 16777216:vsz
emalloc-small 1: 1 x 1 = 1, zend_usage, touch true, {"allocator":"emalloc","bytes":1,"touch":1}
emalloc-small 400: 1 x 400 = 400, zend_usage, touch true, {"allocator":"emalloc","bytes":400,"touch":1}
emalloc-small 16384: 1 x 16384 = 16384, zend_usage, touch true, {"allocator":"emalloc","bytes":16384,"touch":1}
emalloc-small 40000: 2 x 16384 = 32768, zend_usage, touch true, {"allocator":"emalloc","bytes":16384,"touch":1,"count":2}
emalloc-small 2097152: 128 x 16384 = 2097152, zend_usage, touch true, {"allocator":"emalloc","bytes":16384,"touch":1,"count":128}
n/a | +0 B | +0 B | +0 B | +1.0 B | +451.8 B | -32.0 B | +1023.9 B | +1.0 KiB | +64.0 KiB | +2.00 MiB | +16.00 MiB
1 B | 400 B | 1000 B | 1023 B | 1.0 KiB | 64.0 KiB | 2.00 MiB
1 B malloc, php -S         retained        malloc_in_use +32.0 B
  x                malloc        glibc in use +32.0 B, VIRT +0 B per request (leak 1 B)  → retained for the process's life
judged by VIRT alone: reclaimed
1 B malloc, tcache         unseen          malloc_in_use +0 B
  x                malloc        glibc in use +0 B, VIRT +0 B per request (leak 1 B)  → not seen by glibc's in-use, though the page counted the leak: glibc served it from its per-thread cache (tcache), which mallinfo2() counts as in use; more requests per process show it
1000 B pemalloc            retained        malloc_in_use +1008.0 B
  x                pemalloc      glibc in use +1008.0 B, VIRT +0 B per request (leak 1000 B)  → retained for the process's life
400 B emalloc, worker      never-reclaimed zend_usage    +451.8 B
  x                emalloc       Zend usage +451.8 B, VIRT +0 B per request (leak 400 B)  → never reclaimed (the request never ends): it piles up toward memory_limit 32M
400 B emalloc, php -S      reclaimed       zend_usage    +0 B
  x                emalloc       Zend usage +0 B, VIRT +0 B per request (leak 400 B)  → reclaimed at the end of every request
16 MiB emalloc, worker     died            vsz           n/a
  x                emalloc       VIRT n/a, RES n/a per request (leak 16.00 MiB)  → never reclaimed (the request never ends): memory_limit 32M fatal at request 2
pool: retained, +2.00 MiB per request, every NULL, 4 pids
rows: 0 0 0 0 1 2 … 19 20 21
reclaimed held 2056 KiB RSS, 2048 KiB VIRT
  held after the requests: RSS +2.01 MiB, VIRT +2.00 MiB over the warm-up, though Zend usage is back: the Zend MM
  keeps the chunks freed at request end cached for the next request (a plateau, not growth)
  held after the requests: RSS +24.0 KiB, VIRT +0 B over the warm-up: the blocks went back to the system
