--TEST--
leak_malloc(): memory_get_usage() does not see a malloc leak
--EXTENSIONS--
memory
--FILE--
<?php
$before = memory_get_usage();
leak_malloc(4 * 1048576);
$after = memory_get_usage();
var_dump($after - $before < 1024);
?>
--EXPECT--
bool(true)
