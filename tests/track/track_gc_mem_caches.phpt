--TEST--
memory.track: gc_mem_caches() and memory_release() still give the Zend MM's cached memory back (the Zend MM skips its gc on a heap with custom handlers; the tracker runs it with them off), the same amounts as untracked
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

$code = '$a = []; for ($i = 0; $i < 200000; $i++) { $a[] = "s" . $i; } unset($a);
echo "gc_mem_caches ", gc_mem_caches(), "\n";
$a = []; for ($i = 0; $i < 200000; $i++) { $a[] = "s" . $i; } unset($a);
echo "memory_release zend_mm_gc ", memory_release()["zend_mm_gc"], "\n";';
$on = tracked_code($code, ['memory.report' => '0'])['stdout'];
$off = tracked_code($code, ['memory.report' => '0', 'memory.track' => '0'])['stdout'];
echo $on === $off ? "the same as untracked\n" : "tracked:\n$on untracked:\n$off";
preg_match_all('/ (\d+)\n/', $on, $m);
echo count($m[1]) === 2 && min($m[1]) > 100000 ? "both give back more than 100,000 B\n" : $on;
?>
--EXPECT--
the same as untracked
both give back more than 100,000 B
