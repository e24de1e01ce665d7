--TEST--
memory_stats(): every documented key, with its type
--EXTENSIONS--
memory
--FILE--
<?php
foreach (memory_stats() as $key => $value) {
    echo $key, ': ', get_debug_type($value), "\n";
}
var_dump(memory_stats()['sapi'] === PHP_SAPI, memory_stats()['pid'] === getmypid(), memory_stats()['request']);
?>
--EXPECT--
pid: int
sapi: string
request: int
vsz: int
rss: int
zend_usage: int
zend_real_usage: int
zend_peak: int
malloc_in_use: int
malloc_mmapped: int
leaked_malloc: int
leaked_pemalloc: int
leaked_emalloc: int
bool(true)
bool(true)
int(1)
