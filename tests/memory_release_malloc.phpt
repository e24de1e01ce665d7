--TEST--
memory_release(): glibc's free arena memory goes back with malloc_trim(0): 3,000 realpath cache entries (malloc), cleared, leave their bytes in the arenas until memory_release()
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/inc/checks.inc';

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;
use function MemoryLab\Test\check_range;

$dir = RunDir::sub('files');
for ($i = 0; $i < 3000; $i++) {
    touch("$dir/file-$i.txt");
}
clearstatcache(true); // a ZTS build's touch() (virtual_utime) enters each path already
$pid = getmypid();
memory_release(); // warm up: the statm descriptor, and what glibc held before
Proc::mem($pid);

$start = memory_breakdown();
for ($i = 0; $i < 3000; $i++) {
    realpath("$dir/file-$i.txt"); // each path enters PHP's realpath cache, malloc'd
}
$filled = memory_breakdown();
clearstatcache(true); // frees the entries: back to glibc, which keeps them
$cleared = memory_breakdown();
$before = Proc::mem($pid);
$released = memory_release();
$after = Proc::mem($pid);

check_range('malloc_used grown by the realpath cache, KiB', ($filled['malloc_used'] - $start['malloc_used']) / 1024, 150, 600);
check_range('malloc_free grown once it is cleared, KiB', ($cleared['malloc_free'] - $filled['malloc_free']) / 1024, 150, 600);
check_range("memory_release()['malloc'], KiB", $released['malloc'] / 1024, 100, 600);
check_range('RssAnon given back, from /proc/PID/status, KiB', $before['rss_anon_kb'] - $after['rss_anon_kb'], 100, 600);
check_range('malloc_used across memory_release(), KiB', (memory_breakdown()['malloc_used'] - $cleared['malloc_used']) / 1024, -4, 4);
?>
--EXPECT--
malloc_used grown by the realpath cache, KiB: within 150 to 600 KiB
malloc_free grown once it is cleared, KiB: within 150 to 600 KiB
memory_release()['malloc'], KiB: within 100 to 600 KiB
RssAnon given back, from /proc/PID/status, KiB: within 100 to 600 KiB
malloc_used across memory_release(), KiB: within -4 to 4 KiB
