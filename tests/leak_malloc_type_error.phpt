--TEST--
leak_malloc(): wrong argument types are the standard TypeError
--EXTENSIONS--
memory
--FILE--
<?php
$calls = [
    fn() => leak_malloc('two megabytes'),
    fn() => leak_malloc([]),
    fn() => leak_malloc(1, []),
    fn() => leak_malloc(1, true, 3),
];
foreach ($calls as $call) {
    try {
        $call();
    } catch (TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, array given
TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, array given
ArgumentCountError: leak_malloc() expects at most 2 arguments, 3 given
