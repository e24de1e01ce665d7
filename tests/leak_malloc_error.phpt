--TEST--
leak_malloc(): a size that is not positive is a ValueError
--EXTENSIONS--
memory
--FILE--
<?php
foreach ([0, -1, PHP_INT_MIN] as $bytes) {
    try {
        leak_malloc($bytes);
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
var_dump(memory_stats()['leaked_malloc']);
?>
--EXPECT--
leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(): Argument #1 ($bytes) must be greater than 0
int(0)
