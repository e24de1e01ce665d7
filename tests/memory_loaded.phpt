--TEST--
memory: the extension loads and exposes its functions
--EXTENSIONS--
memory
--FILE--
<?php
var_dump(extension_loaded('memory'));
foreach (['leak_malloc', 'leak_emalloc', 'leak_pemalloc', 'memory_stats'] as $f) {
    var_dump(function_exists($f));
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
