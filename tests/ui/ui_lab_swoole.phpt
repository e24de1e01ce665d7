--TEST--
memlab lab with Swoole: emalloc presses climb its worker's Zend usage until memory_limit kills it: the request fails with the fatal's text, the worker pid ends as an exit event (fatal), the lifecycle stays running because Swoole's manager forks a new worker, which answers the next request
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'node', 'swoole');
?>
--FILE--
<?php
require __DIR__ . '/lab.inc';

use MemoryLab\Lab\Proc;
use function MemoryLab\Test\{lab_start, sse_open, hello, act, sse_until, event_where, lab_kill, swoole_so};

$lab = lab_start('--lifecycles', 'swoole', '--swoole', swoole_so());
$sse = sse_open($lab['port']);
echo 'lifecycle: ', preg_replace('/[0-9.]+$/', 'VERSION', hello($sse)['lifecycles'][0]['title']), "\n";
$roles = fn (array $c) => array_unique(array_column(array_filter($c['events'], fn ($e) => $e['type'] === 'sample'), 'role'));
sse_until($sse, fn ($e, $c) => count($roles($c)) >= 3, 10);
$roles = array_count_values(array_column(array_filter($sse['events'], fn ($e) => $e['type'] === 'sample'), 'role', 'pid'));
ksort($roles);
echo 'processes: ', json_encode($roles), "\n";
for ($i = 1; $i <= 20; $i++) {
    $r = act($sse, $lab['port'], ['lifecycle' => 'swoole', 'kind' => 'leak', 'allocator' => 'emalloc', 'bytes' => '2M']);
    if (!$r['ok']) {
        break;
    }
    $pid = $r['pid'];
}
echo 'killed at press ', $i >= 5 && $i <= 8 ? '5 to 8' : $i, ': ', $r['error'], "\n";
$exit = event_where($sse, fn ($e) => $e['type'] === 'exit' && $e['pid'] === $pid);
echo 'exit event: why ', $exit['why'], ', requests ', $exit['requests'] === $i - 1 ? 'as many as it answered' : $exit['requests'], "\n";
$next = act($sse, $lab['port'], ['lifecycle' => 'swoole', 'kind' => 'plain']);
echo 'the next request: ok ', json_encode($next['ok']), ', by a new worker: ', json_encode($next['pid'] !== $pid && Proc::alive($next['pid'])), "\n";
echo 'state events: ', json_encode(array_values(array_filter($sse['events'], fn ($e) => $e['type'] === 'state'))), "\n";
lab_kill($lab);
?>
--EXPECTF--
lifecycle: Swoole VERSION
processes: {"manager":1,"master":1,"worker":1}
killed at press 5 to 8: Allowed memory size of 16777216 bytes exhausted (tried to allocate %d bytes) in %s on line %d
exit event: why fatal, requests as many as it answered
the next request: ok true, by a new worker: true
state events: []
