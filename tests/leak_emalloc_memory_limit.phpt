--TEST--
leak_emalloc(): a request that never frees dies on memory_limit with PHP's standard fatal error
--EXTENSIONS--
memory
--INI--
memory_limit=16M
--FILE--
<?php
// Each 2 MiB leak is a Zend MM huge block of exactly 2 MiB; what fits is the limit less
// what the heap already holds (its chunks) when the loop starts.
$fits = intdiv(16777216 - memory_get_usage(true), 2097152);
$leaks = 0;
register_shutdown_function(function () use (&$leaks, $fits) {
    echo "\nleaks before the fatal error: ", $leaks === $fits ? 'as many as fit under memory_limit' : "$leaks, expected $fits", "\n";
});
for (;;) {
    leak_emalloc(2097152);
    $leaks++;
}
?>
--EXPECTF--
Fatal error: Allowed memory size of 16777216 bytes exhausted%S (tried to allocate 2097152 bytes) in %s on line %d

leaks before the fatal error: as many as fit under memory_limit
