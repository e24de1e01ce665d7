--TEST--
lab: a real long-running worker dies on memory_limit from emalloc leaks, and the lab says at which request
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Report;

$run = DemoProcess::run(['--requests', '8', '--only', 'worker', '--leak', 'emalloc,malloc', '--worker-memory-limit', '8M', '--no-plot'], MemoryLab\Lab\Php::memorySo());
echo "status {$run->status}\n";
$e = $run->scenario('worker', 'emalloc');
echo $e['verdict'], ' ', var_export($e['memory_limit_death'], true), ' ', $e['death_reason'], "\n";
// It died on the first request whose 2 MiB did not fit under 8 MiB any more.
$rows = Report::parseCsv(file_get_contents("{$run->out}/worker_emalloc.csv"));
$lastOk = array_values(array_filter($rows, fn ($r) => $r['ok'] === '1'));
$lastOk = end($lastOk);
var_dump($e['died_at'] === (int) $lastOk['request'] + 1, (int) $lastOk['zend_usage'] + 2097152 > 8 * 1024 * 1024);
// Nothing is reclaimed in the worker's one request: usage climbs by the leak each time.
var_dump(abs($e['slope_zend_usage_bytes'] - 2097152) < 4096);
// malloc does not count against memory_limit: the same worker lives on.
$m = $run->scenario('worker', 'malloc');
echo $m['verdict'], ' ', $m['answered'], "\n";
echo $e['verdict_text'] === "never reclaimed (the request never ends): memory_limit 8M fatal at request {$e['died_at']}" ? "words ok\n" : $e['verdict_text'];
$run->clean();
?>
--EXPECTF--
status 0
died true Allowed memory size of 8388608 bytes exhausted%S (tried to allocate 2097152 bytes)
bool(true)
bool(true)
bool(true)
retained 8
words ok
