--TEST--
lab: the CSV of a scenario and summary.json have the documented shape
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Analysis;
use MemoryLab\Lab\DemoPlan;
use MemoryLab\Lab\Leak;
use MemoryLab\Lab\Lifecycle;
use MemoryLab\Lab\Report;
use MemoryLab\Lab\Scenario;
use MemoryLab\Lab\ScenarioResult;
use MemoryLab\Lab\Summary;

$samples = [];
for ($r = 0; $r <= 3; $r++) {
    $samples[] = ['request' => $r, 'pid' => 77, 'ok' => true, 'vsz_kb' => 1000 + 2052 * $r, 'rss_kb' => 500 + 4 * $r,
        'zend_usage' => 1, 'zend_real_usage' => 2, 'zend_peak' => 3, 'malloc_in_use' => 4,
        'leaked_malloc' => 2097152 * $r, 'leaked_pemalloc' => 0, 'leaked_emalloc' => 0, 'pid_request' => $r + 1,
        'ms' => 1.5, 'error' => null];
}
$samples[] = ['request' => 4, 'pid' => 77, 'ok' => false, 'dead' => true, 'ms' => 3.0, 'error' => 'said "no", then left'];

$csv = Report::csv($samples);
$lines = explode("\n", rtrim($csv));
echo $lines[0], "\n", $lines[2], "\n", $lines[5], "\n";
$rows = Report::parseCsv($csv);
var_dump(count($rows), array_keys($rows[0]) === Report::CSV_COLUMNS, $rows[3]['d_vsz_kb'], $rows[4]['error']);

$plan = new DemoPlan(requests: 4, lifecycles: ['cli-server'], leaks: ['malloc'], out: '/tmp');
$cliServer = Lifecycle::all()['cli-server'];
$results = [
    ScenarioResult::ran(new Scenario($cliServer, Leak::named('malloc')), $samples, Analysis::analyze($samples, Leak::named('malloc')), 'cli-server_malloc.csv', 0.123),
    ScenarioResult::failed(new Scenario($cliServer, Leak::named('emalloc')), 'php -S exited before it was ready', 0.5),
];
$summary = json_decode(Summary::json(Summary::build($plan, $results, ['memory.png'], 1.5)), true);
echo implode(',', array_keys($summary)), "\n";
$ran = $summary['scenarios'][0];
var_dump(array_keys($ran) === array_merge(Summary::SCENARIO_KEYS, Summary::RESULT_KEYS));
var_dump(array_keys($summary['scenarios'][1]) === Summary::SCENARIO_KEYS);
echo $ran['verdict'], ' ', $ran['slope_vsz_kib'], ' ', $ran['died_at'], ' ', $ran['csv'], "\n", $ran['verdict_line'], "\n";
// A leak is named once (leak), with its parts beside it (allocator, touch).
echo json_encode(array_intersect_key($summary['scenarios'][1], array_flip(['lifecycle', 'leak', 'allocator', 'touch', 'error']))), "\n";
echo (new Scenario($cliServer, Leak::named('malloc+touch')))->csvName(), ' ', count(Scenario::allCsvNames()), "\n";
?>
--EXPECT--
request,pid,ok,vsz_kb,rss_kb,d_vsz_kb,d_rss_kb,zend_usage,zend_real_usage,zend_peak,malloc_in_use,leaked_malloc,leaked_pemalloc,leaked_emalloc,pid_request,ms,error
1,77,1,3052,504,2052,4,1,2,3,4,2097152,0,0,2,1.5,
4,77,0,,,,,,,,,,,,,3.0,"said ""no"", then left"
int(5)
bool(true)
string(4) "6156"
string(20) "said "no", then left"
generated,php,requests,bytes,fpm_max_requests,worker_memory_limit,seconds,units,scenarios,plots
bool(true)
bool(true)
died 2052 4 cli-server_malloc.csv
cli-server       malloc        VIRT +2.00 MiB, RES +4.0 KiB per request (leak 2.00 MiB)  → the process died at request 4: said "no", then left
{"lifecycle":"cli-server","leak":"emalloc","allocator":"emalloc","touch":false,"error":"php -S exited before it was ready"}
cli-server_malloc-touch.csv 25
