--TEST--
leak_malloc(): returns the bytes this process has leaked through malloc so far
--XLEAK--
leak_malloc() leaks on purpose: valgrind reports its blocks as definitely lost.
--EXTENSIONS--
memory
--FILE--
<?php
var_dump(leak_malloc(1000));
var_dump(leak_malloc(24));
var_dump(leak_malloc());
var_dump(memory_stats()['leaked_malloc']);
?>
--EXPECT--
int(1000)
int(1024)
int(2098176)
int(2098176)
