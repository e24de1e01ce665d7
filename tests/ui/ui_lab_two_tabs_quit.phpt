--TEST--
memlab lab: two event streams see the same events (the second one, opened later, gets the history first); when the last one closes and none comes back within 5 s, memlab lab stops every process it started (servers, node) and exits 0
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'node', 'fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/lab.inc';

use MemoryLab\Lab\Proc;
use function MemoryLab\Test\{lab_start, lab_wait, sse_open, sse_until, hello, act, lab_kill};

$lab = lab_start('--lifecycles', 'cli-server,fpm,worker');
$one = sse_open($lab['port']);
hello($one);
act($one, $lab['port'], ['id' => 1, 'lifecycle' => 'cli-server', 'kind' => 'leak', 'allocator' => 'malloc', 'bytes' => '2M']);
$two = sse_open($lab['port']);
act($one, $lab['port'], ['id' => 2, 'lifecycle' => 'worker', 'kind' => 'leak', 'allocator' => 'emalloc', 'bytes' => '1M']);
sse_until($two, fn ($e) => ($e['type'] ?? '') === 'request' && $e['id'] === 2);
/* Both read up to the same point: the next sample after both have request 2. */
$t = end($one['events'])['t'];
$mark = fn ($e) => ($e['type'] ?? '') === 'sample' && $e['t'] > $t + 300;
$end = sse_until($one, $mark);
sse_until($two, fn ($e) => $e === $end);
$a = json_encode($one['events']);
$b = json_encode($two['events']);
echo 'the second stream started with hello: ', $two['events'][0]['type'], "\n";
echo 'the same events, in the same order: ', json_encode($a === $b), ' (', count($one['events']) > 10 ? 'many' : count($one['events']), " events)\n";

$pids = array_unique(array_merge(array_column(array_filter($one['events'], fn ($e) => $e['type'] === 'sample'), 'pid'), $lab['pids']));
echo 'processes seen, all alive: ', json_encode(count(array_filter($pids, [Proc::class, 'alive'])) === count($pids)), "\n";
fclose($one['conn']);
fclose($two['conn']);
$status = lab_wait($lab, 30);
echo 'after the last stream closed, memlab lab exited with status ', json_encode($status), "\n";
echo 'every process it started is gone: ', json_encode(array_values(array_filter($pids, [Proc::class, 'alive']))), "\n";
echo 'its last line: ', trim((string) shell_exec('tail -n 1 ' . escapeshellarg($lab['err']))), "\n";
lab_kill($lab);
?>
--EXPECT--
the second stream started with hello: hello
the same events, in the same order: true (many events)
processes seen, all alive: true
after the last stream closed, memlab lab exited with status 0
every process it started is gone: []
its last line: memlab lab: the last tab closed: stopping
