--TEST--
leak_emalloc(): $touch = true writes every page, so VmRSS grows by the leaked size
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';
use function MemoryLab\proc_mem;

$pid = getmypid();
proc_mem($pid);
$before = proc_mem($pid);
leak_emalloc(8 * 1048576, true);
$after = proc_mem($pid);
$rss = $after['rss_kb'] - $before['rss_kb'];
echo "VmRSS grew by ", $rss >= 8192 && $rss <= 8192 + 64 ? "8 MiB" : "$rss KiB", "\n";
?>
--EXPECT--
VmRSS grew by 8 MiB
