--TEST--
leak_emalloc(): one allocation larger than memory_limit is refused before emalloc is called
--EXTENSIONS--
memory
--INI--
memory_limit=16M
--FILE--
<?php
try {
    leak_emalloc(16 * 1048576 + 1);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
var_dump(memory_stats()['leaked_emalloc']);
echo "still running\n";
?>
--EXPECT--
leak_emalloc(): Argument #1 ($bytes) must be at most memory_limit (16777216 bytes)
int(0)
still running
