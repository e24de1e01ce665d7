--TEST--
valgrind sees the malloc and pemalloc leaks, and the emalloc leak only with USE_ZEND_ALLOC=0
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/valgrind.inc';
MemoryLab\Test\skip_unless('valgrind');
?>
--FILE--
<?php
require __DIR__ . '/valgrind.inc';

$runs = [
    'leak_malloc(1000)' => [],
    'leak_pemalloc(1000)' => [],
    'leak_emalloc(1000)' => [],
    'leak_emalloc(1000), USE_ZEND_ALLOC=0' => ['USE_ZEND_ALLOC' => '0'],
];
foreach ($runs as $label => $env) {
    $call = explode(',', $label)[0];
    $r = memlab_valgrind("echo $call;", $env);
    echo "$label returned {$r['stdout']}, exit status {$r['status']}\n";
    foreach (memlab_definite_losses($r['log']) as $loss) {
        echo "  $loss\n";
    }
    echo '  ', memlab_valgrind_line($r['log'], 'definitely lost'), "\n";
    echo '  ', memlab_valgrind_line($r['log'], 'ERROR SUMMARY'), "\n";
}
?>
--EXPECTF--
leak_malloc(1000) returned 1000, exit status 0
  1,000 bytes in 1 blocks are definitely lost, by memory::leak(memory::allocator, unsigned long, bool, unsigned long) (memory_leak.cpp:%d)
  definitely lost: 1,000 bytes in 1 blocks
  ERROR SUMMARY: 1 errors from 1 contexts (suppressed: 0 from 0)
leak_pemalloc(1000) returned 1000, exit status 0
  1,000 bytes in 1 blocks are definitely lost, by memory::leak(memory::allocator, unsigned long, bool, unsigned long) (memory_leak.cpp:%d)
  definitely lost: 1,000 bytes in 1 blocks
  ERROR SUMMARY: 1 errors from 1 contexts (suppressed: 0 from 0)
leak_emalloc(1000) returned 1000, exit status 0
  definitely lost: 0 bytes in 0 blocks
  ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0 from 0)
leak_emalloc(1000), USE_ZEND_ALLOC=0 returned 1000, exit status 0
  1,000 bytes in 1 blocks are definitely lost, by memory::leak(memory::allocator, unsigned long, bool, unsigned long) (memory_leak.cpp:%d)
  definitely lost: 1,000 bytes in 1 blocks
  ERROR SUMMARY: 1 errors from 1 contexts (suppressed: 0 from 0)
