--TEST--
memory_stats(): takes no arguments
--EXTENSIONS--
memory
--FILE--
<?php
try {
    memory_stats(1);
} catch (ArgumentCountError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
memory_stats() expects exactly 0 arguments, 1 given
