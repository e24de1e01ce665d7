--TEST--
memlab lab, the long-running worker: 2M emalloc presses climb its Zend usage (never reclaimed) until memory_limit (16M) kills it: the request fails with the fatal's text, its pid ends as an exit event (fatal), the lifecycle's state is dead with that text; restart brings a new worker pid, running, that serves again
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'node');
?>
--FILE--
<?php
require __DIR__ . '/lab.inc';

use MemoryLab\Lab\Proc;
use function MemoryLab\Test\{lab_start, sse_open, hello, act, sse_until, event_where, lab_kill};

$lab = lab_start('--lifecycles', 'worker');
$sse = sse_open($lab['port']);
$hello = hello($sse);
echo 'limits: memory_limit ', $hello['limits']['memory_limit'], ', state ', $hello['lifecycles'][0]['state'], "\n";

$zend = [];
for ($i = 1; $i <= 20; $i++) {
    $r = act($sse, $lab['port'], ['lifecycle' => 'worker', 'kind' => 'leak', 'allocator' => 'emalloc', 'bytes' => '2M', 'count' => 1]);
    if (!$r['ok']) {
        break;
    }
    $pid = $r['pid'];
    $zend[] = $r['zend_usage'];
}
$steps = array_map(fn ($a, $b) => $b - $a, array_slice($zend, 0, -1), array_slice($zend, 1));
echo 'Zend usage climbs by at least 2 MiB per press until then: ', json_encode($steps !== [] && min($steps) >= 2097152), "\n";
echo 'killed at press ', $i, ' (16M: 2 MiB chunk + 2 MiB blocks): ', json_encode($i >= 5 && $i <= 8), "\n";
echo 'the failed request: ok ', json_encode($r['ok']), ', error: ', $r['error'], "\n";
$exit = event_where($sse, fn ($e) => $e['type'] === 'exit' && $e['pid'] === $pid);
echo 'exit event: why ', $exit['why'], ', requests ', $exit['requests'] === $i - 1 ? 'as many as it answered' : $exit['requests'],
    ', peak VIRT above its first RSS: ', json_encode($exit['peak_vsz_kb'] > $exit['first_rss_kb']), "\n";
$state = event_where($sse, fn ($e) => $e['type'] === 'state');
echo 'state: ', $state['state'], ': ', $state['message'], "\n";
echo 'the worker pid is gone: ', json_encode(!Proc::alive($pid)), "\n";

$refused = act($sse, $lab['port'], ['lifecycle' => 'worker', 'kind' => 'plain']);
echo 'a request to the dead worker: ', json_encode($refused['ok']), ', ', $refused['error'], "\n";

$restart = act($sse, $lab['port'], ['lifecycle' => 'worker', 'kind' => 'restart']);
$states = array_values(array_filter($sse['events'], fn ($e) => $e['type'] === 'state'));
echo 'restart: ', json_encode($restart['ok']), ', states: ', implode(' -> ', array_column($states, 'state')), "\n";
$again = act($sse, $lab['port'], ['lifecycle' => 'worker', 'kind' => 'leak', 'allocator' => 'emalloc', 'bytes' => '2M']);
echo 'serves again: ', json_encode($again['ok']), ', a new pid: ', json_encode($again['pid'] !== $pid && Proc::alive($again['pid'])), "\n";
$restartRunning = act($sse, $lab['port'], ['lifecycle' => 'worker', 'kind' => 'restart']);
echo 'restart of a running worker: ', json_encode($restartRunning['ok']), ', ', $restartRunning['error'], "\n";
lab_kill($lab);
?>
--EXPECTF--
limits: memory_limit 16777216, state running
Zend usage climbs by at least 2 MiB per press until then: true
killed at press %d (16M: 2 MiB chunk + 2 MiB blocks): true
the failed request: ok false, error: Allowed memory size of 16777216 bytes exhausted (tried to allocate %d bytes) in %s on line %d
exit event: why fatal, requests as many as it answered, peak VIRT above its first RSS: true
state: dead: Allowed memory size of 16777216 bytes exhausted (tried to allocate %d bytes) in %s on line %d
the worker pid is gone: true
a request to the dead worker: false, long-running worker is dead: Allowed memory size of 16777216 bytes exhausted (tried to allocate %d bytes) in %s on line %d; restart it first
restart: true, states: dead -> restarting -> running
serves again: true, a new pid: true
restart of a running worker: false, long-running worker is running: only a dead one can be restarted
