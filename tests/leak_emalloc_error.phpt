--TEST--
leak_emalloc(): bad sizes and types are refused with the standard errors
--EXTENSIONS--
memory
--INI--
memory_limit=-1
--FILE--
<?php
$calls = [
    fn() => leak_emalloc(0),
    fn() => leak_emalloc(-4096),
    fn() => leak_emalloc('x'),
    fn() => leak_emalloc(PHP_INT_MAX),
];
foreach ($calls as $call) {
    try {
        $call();
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(memory_stats()['leaked_emalloc']);
?>
--EXPECTF--
ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
ValueError: leak_emalloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
int(0)
