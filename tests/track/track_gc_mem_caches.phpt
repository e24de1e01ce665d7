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
preg_match_all('/ (\d+)\n/', $on, $m);
preg_match_all('/ (\d+)\n/', $off, $u);
/* Within a page: PHP 8.6's Zend MM gave one page more back with tracking on (6,447,104 B against
 * 6,443,008 B), 8.2 to 8.5 the same to the byte. */
$same = count($m[1]) === 2 && count($u[1]) === 2 && abs($m[1][0] - $u[1][0]) <= 4096 && abs($m[1][1] - $u[1][1]) <= 4096;
echo $same ? "the same as untracked, within a page\n" : "tracked:\n$on untracked:\n$off";
echo count($m[1]) === 2 && min($m[1]) > 100000 ? "both give back more than 100,000 B\n" : $on;
?>
--EXPECT--
the same as untracked, within a page
both give back more than 100,000 B
