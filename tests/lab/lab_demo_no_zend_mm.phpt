--TEST--
lab: servers run without the Zend MM (USE_ZEND_ALLOC=0, the valgrind and ASan way) make emalloc a glibc malloc, and the demo judges it as one: glibc's in-use for blocks under 128 KiB, VIRT from 128 KiB; the long-running worker's emalloc, small or not, is never reclaimed, not "reclaimed" by a Zend usage that never moves; the table says why
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Analysis;
use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Leak;
use MemoryLab\Lab\Report;

echo "-- witness with and without the Zend MM\n";
foreach ([1, 400, 65536, 131071, 131072, 2093057, 16777216] as $bytes) {
    $leak = new Leak('emalloc', $bytes);
    echo "$bytes: ", $leak->witness(), ' / ', $leak->witness(false), "\n";
}

echo "-- synthetic worker: Zend usage 0 throughout, glibc's in-use +16,400 B per request\n";
$samples = [];
for ($r = 0; $r <= 10; $r++) {
    $samples[] = ['request' => $r, 'pid' => 7, 'ok' => true, 'vsz_kb' => 55000, 'rss_kb' => 15000, 'zend_usage' => 0,
        'malloc_in_use' => 2000000 + 16400 * $r, 'pid_request' => 1, 'error' => null];
}
$leak = Leak::named('emalloc-small', 16384);
foreach ([true, false] as $zendMm) {
    $a = Analysis::analyze($samples, $leak, $zendMm);
    echo $zendMm ? 'with' : 'without', ' the Zend MM: ', $a['verdict'], ' by ', $a['witness'], ', ',
        Report::verdictLine('worker', $leak->name(), $a, '32M'), "\n";
}

echo "-- the demo, its servers under USE_ZEND_ALLOC=0\n";
$run = DemoProcess::run(['--requests', '6', '--only', 'cli-server,worker', '--leak', 'emalloc,emalloc-small', '--bytes', '64K', '--no-plot'],
    MemoryLab\Lab\Php::memorySo(), 120.0, null, ['USE_ZEND_ALLOC' => '0']);
echo "status {$run->status}\n";
foreach (['cli-server', 'worker'] as $lifecycle) {
    foreach (['emalloc', 'emalloc-small'] as $name) {
        $a = $run->scenario($lifecycle, $name);
        // glibc's in-use is read inside the worker's one request, so it climbs by what it
        // leaked; under php -S the request end leaves it (no Zend MM takes it back) unless
        // USE_TRACKED_ALLOC=1 with report_memleaks=0, which this run does not set.
        $slope = $a['slope_witness_bytes'] ?? null;
        printf("%s %s: %s by %s, zend_mm %s, witness slope %s 64 KiB\n", $lifecycle, $name, $a['verdict'] ?? '?', $a['witness'] ?? '?',
            var_export($a['zend_mm'] ?? null, true), $slope === null ? 'n/a' : ($slope >= 65536 && $slope < 65536 + 4096 ? 'within 4 KiB over' : "off: $slope vs"));
    }
}
echo 'the tables say why: ', substr_count($run->stdout, Report::NO_ZEND_MM), "\n";
echo 'the worker cannot track: ', substr_count($run->stdout, MemoryLab\Lab\Lifecycle::UNTRACKED_NATIVE), "\n";
$run->clean();
?>
--EXPECT--
-- witness with and without the Zend MM
1: zend_usage / malloc_in_use
400: zend_usage / malloc_in_use
65536: zend_usage / malloc_in_use
131071: zend_usage / malloc_in_use
131072: zend_usage / vsz
2093057: vsz / vsz
16777216: vsz / vsz
-- synthetic worker: Zend usage 0 throughout, glibc's in-use +16,400 B per request
with the Zend MM: reclaimed by zend_usage, worker           emalloc-small Zend usage +0 B, VIRT +0 B per request (leak 16.0 KiB)  → reclaimed at the end of every request
without the Zend MM: never-reclaimed by malloc_in_use, worker           emalloc-small glibc in use +16.0 KiB, VIRT +0 B per request (leak 16.0 KiB)  → never reclaimed (the request never ends): it piles up (without the Zend MM, memory_limit counts emalloc only under USE_TRACKED_ALLOC=1)
-- the demo, its servers under USE_ZEND_ALLOC=0
status 0
cli-server emalloc: retained by malloc_in_use, zend_mm false, witness slope within 4 KiB over 64 KiB
cli-server emalloc-small: retained by malloc_in_use, zend_mm false, witness slope within 4 KiB over 64 KiB
worker emalloc: never-reclaimed by malloc_in_use, zend_mm false, witness slope within 4 KiB over 64 KiB
worker emalloc-small: never-reclaimed by malloc_in_use, zend_mm false, witness slope within 4 KiB over 64 KiB
the tables say why: 4
the worker cannot track: 2
