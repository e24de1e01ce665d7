--TEST--
lab: verdicts at 64 KiB per request: under glibc's 128 KiB mmap threshold a malloc comes from its heap (glibc's in-use +64 KiB + 16 B), an emalloc is a Zend MM large block (the worker's Zend usage +64 KiB)
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/../inc/verdicts.inc';

use function MemoryLab\Test\emalloc_block;

$lifetime = [65536, 65568];
$perRequest = [-64, 0.49];
MemoryLab\Test\check_verdicts('64K', 12, 4, [
    'cli-server malloc' => ['retained', 'malloc_in_use', ...$lifetime],
    'cli-server emalloc' => ['reclaimed', 'zend_usage', ...$perRequest],
    'cli-server pemalloc' => ['retained', 'malloc_in_use', ...$lifetime],
    'fpm malloc' => ['retained', 'malloc_in_use', ...$lifetime],
    'fpm emalloc' => ['reclaimed', 'zend_usage', ...$perRequest],
    'fpm pemalloc' => ['retained', 'malloc_in_use', ...$lifetime],
    'fpm-max-requests malloc' => ['recycled', 'malloc_in_use', ...$lifetime],
    'fpm-max-requests emalloc' => ['reclaimed', 'zend_usage', ...$perRequest],
    'fpm-max-requests pemalloc' => ['recycled', 'malloc_in_use', ...$lifetime],
    'worker malloc' => ['retained', 'malloc_in_use', ...$lifetime],
    // 16 pages per request (17 on a debug build, whose block header takes one more), and the
    // worker's own few bytes.
    'worker emalloc' => ['never-reclaimed', 'zend_usage', emalloc_block(65536), emalloc_block(65536) + 1024],
    'worker pemalloc' => ['retained', 'malloc_in_use', ...$lifetime],
]);
?>
--EXPECTF--
status 0
cli-server       malloc   retained by malloc_in_use, 65,536 to 65,568 B per request
cli-server       emalloc  reclaimed by zend_usage, -64 to 0.49 B per request
cli-server       pemalloc retained by malloc_in_use, 65,536 to 65,568 B per request
fpm              malloc   retained by malloc_in_use, 65,536 to 65,568 B per request
fpm              emalloc  reclaimed by zend_usage, -64 to 0.49 B per request
fpm              pemalloc retained by malloc_in_use, 65,536 to 65,568 B per request
fpm-max-requests malloc   recycled by malloc_in_use, 65,536 to 65,568 B per request
fpm-max-requests emalloc  reclaimed by zend_usage, -64 to 0.49 B per request
fpm-max-requests pemalloc recycled by malloc_in_use, 65,536 to 65,568 B per request
worker           malloc   retained by malloc_in_use, 65,536 to 65,568 B per request
worker           emalloc  never-reclaimed by zend_usage, %s to %s B per request
worker           pemalloc retained by malloc_in_use, 65,536 to 65,568 B per request
0 processes left
