--TEST--
lab: verdicts at 2 MiB per request: a malloc or pemalloc is its own mmap (VIRT +2 MiB + a page), an emalloc a Zend MM huge block (VIRT +2 MiB in the long-running worker, 0 elsewhere)
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

$lifetime = [2097152, 2105344];
$perRequest = [-4096, 4096];
MemoryLab\Test\check_verdicts('2M', 12, 4, [
    'cli-server malloc' => ['retained', 'vsz', ...$lifetime],
    'cli-server emalloc' => ['reclaimed', 'vsz', ...$perRequest],
    'cli-server pemalloc' => ['retained', 'vsz', ...$lifetime],
    'fpm malloc' => ['retained', 'vsz', ...$lifetime],
    'fpm emalloc' => ['reclaimed', 'vsz', ...$perRequest],
    'fpm pemalloc' => ['retained', 'vsz', ...$lifetime],
    'fpm-max-requests malloc' => ['recycled', 'vsz', ...$lifetime],
    'fpm-max-requests emalloc' => ['reclaimed', 'vsz', ...$perRequest],
    'fpm-max-requests pemalloc' => ['recycled', 'vsz', ...$lifetime],
    'worker malloc' => ['retained', 'vsz', ...$lifetime],
    'worker emalloc' => ['never-reclaimed', 'vsz', 2097152, 2101248],
    'worker pemalloc' => ['retained', 'vsz', ...$lifetime],
]);
?>
--EXPECT--
status 0
cli-server       malloc   retained by vsz, 2,097,152 to 2,105,344 B per request
cli-server       emalloc  reclaimed by vsz, -4,096 to 4,096 B per request
cli-server       pemalloc retained by vsz, 2,097,152 to 2,105,344 B per request
fpm              malloc   retained by vsz, 2,097,152 to 2,105,344 B per request
fpm              emalloc  reclaimed by vsz, -4,096 to 4,096 B per request
fpm              pemalloc retained by vsz, 2,097,152 to 2,105,344 B per request
fpm-max-requests malloc   recycled by vsz, 2,097,152 to 2,105,344 B per request
fpm-max-requests emalloc  reclaimed by vsz, -4,096 to 4,096 B per request
fpm-max-requests pemalloc recycled by vsz, 2,097,152 to 2,105,344 B per request
worker           malloc   retained by vsz, 2,097,152 to 2,105,344 B per request
worker           emalloc  never-reclaimed by vsz, 2,097,152 to 2,101,248 B per request
worker           pemalloc retained by vsz, 2,097,152 to 2,105,344 B per request
0 processes left
