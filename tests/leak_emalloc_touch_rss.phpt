--TEST--
leak_emalloc(): $touch = true writes every page, so VmRSS grows by the leaked size
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

use MemoryLab\Lab\Proc;

MemoryLab\Test\no_leak_report(); // this test leaks emalloc on purpose
$pid = getmypid();
Proc::mem($pid);
$before = Proc::mem($pid);
leak_emalloc(8 * 1048576, true);
$after = Proc::mem($pid);
$rss = $after['rss_kb'] - $before['rss_kb'];
echo "VmRSS grew by ", $rss >= 8192 && $rss <= 8192 + 64 ? "8 MiB" : "$rss KiB", "\n";
?>
--EXPECT--
VmRSS grew by 8 MiB
