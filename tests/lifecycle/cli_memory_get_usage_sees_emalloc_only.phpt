--TEST--
CLI: memory_get_usage() sees an emalloc leak and not a malloc leak; glibc's mallinfo2() sees the malloc
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

use function MemoryLab\Test\check_range;

MemoryLab\Test\no_leak_report(); // this test leaks emalloc on purpose
// Warm up the calls, so the measured ones allocate nothing else for the first time.
leak_malloc(1);
leak_emalloc(1);
memory_stats();

$usage = memory_get_usage();
$heap = memory_stats()['malloc_in_use'];
leak_malloc(2097152);
$afterMalloc = memory_get_usage();
$heapAfter = memory_stats()['malloc_in_use'];
leak_emalloc(2097152);
$afterEmalloc = memory_get_usage();

check_range('memory_get_usage() growth from leak_malloc(2097152)', $afterMalloc - $usage, 0, 0, 'B');
check_range('memory_get_usage() growth from leak_emalloc(2097152)', $afterEmalloc - $afterMalloc, 2097152, 2097152 + 4096, 'B');
check_range('mallinfo2() in-use growth from leak_malloc(2097152)', $heapAfter - $heap, 2097152, 2097152 + 4096, 'B');
?>
--EXPECT--
memory_get_usage() growth from leak_malloc(2097152): within 0 to 0 B
memory_get_usage() growth from leak_emalloc(2097152): within 2097152 to 2101248 B
mallinfo2() in-use growth from leak_malloc(2097152): within 2097152 to 2101248 B
