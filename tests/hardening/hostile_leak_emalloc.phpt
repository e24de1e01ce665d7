--TEST--
leak_emalloc(): hostile $bytes and $touch, named and extra arguments, strict_types 0 and 1 (a Throwable with the standard message, or the bytes leaked; never a signal)
--EXTENSIONS--
memory
--INI--
memory_limit=64M
memory.max_leak=8M
--FILE--
<?php
require __DIR__ . '/hostile.inc';
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\no_leak_report(); // this test leaks emalloc on purpose
memlab_matrix('leak_emalloc');
?>
--EXPECTF--
--- strict_types=0
leak_emalloc(0): ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
leak_emalloc(-1): ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
leak_emalloc(PHP_INT_MIN): ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
leak_emalloc(PHP_INT_MAX): ValueError: leak_emalloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
leak_emalloc(memory_limit + 1): ValueError: leak_emalloc(): Argument #1 ($bytes) must be at most memory_limit (67108864 bytes)
leak_emalloc(memory.max_leak + 1): leaked 8388609 bytes
leak_emalloc(1000): leaked 1000 bytes
leak_emalloc(1.0): leaked 1 bytes
leak_emalloc(1.5): Deprecated: Implicit conversion from float 1.5 to int loses precision; then leaked 1 bytes
leak_emalloc(-1.5): Deprecated: Implicit conversion from float -1.5 to int loses precision; then ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
leak_emalloc(1e100): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc(NAN): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc(INF): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc(-INF): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc("1000"): leaked 1000 bytes
leak_emalloc("1e3"): leaked 1000 bytes
leak_emalloc(" 1000"): leaked 1000 bytes
leak_emalloc("1000 "): leaked 1000 bytes
leak_emalloc("1000abc"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc("abc"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc(""): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc("0x10"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc("9223372036854775808"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc(null): Deprecated: leak_emalloc(): Passing null to parameter #1 ($bytes) of type int is deprecated; then ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
leak_emalloc(true): leaked 1 bytes
leak_emalloc(false): ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
leak_emalloc([]): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, array given
leak_emalloc([1000]): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, array given
leak_emalloc(new stdClass): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, stdClass given
leak_emalloc(Stringable "1000"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, MemlabNumericString given
leak_emalloc(4096, true): leaked 4096 bytes
leak_emalloc(4096, false): leaked 4096 bytes
leak_emalloc(4096, 1): leaked 4096 bytes
leak_emalloc(4096, 0): leaked 4096 bytes
leak_emalloc(4096, PHP_INT_MIN): leaked 4096 bytes
leak_emalloc(4096, 0.5): leaked 4096 bytes
leak_emalloc(4096, NAN): {leaked; 8.5+: Warning: unexpected NAN value was coerced to bool; then leaked} 4096 bytes
leak_emalloc(4096, INF): leaked 4096 bytes
leak_emalloc(4096, "1"): leaked 4096 bytes
leak_emalloc(4096, "0"): leaked 4096 bytes
leak_emalloc(4096, ""): leaked 4096 bytes
leak_emalloc(4096, "abc"): leaked 4096 bytes
leak_emalloc(4096, null): Deprecated: leak_emalloc(): Passing null to parameter #2 ($touch) of type bool is deprecated; then leaked 4096 bytes
leak_emalloc(4096, []): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, array given
leak_emalloc(4096, [0]): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, array given
leak_emalloc(4096, new stdClass): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, stdClass given
leak_emalloc(bytes: 1000): leaked 1000 bytes
leak_emalloc(touch: true): leaked 2097152 bytes
leak_emalloc(touch: true, bytes: 1000): leaked 1000 bytes
leak_emalloc(1000, bytes: 1000): Error: Named parameter $bytes overwrites previous argument
leak_emalloc(size: 1000): Error: Unknown named parameter $size
leak_emalloc(1000, false, 1): ArgumentCountError: leak_emalloc() expects at most 2 arguments, 3 given
leak_emalloc(1000, touch: false, extra: 1): Error: Unknown named parameter $extra
--- strict_types=1
leak_emalloc(0): ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
leak_emalloc(-1): ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
leak_emalloc(PHP_INT_MIN): ValueError: leak_emalloc(): Argument #1 ($bytes) must be greater than 0
leak_emalloc(PHP_INT_MAX): ValueError: leak_emalloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
leak_emalloc(memory_limit + 1): ValueError: leak_emalloc(): Argument #1 ($bytes) must be at most memory_limit (67108864 bytes)
leak_emalloc(memory.max_leak + 1): leaked 8388609 bytes
leak_emalloc(1000): leaked 1000 bytes
leak_emalloc(1.0): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc(1.5): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc(-1.5): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc(1e100): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc(NAN): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc(INF): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc(-INF): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, float given
leak_emalloc("1000"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc("1e3"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc(" 1000"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc("1000 "): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc("1000abc"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc("abc"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc(""): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc("0x10"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc("9223372036854775808"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, string given
leak_emalloc(null): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, null given
leak_emalloc(true): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, {bool given; 8.4+: true given}
leak_emalloc(false): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, {bool given; 8.4+: false given}
leak_emalloc([]): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, array given
leak_emalloc([1000]): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, array given
leak_emalloc(new stdClass): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, stdClass given
leak_emalloc(Stringable "1000"): TypeError: leak_emalloc(): Argument #1 ($bytes) must be of type int, MemlabNumericString given
leak_emalloc(4096, true): leaked 4096 bytes
leak_emalloc(4096, false): leaked 4096 bytes
leak_emalloc(4096, 1): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, int given
leak_emalloc(4096, 0): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, int given
leak_emalloc(4096, PHP_INT_MIN): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, int given
leak_emalloc(4096, 0.5): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, float given
leak_emalloc(4096, NAN): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, float given
leak_emalloc(4096, INF): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, float given
leak_emalloc(4096, "1"): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, string given
leak_emalloc(4096, "0"): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, string given
leak_emalloc(4096, ""): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, string given
leak_emalloc(4096, "abc"): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, string given
leak_emalloc(4096, null): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, null given
leak_emalloc(4096, []): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, array given
leak_emalloc(4096, [0]): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, array given
leak_emalloc(4096, new stdClass): TypeError: leak_emalloc(): Argument #2 ($touch) must be of type bool, stdClass given
leak_emalloc(bytes: 1000): leaked 1000 bytes
leak_emalloc(touch: true): leaked 2097152 bytes
leak_emalloc(touch: true, bytes: 1000): leaked 1000 bytes
leak_emalloc(1000, bytes: 1000): Error: Named parameter $bytes overwrites previous argument
leak_emalloc(size: 1000): Error: Unknown named parameter $size
leak_emalloc(1000, false, 1): ArgumentCountError: leak_emalloc() expects at most 2 arguments, 3 given
leak_emalloc(1000, touch: false, extra: 1): Error: Unknown named parameter $extra
