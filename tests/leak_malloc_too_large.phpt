--TEST--
leak_malloc(): a size beyond the machine's physical memory is refused before malloc is called
--EXTENSIONS--
memory
--INI--
memory.max_leak=9223372036854775807
--FILE--
<?php
try {
    leak_malloc(PHP_INT_MAX);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
var_dump(memory_stats()['leaked_malloc']);
?>
--EXPECTF--
leak_malloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
int(0)
