--TEST--
lab: watch --port --pss on a php-fpm pool of 4 children: PSS and USS per pid and a sum line; the pool's RSS adds up to several times its PSS
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('fpm', 'cgi-fcgi');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\check_range;

/* A size as top prints it (57.5m, 468k) in KiB. */
function top_kib(string $size): float
{
    return (float) $size * ['k' => 1, 'm' => 1024, 'g' => 1024 * 1024][substr($size, -1)];
}

$fpm = Server::start('fpm', ['children' => 4]);
for ($i = 0; $i < 8; $i++) {
    $fpm->request('/leak.php', ['allocator' => 'none']);
}
$pool = array_merge([$fpm->pid()], $fpm->children());
$run = Exec::run([PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'watch', '--port', (string) $fpm->port, '--pss', '--for', '1'], 60);
$rss = array_sum(array_map(fn ($pid) => Proc::mem($pid)['rss_kb'], $pool));
$fpm->stop();

echo 'exit status ', $run['status'], "\n";
// The first poll: one line per process of the pool, then their sum.
$lines = explode("\n", $run['stdout']);
$first = [];
foreach ($lines as $i => $line) {
    if (preg_match('/^[\d:.]+  pid (\d+) +VIRT +\S+  RES +(\S+)  PSS +(\S+)  USS +(\S+)$/', $line, $m)) {
        $first[(int) $m[1]] = ['rss' => top_kib($m[2]), 'pss' => top_kib($m[3]), 'uss' => top_kib($m[4])];
        continue;
    }
    preg_match('/^[\d:.]+  sum of (\d+) pids  RES ([\d,]+) KiB  PSS ([\d,]+) KiB  USS ([\d,]+) KiB$/', $line, $sum);
    break;
}
ksort($first);
sort($pool);
echo 'a first line with PSS and USS for the master and each child: ', var_export(array_keys($first) === $pool, true), "\n";
echo 'then the sum line, of ', $sum[1] ?? '?', " pids\n";
[$sumRss, $sumPss, $sumUss] = array_map(fn ($v) => (int) str_replace(',', '', $v), array_slice($sum, 2));
// Each line's sizes are rounded to 0.1 MiB: 5 of them, at most 5 x 51.2 KiB apart.
foreach (['RES' => ['rss', $sumRss], 'PSS' => ['pss', $sumPss], 'USS' => ['uss', $sumUss]] as $name => [$key, $total]) {
    check_range("the sum's $name minus the lines'", $total - array_sum(array_column($first, $key)), -256, 256);
}
// The pool idles: its RSS, read again after the watch, is what the sum said.
check_range('the sum\'s RES minus the pool\'s VmRSS read after the watch', $sumRss - $rss, -64, 64);
echo 'USS <= PSS <= RES in every line: ', var_export(array_filter($first, fn ($r) => !($r['uss'] <= $r['pss'] && $r['pss'] <= $r['rss'])) === [], true), "\n";
// The binary and libraries are mapped by all 5: RES counts them 5 times, PSS once.
check_range('the pool\'s RES over its PSS', $sumRss / $sumPss, 3, 10, 'times');
?>
--EXPECT--
exit status 0
a first line with PSS and USS for the master and each child: true
then the sum line, of 5 pids
the sum's RES minus the lines': within -256 to 256 KiB
the sum's PSS minus the lines': within -256 to 256 KiB
the sum's USS minus the lines': within -256 to 256 KiB
the sum's RES minus the pool's VmRSS read after the watch: within -64 to 64 KiB
USS <= PSS <= RES in every line: true
the pool's RES over its PSS: within 3 to 10 times
