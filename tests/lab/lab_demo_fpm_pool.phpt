--TEST--
lab: the demo's fpm lifecycle runs four children with opcache on, and after each scenario shows every child's RSS, PSS and USS, read from /proc/PID/status and smaps_rollup, side by side and summed: PSS and USS well under RSS (shared pages)
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Lifecycle;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Server\Server;

// The lifecycle's servers, read from outside while they run: four children, each mapping
// opcache's shared memory (opcache.memory_consumption, 128 MiB by default: one shared
// anonymous mapping, made by the master before it forks). PHP 8.2 to 8.4 have opcache from
// opcache.so (php-fpm -n loads it by -d zend_extension=); PHP 8.5 builds it in.
$fpm = Lifecycle::all()['fpm'];
echo $fpm->description, "\n";
$server = Server::start($fpm->serverKind, $fpm->startOptions());
$children = $server->children();
$withOpcache = array_filter($children, function (int $pid): bool {
    preg_match_all('/^([0-9a-f]+)-([0-9a-f]+) rw-s .* \/dev\/zero \(deleted\)$/m', (string) file_get_contents("/proc/$pid/maps"), $maps, PREG_SET_ORDER);
    return array_filter($maps, fn ($m) => hexdec($m[2]) - hexdec($m[1]) === 128 * 1048576) !== [];
});
echo count($children), " children, opcache's 128 MiB of shared memory mapped in ", count($withOpcache), "\n";
$server->stop();

$run = DemoProcess::run(['--only', 'fpm', '--leak', 'malloc', '--bytes', '64K', '--requests', '8', '--no-plot'], Php::memorySo());
echo "status {$run->status}\n";
$s = $run->scenario('fpm', 'malloc');
$pool = $s['pool'];
$pids = array_column($pool['children'], 'pid');
sort($pids);
$served = $s['pids'];
sort($served);
echo count($pool['children']), ' children read, the ones that served: ', var_export($pids === $served, true), "\n";
foreach ($pool['children'] as $i => $c) {
    // USS <= PSS <= RSS for every child, and RSS's parts add up to it (both read from status).
    $parts = $c['rss_anon_kb'] + $c['rss_file_kb'] + $c['rss_shmem_kb'];
    printf("child %d: USS <= PSS <= RSS: %s, RssAnon + RssFile + RssShmem = VmRSS within 64 KiB: %s\n", $i + 1,
        var_export($c['uss_kb'] <= $c['pss_kb'] && $c['pss_kb'] <= $c['rss_kb'], true), var_export(abs($parts - $c['rss_kb']) <= 64, true));
}
$sum = $pool['sum'];
printf("sums: RSS > PSS > USS: %s; PSS under half of RSS: %s\n",
    var_export($sum['rss_kb'] > $sum['pss_kb'] && $sum['pss_kb'] > $sum['uss_kb'], true), var_export($sum['pss_kb'] * 2 < $sum['rss_kb'], true));
// The table under the scenario: a row per child, the sums, and why they differ.
preg_match('/the pool after the requests.*?\n((?:  +\d+ .*\n)+)  +sum +([\d,]+) +([\d,]+) +([\d,]+)/s', $run->stdout, $m);
echo 'table rows: ', substr_count($m[1] ?? '', "\n"), ', sum row matches summary.json: ',
    var_export(isset($m[2]) && (int) str_replace(',', '', $m[2]) === $sum['rss_kb'] && (int) str_replace(',', '', $m[3]) === $sum['pss_kb']
        && (int) str_replace(',', '', $m[4]) === $sum['uss_kb'], true), "\n";
echo str_contains($run->stdout, "by the pages the children share: opcache's shared memory, the php-fpm binary and its") ? "why: said\n" : "why: missing\n";
echo count(array_filter($served, [Proc::class, 'alive'])), " processes left\n";
$run->clean();
?>
--EXPECT--
php-fpm, 4 children taking turns, opcache on, pm.max_requests = 0: never recycled
4 children, opcache's 128 MiB of shared memory mapped in 4
status 0
4 children read, the ones that served: true
child 1: USS <= PSS <= RSS: true, RssAnon + RssFile + RssShmem = VmRSS within 64 KiB: true
child 2: USS <= PSS <= RSS: true, RssAnon + RssFile + RssShmem = VmRSS within 64 KiB: true
child 3: USS <= PSS <= RSS: true, RssAnon + RssFile + RssShmem = VmRSS within 64 KiB: true
child 4: USS <= PSS <= RSS: true, RssAnon + RssFile + RssShmem = VmRSS within 64 KiB: true
sums: RSS > PSS > USS: true; PSS under half of RSS: true
table rows: 4, sum row matches summary.json: true
why: said
0 processes left
