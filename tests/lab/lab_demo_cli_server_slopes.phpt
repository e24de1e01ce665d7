--TEST--
lab: a short real run (--requests 5 --only cli-server): malloc grows 2,052 KiB a request, emalloc stays flat
--EXTENSIONS--
memory
--INI--
pcre.jit=0
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Report;

$run = DemoProcess::run(['--requests', '5', '--only', 'cli-server', '--no-plot'], MemoryLab\Lab\Php::memorySo());
echo "status {$run->status}\n";
$within = fn (?float $v, float $want, float $tol) => $v !== null && abs($v - $want) <= $tol;

// 2 MiB through glibc is its own mmap: 2 MiB plus a page of header (facts.md), +-1%.
foreach (['malloc', 'malloc+touch', 'pemalloc'] as $leak) {
    $s = $run->scenario('cli-server', $leak);
    printf("%-12s %-9s VIRT slope within 1%% of 2,052 KiB: %s\n", $leak, $s['verdict'],
        var_export($within($s['slope_vsz_kib'], 2052, 20.52), true));
}
// Writing every page makes RES follow; untouched it stays within a page or two.
printf("malloc+touch RES slope within 1%%: %s\n", var_export($within($run->scenario('cli-server', 'malloc+touch')['slope_rss_kib'], 2052, 20.52), true));
printf("malloc RES slope under 2 pages: %s\n", var_export($within($run->scenario('cli-server', 'malloc')['slope_rss_kib'], 0, 8), true));
// emalloc: a Zend MM huge block, unmapped at the end of each request: 0 +- 1 page.
$e = $run->scenario('cli-server', 'emalloc');
printf("emalloc      %-9s VIRT slope 0 +- 4 KiB: %s, RES: %s\n", $e['verdict'],
    var_export($within($e['slope_vsz_kib'], 0, 4), true), var_export($within($e['slope_rss_kib'], 0, 4), true));

// One CSV per scenario: a header, the warm-up and 5 requests, all from one pid.
foreach (['malloc', 'malloc-touch', 'emalloc', 'emalloc-small', 'pemalloc'] as $slug) {
    $rows = Report::parseCsv(file_get_contents("{$run->out}/cli-server_$slug.csv"));
    echo $slug, ': ', count($rows), ' rows, pids ', count(array_unique(array_column($rows, 'pid'))), "\n";
}
// The verdict lines, and no server left behind.
$verdicts = array_filter(explode("\n", $run->stdout), fn ($l) => str_starts_with($l, 'cli-server ')
    && str_contains($l, ' per request (leak 2.00 MiB)  → '));
echo count($verdicts), " verdict lines\n";
$alive = array_filter(array_merge(...array_column($run->summary()['scenarios'], 'pids')), 'MemoryLab\Lab\Proc::alive');
echo count($alive), " processes left\n";
$run->clean();
?>
--EXPECT--
status 0
malloc       retained  VIRT slope within 1% of 2,052 KiB: true
malloc+touch retained  VIRT slope within 1% of 2,052 KiB: true
pemalloc     retained  VIRT slope within 1% of 2,052 KiB: true
malloc+touch RES slope within 1%: true
malloc RES slope under 2 pages: true
emalloc      reclaimed VIRT slope 0 +- 4 KiB: true, RES: true
malloc: 6 rows, pids 1
malloc-touch: 6 rows, pids 1
emalloc: 6 rows, pids 1
emalloc-small: 6 rows, pids 1
pemalloc: 6 rows, pids 1
5 verdict lines
0 processes left
