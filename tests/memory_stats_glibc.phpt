--TEST--
memory_stats(): glibc's mallinfo2 counters see a malloc leak that the Zend MM does not
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
$before = memory_stats();
leak_malloc(4 * 1048576);
$after = memory_stats();
$in_use = $after['malloc_in_use'] - $before['malloc_in_use'];
$mmapped = $after['malloc_mmapped'] - $before['malloc_mmapped'];
echo 'malloc_in_use: ', $in_use >= 4 * 1048576 && $in_use <= 4 * 1048576 + 8192 ? '+4 MiB' : "+$in_use", "\n";
echo 'malloc_mmapped: ', $mmapped >= 4 * 1048576 && $mmapped <= 4 * 1048576 + 8192 ? '+4 MiB (its own mmap)' : "+$mmapped", "\n";
echo 'zend_usage: ', abs($after['zend_usage'] - $before['zend_usage']) < 4096 ? 'unchanged' : 'changed', "\n";
var_dump($after['leaked_malloc'] - $before['leaked_malloc']);
?>
--EXPECT--
malloc_in_use: +4 MiB
malloc_mmapped: +4 MiB (its own mmap)
zend_usage: unchanged
int(4194304)
