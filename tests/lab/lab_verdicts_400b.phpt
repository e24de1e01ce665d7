--TEST--
lab: verdicts at 400 B per request: glibc's in-use grows 416 B (the chunk) per malloc or pemalloc; the long-running worker's Zend usage 448 B (the bin) per emalloc; the other lifecycles reclaim it
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

$lifetime = [408, 424];
$perRequest = [-64, 0.49];
MemoryLab\Test\check_verdicts('400', 12, 4, [
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
    // The 448 B bin per request, and the worker's own growth (its resource list doubles now and then).
    'worker emalloc' => ['never-reclaimed', 'zend_usage', 448, 704],
    'worker pemalloc' => ['retained', 'malloc_in_use', ...$lifetime],
]);
?>
--EXPECT--
status 0
cli-server       malloc   retained by malloc_in_use, 408 to 424 B per request
cli-server       emalloc  reclaimed by zend_usage, -64 to 0.49 B per request
cli-server       pemalloc retained by malloc_in_use, 408 to 424 B per request
fpm              malloc   retained by malloc_in_use, 408 to 424 B per request
fpm              emalloc  reclaimed by zend_usage, -64 to 0.49 B per request
fpm              pemalloc retained by malloc_in_use, 408 to 424 B per request
fpm-max-requests malloc   recycled by malloc_in_use, 408 to 424 B per request
fpm-max-requests emalloc  reclaimed by zend_usage, -64 to 0.49 B per request
fpm-max-requests pemalloc recycled by malloc_in_use, 408 to 424 B per request
worker           malloc   retained by malloc_in_use, 408 to 424 B per request
worker           emalloc  never-reclaimed by zend_usage, 448 to 704 B per request
worker           pemalloc retained by malloc_in_use, 408 to 424 B per request
0 processes left
