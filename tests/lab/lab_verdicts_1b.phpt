--TEST--
lab: verdicts at 1 B per request: glibc's in-use sees a malloc and a pemalloc of 1 B (a 32 B chunk), Zend usage an emalloc of 1 B (an 8 B bin); VIRT sees none of them
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

// The demo's servers run with glibc's per-thread cache off (Lifecycle::startOptions()), so each
// 1 B malloc moves mallinfo2()'s in-use at once, on Debian 12's glibc and on sid's alike.
// php-fpm's four children take turns: 40 requests give each 10; pm.max_requests = 12.
$lifetime = [0.5, 64];
$perRequest = [-64, 0.49];
$scenarios = MemoryLab\Test\check_verdicts('1', 40, 12, [
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
    // 8 B (the smallest bin; 40 B on a debug build, with its block header) per request, and
    // the worker's own few bytes (21 B here, 26 B on a debug build).
    'worker emalloc' => ['never-reclaimed', 'zend_usage', emalloc_block(1), emalloc_block(1) + 56],
    'worker pemalloc' => ['retained', 'malloc_in_use', ...$lifetime],
]);
// The seed's first input: php -S, 1 B of malloc per request; the leaked column climbs 1, 2, 3
// while VIRT does not move.
$s = $scenarios['cli-server malloc'];
printf("cli-server malloc: VIRT slope %s per request, %s\n", MemoryLab\Lab\Report::rate($s['slope_vsz_kib'] * 1024), $s['verdict_text']);
?>
--EXPECTF--
status 0
cli-server       malloc   retained by malloc_in_use, 0.50 to 64 B per request
cli-server       emalloc  reclaimed by zend_usage, -64 to 0.49 B per request
cli-server       pemalloc retained by malloc_in_use, 0.50 to 64 B per request
fpm              malloc   retained by malloc_in_use, 0.50 to 64 B per request
fpm              emalloc  reclaimed by zend_usage, -64 to 0.49 B per request
fpm              pemalloc retained by malloc_in_use, 0.50 to 64 B per request
fpm-max-requests malloc   recycled by malloc_in_use, 0.50 to 64 B per request
fpm-max-requests emalloc  reclaimed by zend_usage, -64 to 0.49 B per request
fpm-max-requests pemalloc recycled by malloc_in_use, 0.50 to 64 B per request
worker           malloc   retained by malloc_in_use, 0.50 to 64 B per request
worker           emalloc  never-reclaimed by zend_usage, %s to %s B per request
worker           pemalloc retained by malloc_in_use, 0.50 to 64 B per request
0 processes left
cli-server malloc: VIRT slope +0 B per request, retained for the process's life
