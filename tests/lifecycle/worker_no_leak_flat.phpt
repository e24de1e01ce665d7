--TEST--
Long-running worker: 200 requests to a page that leaks nothing leave its memory flat
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\{check_flat, measure};

$worker = Server::start('worker');
$rows = measure($worker, 200, ['allocator' => 'none']);

echo 'one process, one PHP request for all 200: ',
    array_unique(array_column($rows, 'pid')) === [$worker->pid()]
    && array_unique(array_map(fn ($r) => $r['page']['stats']['request'], $rows)) === [1] ? 'yes' : 'no', "\n";
// The first requests size the worker's tables (a hash table grows once, by 960 B); from the
// 10th on nothing moves.
$tail = array_slice($rows, 9);
check_flat('memory_get_usage() over requests 10-200', array_map(fn ($r) => $r['page']['stats']['zend_usage'], $tail), 0, 'B');
check_flat('VmSize over requests 10-200', array_column($tail, 'vsz_kb'), 8);
check_flat('VmRSS over requests 10-200', array_column($tail, 'rss_kb'), 8);
$worker->stop();
?>
--EXPECT--
one process, one PHP request for all 200: yes
memory_get_usage() over requests 10-200: 191 readings within 0 B of each other
VmSize over requests 10-200: 191 readings within 8 KiB of each other
VmRSS over requests 10-200: 191 readings within 8 KiB of each other
