--TEST--
lab: a real php-fpm run with pm.max_requests = 4 is seen as a sawtooth, recycled every 4 requests
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;

$run = DemoProcess::run(['--requests', '11', '--only', 'fpm-max-requests', '--leak', 'malloc', '--max-requests', '4', '--no-plot'], MemoryLab\Lab\Php::memorySo());
echo "status {$run->status}\n";
$s = $run->scenario('fpm-max-requests', 'malloc');
echo $s['verdict'], ', every ', $s['recycled_every'], ', ', count($s['pids']), " pids\n";
// Per process, each request still adds 2 MiB + a page; the sawtooth does not hide it.
var_dump(abs($s['slope_vsz_kib'] - 2052) <= 20.52);
// Each new child starts again near the first one's size.
var_dump($s['peak_vsz_kb'] - $s['baseline_vsz_kb'] < 4 * 2052 + 64);
echo $s['verdict_text'], "\n";
echo count(array_filter($s['pids'], 'MemoryLab\Lab\Proc::alive')), " processes left\n";
$run->clean();
?>
--EXPECT--
status 0
recycled, every 4, 3 pids
bool(true)
bool(true)
retained until the process is replaced every 4 requests (sawtooth)
0 processes left
