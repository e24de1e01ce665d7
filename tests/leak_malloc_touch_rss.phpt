--TEST--
leak_malloc(): untouched pages grow only VmSize; $touch = true grows VmRSS by the same amount
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';
use function MemoryLab\proc_mem;

$pid = getmypid();
proc_mem($pid);

$before = proc_mem($pid);
leak_malloc(8 * 1048576);
$after = proc_mem($pid);
$rss = $after['rss_kb'] - $before['rss_kb'];
echo "untouched: VmRSS grew by ", $rss <= 64 ? "at most 16 pages" : "$rss KiB", "\n";

$before = proc_mem($pid);
leak_malloc(8 * 1048576, true);
$after = proc_mem($pid);
$rss = $after['rss_kb'] - $before['rss_kb'];
echo "touched: VmRSS grew by ", $rss >= 8192 && $rss <= 8192 + 64 ? "8 MiB" : "$rss KiB", "\n";
?>
--EXPECT--
untouched: VmRSS grew by at most 16 pages
touched: VmRSS grew by 8 MiB
