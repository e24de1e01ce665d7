--TEST--
leak_pemalloc(): a persistent leak: counted per process, unseen by memory_get_usage(), grows VmSize
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
// Only the two calls between the readings of memory_get_usage(): whatever else the test
// allocates would count too, more so on a debug build, whose blocks carry a debug header.
$usage = memory_get_usage();
$first = leak_pemalloc();
$second = leak_pemalloc(1000);
$zend = memory_get_usage() - $usage;
$after = Proc::mem($pid);
var_dump($first, $second);
$grew = $after['vsz_kb'] - $before['vsz_kb'];
echo "VmSize grew by ", $grew >= 2048 && $grew <= 2048 + 132 ? "about 2 MiB" : "$grew KiB", "\n";
var_dump($zend < 1024);
$s = memory_stats();
var_dump($s['leaked_pemalloc'], $s['leaked_malloc'], $s['leaked_emalloc']);
?>
--EXPECT--
int(2097152)
int(2098152)
VmSize grew by about 2 MiB
bool(true)
int(2098152)
int(0)
int(0)
