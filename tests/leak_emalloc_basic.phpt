--TEST--
leak_emalloc(): returns the bytes leaked through emalloc in this request so far
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\no_leak_report(); // this test leaks emalloc on purpose

var_dump(leak_emalloc(1000));
var_dump(leak_emalloc(24));
var_dump(leak_emalloc());
var_dump(memory_stats()['leaked_emalloc']);
var_dump(memory_stats()['leaked_malloc']);
?>
--EXPECT--
int(1000)
int(1024)
int(2098176)
int(2098176)
int(0)
