--TEST--
lab: verdicts at 16 MiB per request: VIRT +16 MiB + a page per malloc or pemalloc, 0 per emalloc where the request ends; the long-running worker dies on memory_limit 32M at its second request
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

$lifetime = [16777216, 16785408];
$perRequest = [-4096, 4096];
$scenarios = MemoryLab\Test\check_verdicts('16M', 12, 4, [
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
    'worker emalloc' => ['died', 'vsz', null, null],
    'worker pemalloc' => ['retained', 'vsz', ...$lifetime],
]);
// One reading only, then the fatal: the death is the verdict, not "too few readings".
echo $scenarios['worker emalloc']['verdict_text'], "\n";
?>
--EXPECT--
status 0
cli-server       malloc   retained by vsz, 16,777,216 to 16,785,408 B per request
cli-server       emalloc  reclaimed by vsz, -4,096 to 4,096 B per request
cli-server       pemalloc retained by vsz, 16,777,216 to 16,785,408 B per request
fpm              malloc   retained by vsz, 16,777,216 to 16,785,408 B per request
fpm              emalloc  reclaimed by vsz, -4,096 to 4,096 B per request
fpm              pemalloc retained by vsz, 16,777,216 to 16,785,408 B per request
fpm-max-requests malloc   recycled by vsz, 16,777,216 to 16,785,408 B per request
fpm-max-requests emalloc  reclaimed by vsz, -4,096 to 4,096 B per request
fpm-max-requests pemalloc recycled by vsz, 16,777,216 to 16,785,408 B per request
worker           malloc   retained by vsz, 16,777,216 to 16,785,408 B per request
worker           emalloc  died by vsz
worker           pemalloc retained by vsz, 16,777,216 to 16,785,408 B per request
0 processes left
never reclaimed (the request never ends): memory_limit 32M fatal at request 2
