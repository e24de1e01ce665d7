--TEST--
lab: emalloc-small (2 MiB in 16 KiB blocks, written) is reclaimed by the Zend MM at request end, yet php -S and each php-fpm child hold about a chunk of RSS after the requests, a plateau; the 2 MiB huge block goes back to the system
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Report;
use function MemoryLab\Test\{check_flat, check_range};

$run = DemoProcess::run(['--only', 'cli-server,fpm', '--leak', 'emalloc,emalloc-small', '--requests', '12', '--no-plot'], Php::memorySo());
echo "status {$run->status}\n";
foreach (['cli-server', 'fpm'] as $lifecycle) {
    $small = $run->scenario($lifecycle, 'emalloc-small');
    $huge = $run->scenario($lifecycle, 'emalloc');
    echo "$lifecycle emalloc-small: {$small['verdict']} by {$small['witness']}, Zend usage slope ", Report::rate($small['slope_zend_usage_bytes']), "\n";
    // The Zend MM keeps the chunk beyond its first cached, and the first chunk's written pages.
    check_range("$lifecycle emalloc-small: RSS held after the requests, per process", $small['held_rss_kb'], 1024, 4096);
    // A huge block is its own mmap, unmapped at request end: only the first requests' own pages stay.
    check_range("$lifecycle emalloc: RSS held after the requests, per process", $huge['held_rss_kb'], -64, 256);
    echo "$lifecycle emalloc: {$huge['verdict']} by {$huge['witness']}\n";
}
// The plateau, in the one process of php -S: the Zend MM keeps a second chunk cached once the
// running average of its peak passes 1.9 chunks (the 4th request); RSS stays there.
$rows = Report::parseCsv(file_get_contents("{$run->out}/cli-server_emalloc-small.csv"));
check_flat('php -S emalloc-small: RSS after requests 4 to 12', array_map('intval', array_column(array_slice($rows, 4), 'rss_kb')), 32);
// The report says what is held, and why, under each table.
$held = substr_count($run->stdout, 'over the warm-up, though Zend usage is back: the Zend MM');
$back = substr_count($run->stdout, 'over the warm-up: the blocks went back to the system');
echo "held lines: $held with the Zend MM's cached chunks, $back given back\n";
// The fpm lifecycle asks each scenario's last child for memory_release(); the line is there
// when this memory.so has the function.
$fpm = $run->scenario('fpm', 'emalloc-small');
$lines = substr_count($run->stdout, '  after memory_release() (pid ');
echo 'memory_release() line where the function exists: ', var_export(function_exists('memory_release') ? $lines === 2 && is_array($fpm['release']['release']) : $lines === 0 && $fpm['release']['release'] === null, true),
    ', read in a child of the pool: ', var_export(in_array($fpm['release']['pid'], $fpm['pids'], true), true), "\n";
$alive = array_filter(array_merge(...array_column($run->summary()['scenarios'], 'pids')), [Proc::class, 'alive']);
echo count($alive), " processes left\n";
$run->clean();
?>
--EXPECT--
status 0
cli-server emalloc-small: reclaimed by zend_usage, Zend usage slope +0 B
cli-server emalloc-small: RSS held after the requests, per process: within 1024 to 4096 KiB
cli-server emalloc: RSS held after the requests, per process: within -64 to 256 KiB
cli-server emalloc: reclaimed by vsz
fpm emalloc-small: reclaimed by zend_usage, Zend usage slope +0 B
fpm emalloc-small: RSS held after the requests, per process: within 1024 to 4096 KiB
fpm emalloc: RSS held after the requests, per process: within -64 to 256 KiB
fpm emalloc: reclaimed by vsz
php -S emalloc-small: RSS after requests 4 to 12: 9 readings within 32 KiB of each other
held lines: 2 with the Zend MM's cached chunks, 2 given back
memory_release() line where the function exists: true, read in a child of the pool: true
0 processes left
