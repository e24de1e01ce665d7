--TEST--
memory_track_live(): hostile $since (wrong types, negative, past the current mark, PHP_INT_MAX, floats, named and extra arguments) in strict_types 0 and 1: a Throwable with the standard message, never a signal; memory_track_mark() takes no argument
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../inc/track.inc';

$code = '$calls = ["null" => fn() => memory_track_live(null), "string" => fn() => memory_track_live("abc"), "numeric string" => fn() => memory_track_live("0"),
"float" => fn() => memory_track_live(1.5), "array" => fn() => memory_track_live([]), "-1" => fn() => memory_track_live(-1),
"PHP_INT_MIN" => fn() => memory_track_live(PHP_INT_MIN), "PHP_INT_MAX" => fn() => memory_track_live(PHP_INT_MAX),
"mark + 1000000" => fn() => memory_track_live(memory_track_mark() + 1000000), "named" => fn() => memory_track_live(since: 0),
"unknown named" => fn() => memory_track_live(mark: 0), "extra" => fn() => memory_track_live(0, 1), "mark(1)" => fn() => memory_track_mark(1)];
foreach ($calls as $what => $call) {
    try { $r = $call(); echo "$what: ", gettype($r), "\n"; }
    catch (Throwable $e) { echo "$what: ", get_class($e), ": ", preg_replace("/\\(\\d+\\)/", "(N)", $e->getMessage()), "\n"; }
}';
foreach ([0, 1] as $strict) {
    echo "strict_types=$strict\n";
    $run = MemoryLab\Test\tracked_code("declare(strict_types=$strict);\n" . $code, ['memory.report' => '0']);
    echo $run['stdout'], $run['stderr'], 'exit status ', $run['status'], "\n";
}
?>
--EXPECTF--
strict_types=0

Deprecated: memory_track_live(): Passing null to parameter #1 ($since) of type int is deprecated in %s on line 3
null: array
string: TypeError: memory_track_live(): Argument #1 ($since) must be of type int, string given
numeric string: array

Deprecated: Implicit conversion from float 1.5 to int loses precision in %s on line 4
float: array
array: TypeError: memory_track_live(): Argument #1 ($since) must be of type int, array given
-1: ValueError: memory_track_live(): Argument #1 ($since) must be greater than or equal to 0
PHP_INT_MIN: ValueError: memory_track_live(): Argument #1 ($since) must be greater than or equal to 0
PHP_INT_MAX: ValueError: memory_track_live(): Argument #1 ($since) must be at most the current mark (N)
mark + 1000000: ValueError: memory_track_live(): Argument #1 ($since) must be at most the current mark (N)
named: array
unknown named: Error: Unknown named parameter $mark
extra: ArgumentCountError: memory_track_live() expects at most 1 argument, 2 given
mark(1): ArgumentCountError: memory_track_mark() expects exactly 0 arguments, 1 given
exit status 0
strict_types=1
null: TypeError: memory_track_live(): Argument #1 ($since) must be of type int, null given
string: TypeError: memory_track_live(): Argument #1 ($since) must be of type int, string given
numeric string: TypeError: memory_track_live(): Argument #1 ($since) must be of type int, string given
float: TypeError: memory_track_live(): Argument #1 ($since) must be of type int, float given
array: TypeError: memory_track_live(): Argument #1 ($since) must be of type int, array given
-1: ValueError: memory_track_live(): Argument #1 ($since) must be greater than or equal to 0
PHP_INT_MIN: ValueError: memory_track_live(): Argument #1 ($since) must be greater than or equal to 0
PHP_INT_MAX: ValueError: memory_track_live(): Argument #1 ($since) must be at most the current mark (N)
mark + 1000000: ValueError: memory_track_live(): Argument #1 ($since) must be at most the current mark (N)
named: array
unknown named: Error: Unknown named parameter $mark
extra: ArgumentCountError: memory_track_live() expects at most 1 argument, 2 given
mark(1): ArgumentCountError: memory_track_mark() expects exactly 0 arguments, 1 given
exit status 0