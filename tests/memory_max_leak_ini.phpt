--TEST--
memory.max_leak: a quantity such as 64M, settable only at startup (PHP_INI_SYSTEM)
--EXTENSIONS--
memory
--INI--
memory.max_leak=64M
--FILE--
<?php
var_dump(ini_get('memory.max_leak'));
var_dump(ini_set('memory.max_leak', '1M'));
var_dump(ini_get('memory.max_leak'));
try {
    leak_malloc(65 * 1048576);
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
string(3) "64M"
bool(false)
string(3) "64M"
leak_malloc(): Leaking 68157440 bytes would exceed memory.max_leak (67108864 bytes): this process has already leaked 0 bytes through malloc and pemalloc
