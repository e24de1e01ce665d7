--TEST--
memory.track: memory_get_usage(), memory_get_usage(true) and memory_get_peak_usage() read the same with tracking on as off, at every point of a script (the tracker's bookkeeping is malloc'd, outside the Zend MM)
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../inc/track.inc';

use function MemoryLab\Test\tracked_code;

$code = '$r = [];
$p = function () use (&$r) { $r[] = [memory_get_usage(), memory_get_usage(true), memory_get_peak_usage()]; };
$p();
$a = range(1, 50000); $p();
$s = str_repeat("x", 3 * 1048576); $p();
unset($a, $s); $p();
leak_emalloc(12345); $p();
echo json_encode($r);';
$on = tracked_code($code)['stdout'];
$off = tracked_code($code, ['memory.track' => '0'])['stdout'];
echo $on === $off ? "same\n" : "on:  $on\noff: $off\n";
echo count(json_decode($on, true)), " readings\n";
?>
--EXPECT--
same
5 readings
