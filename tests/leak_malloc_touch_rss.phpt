--TEST--
leak_malloc(): untouched pages grow only VmSize; $touch = true grows VmRSS by the same amount
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

$pid = getmypid();
Proc::mem($pid);

$before = Proc::mem($pid);
leak_malloc(8 * 1048576);
$after = Proc::mem($pid);
$rss = $after['rss_kb'] - $before['rss_kb'];
echo "untouched: VmRSS grew by ", $rss <= 64 ? "at most 16 pages" : "$rss KiB", "\n";

$before = Proc::mem($pid);
leak_malloc(8 * 1048576, true);
$after = Proc::mem($pid);
$rss = $after['rss_kb'] - $before['rss_kb'];
echo "touched: VmRSS grew by ", $rss >= 8192 && $rss <= 8192 + 64 ? "8 MiB" : "$rss KiB", "\n";
?>
--EXPECT--
untouched: VmRSS grew by at most 16 pages
touched: VmRSS grew by 8 MiB
