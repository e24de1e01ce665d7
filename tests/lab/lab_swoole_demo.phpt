--TEST--
lab: ./memlab demo --swoole runs the swoole lifecycle next to the long-running worker: its own tables and verdicts, the memory_limit death with its fatal and the new worker that answers after it
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'swoole');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Report;

$run = DemoProcess::run(['--requests', '17', '--only', 'worker,swoole', '--leak', 'malloc,emalloc', '--no-plot',
    '--swoole', MemoryLab\Test\swoole_so()], MemoryLab\Lab\Php::memorySo());
echo "status {$run->status}\n";
echo 'stderr has no note on Swoole: ', str_contains($run->stderr, 'Swoole') ? "no\n{$run->stderr}" : 'yes', "\n";
$heading = array_values(preg_grep('/^== swoole: /', explode("\n", $run->stdout)));
echo preg_replace('/Swoole [0-9][^:]*:/', 'Swoole VERSION:', $heading[0] ?? 'no swoole heading'), "\n";

// malloc: retained in the worker process, as in the model.
$m = $run->scenario('swoole', 'malloc');
printf("swoole malloc: %s, VIRT slope 2,048 to 2,052 KiB: %s, one pid: %s\n", $m['verdict'],
    var_export($m['slope_vsz_kib'] >= 2048 - 1 && $m['slope_vsz_kib'] <= 2052 + 1, true), var_export(count($m['pids']) === 1, true));

// emalloc: the worker's one request never ends; memory_limit kills it, the manager replaces it.
$e = $run->scenario('swoole', 'emalloc');
echo "swoole emalloc: {$e['verdict']}, {$e['death_reason']}\n";
printf("Zend usage slope 2 MiB: %s; a new pid answered the next request: %s\n",
    var_export(abs($e['slope_zend_usage_bytes'] - 2097152) < 4096, true),
    var_export($e['replaced_by_pid'] !== null && $e['replaced_at'] === $e['died_at'] + 1 && count($e['pids']) >= 2, true));
$rows = Report::parseCsv(file_get_contents("{$run->out}/swoole_emalloc.csv"));
$byRequest = array_column($rows, null, 'request');
$before = $byRequest[$e['died_at'] - 1];
$after = $byRequest[$e['replaced_at']];
printf("the dead worker's last reading held %s leaked; the new one holds %s, request %s\n",
    Report::bytes((int) $before['leaked_emalloc']), Report::bytes((int) $after['leaked_emalloc']), $after['pid_request']);
echo 'died on the first request whose 2 MiB did not fit under 32M of real usage: ',
    var_export((int) $before['zend_real_usage'] + 2097152 > 32 * 1024 * 1024, true), "\n";
echo str_replace([(string) $e['died_at'], (string) $e['replaced_at'], (string) $e['replaced_by_pid']], ['N', 'N+1', 'PID'], $e['verdict_text']), "\n";
echo 'the table shows the fatal: ', str_contains($run->stdout, "\n    {$e['died_at']}       -  Allowed memory size of 33554432 bytes exhausted") ? 'yes' : 'no', "\n";

// The pure-PHP model beside it: the same leak, one process, no one to replace it.
$w = $run->scenario('worker', 'emalloc');
echo "worker emalloc: {$w['verdict']}, replaced: ", var_export($w['replaced_by_pid'], true), "\n";
$alive = array_filter(array_merge(...array_column($run->summary()['scenarios'], 'pids')), [Proc::class, 'alive']);
echo count($alive), " processes left\n";
$run->clean();
?>
--EXPECT--
status 0
stderr has no note on Swoole: yes
== swoole: real Swoole VERSION: Swoole\Http\Server, SWOOLE_PROCESS, one worker process serving every HTTP request in one PHP request, memory_limit = 32M
swoole malloc: retained, VIRT slope 2,048 to 2,052 KiB: true, one pid: true
swoole emalloc: died, Allowed memory size of 33554432 bytes exhausted (tried to allocate 2097152 bytes)
Zend usage slope 2 MiB: true; a new pid answered the next request: true
the dead worker's last reading held 28.0M leaked; the new one holds 2.0M, request 1
died on the first request whose 2 MiB did not fit under 32M of real usage: true
never reclaimed (the request never ends): memory_limit 32M fatal at request N; a new process (pid PID) answered from request N+1
the table shows the fatal: yes
worker emalloc: died, replaced: NULL
0 processes left
