--TEST--
Long-running worker: one PHP request serves every HTTP request, so each emalloc leak raises memory_get_usage() by 2 MiB for good
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\{check_between, check_each, deltas, diffs, measure};

$worker = Server::start('worker');

$first = measure($worker, 1, ['allocator' => 'none'])[0];
$rows = measure($worker, 10, ['allocator' => 'emalloc']);
$pages = array_column($rows, 'page');

echo 'served by the worker process: ',
    array_unique(array_column($rows, 'pid')) === [$worker->pid()] ? 'yes' : 'no', "\n";
echo 'memory_stats()[request] of every served request: ',
    implode(', ', array_unique(array_map(fn ($p) => $p['stats']['request'], $pages))), "\n";
echo 'leaked_emalloc after 10 requests: ', end($pages)['stats']['leaked_emalloc'], "\n";
// memory_get_usage() (zend_usage): each block is 2 MiB plus the Zend MM's bookkeeping of it.
$usage = array_map(fn ($p) => $p['stats']['zend_usage'], array_merge([$first['page']], $pages));
check_between('memory_get_usage() growth per request', diffs($usage), 2097152, 2097152 + 4096, 'B');
// From outside: each huge block is its own 2 MiB mapping, never unmapped.
check_each('VmSize growth per request', deltas($rows, 'vsz_kb', $first['vsz_kb']), 2048, 20.48);
$worker->stop();
?>
--EXPECT--
served by the worker process: yes
memory_stats()[request] of every served request: 1
leaked_emalloc after 10 requests: 20971520
memory_get_usage() growth per request: each of 10 within 2097152 to 2101248 B
VmSize growth per request: each of 10 within 2048 ± 20.48 KiB
