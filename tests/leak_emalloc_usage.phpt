--TEST--
leak_emalloc(): memory_get_usage() grows by at least the leaked bytes and never shrinks back
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\no_leak_report(); // this test leaks emalloc on purpose

foreach ([64, 16384, 2097152, 3 * 1048576] as $bytes) {
    $before = memory_get_usage();
    leak_emalloc($bytes);
    $grew = memory_get_usage() - $before;
    echo "$bytes: ", $grew >= $bytes ? 'grew by at least that' : "grew by only $grew", "\n";
}
?>
--EXPECT--
64: grew by at least that
16384: grew by at least that
2097152: grew by at least that
3145728: grew by at least that
