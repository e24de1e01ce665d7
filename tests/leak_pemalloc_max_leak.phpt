--TEST--
memory.max_leak: malloc and pemalloc share one cap
--XLEAK--
The malloc and pemalloc leaks under the cap are on purpose: valgrind reports them as definitely lost.
--EXTENSIONS--
memory
--INI--
memory.max_leak=4M
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\no_leak_report(); // this test leaks emalloc on purpose

var_dump(leak_malloc(3 * 1048576));
try {
    leak_pemalloc(2 * 1048576);
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
var_dump(leak_pemalloc(1048576));
try {
    leak_malloc(1);
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
var_dump(leak_emalloc(2 * 1048576));
?>
--EXPECT--
int(3145728)
leak_pemalloc(): Leaking 2097152 bytes would exceed memory.max_leak (4194304 bytes): this process has already leaked 3145728 bytes through malloc and pemalloc
int(1048576)
leak_malloc(): Leaking 1 bytes would exceed memory.max_leak (4194304 bytes): this process has already leaked 4194304 bytes through malloc and pemalloc
int(2097152)
