--TEST--
leak_pemalloc(): bad sizes and types are refused with the standard errors
--EXTENSIONS--
memory
--FILE--
<?php
$calls = [
    fn() => leak_pemalloc(0),
    fn() => leak_pemalloc(-1),
    fn() => leak_pemalloc(null),
    fn() => leak_pemalloc(1, new stdClass),
];
foreach ($calls as $call) {
    try {
        $call();
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(memory_stats()['leaked_pemalloc']);
?>
--EXPECTF--
ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0

Deprecated: leak_pemalloc(): Passing null to parameter #1 ($bytes) of type int is deprecated in %s on line %d
ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, stdClass given
int(0)
