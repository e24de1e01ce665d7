--TEST--
leak_malloc(): hostile $bytes and $touch, named and extra arguments, strict_types 0 and 1 (a Throwable with the standard message, or the bytes leaked; never a signal)
--XLEAK--
The cases that succeed leak through malloc on purpose; valgrind reports those blocks as definitely lost.
--EXTENSIONS--
memory
--INI--
memory_limit=64M
memory.max_leak=8M
--FILE--
<?php
require __DIR__ . '/hostile.inc';
memlab_matrix('leak_malloc');
?>
--EXPECTF--
--- strict_types=0
leak_malloc(0): ValueError: leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(-1): ValueError: leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(PHP_INT_MIN): ValueError: leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(PHP_INT_MAX): ValueError: leak_malloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
leak_malloc(memory_limit + 1): Error: leak_malloc(): Leaking 67108865 bytes would exceed memory.max_leak (8388608 bytes): this process has already leaked 0 bytes through malloc and pemalloc
leak_malloc(memory.max_leak + 1): Error: leak_malloc(): Leaking 8388609 bytes would exceed memory.max_leak (8388608 bytes): this process has already leaked 0 bytes through malloc and pemalloc
leak_malloc(1000): leaked 1000 bytes
leak_malloc(1.0): leaked 1 bytes
leak_malloc(1.5): Deprecated: Implicit conversion from float 1.5 to int loses precision; then leaked 1 bytes
leak_malloc(-1.5): Deprecated: Implicit conversion from float -1.5 to int loses precision; then ValueError: leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(1e100): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc(NAN): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc(INF): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc(-INF): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc("1000"): leaked 1000 bytes
leak_malloc("1e3"): leaked 1000 bytes
leak_malloc(" 1000"): leaked 1000 bytes
leak_malloc("1000 "): leaked 1000 bytes
leak_malloc("1000abc"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc("abc"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc(""): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc("0x10"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc("9223372036854775808"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc(null): Deprecated: leak_malloc(): Passing null to parameter #1 ($bytes) of type int is deprecated; then ValueError: leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(true): leaked 1 bytes
leak_malloc(false): ValueError: leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc([]): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, array given
leak_malloc([1000]): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, array given
leak_malloc(new stdClass): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, stdClass given
leak_malloc(Stringable "1000"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, MemlabNumericString given
leak_malloc(4096, true): leaked 4096 bytes
leak_malloc(4096, false): leaked 4096 bytes
leak_malloc(4096, 1): leaked 4096 bytes
leak_malloc(4096, 0): leaked 4096 bytes
leak_malloc(4096, PHP_INT_MIN): leaked 4096 bytes
leak_malloc(4096, 0.5): leaked 4096 bytes
leak_malloc(4096, NAN): {leaked; 8.5+: Warning: unexpected NAN value was coerced to bool; then leaked} 4096 bytes
leak_malloc(4096, INF): leaked 4096 bytes
leak_malloc(4096, "1"): leaked 4096 bytes
leak_malloc(4096, "0"): leaked 4096 bytes
leak_malloc(4096, ""): leaked 4096 bytes
leak_malloc(4096, "abc"): leaked 4096 bytes
leak_malloc(4096, null): Deprecated: leak_malloc(): Passing null to parameter #2 ($touch) of type bool is deprecated; then leaked 4096 bytes
leak_malloc(4096, []): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, array given
leak_malloc(4096, [0]): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, array given
leak_malloc(4096, new stdClass): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, stdClass given
leak_malloc(bytes: 1000): leaked 1000 bytes
leak_malloc(touch: true): leaked 2097152 bytes
leak_malloc(touch: true, bytes: 1000): leaked 1000 bytes
leak_malloc(1000, bytes: 1000): Error: Named parameter $bytes overwrites previous argument
leak_malloc(size: 1000): Error: Unknown named parameter $size
leak_malloc(1000, false, 1): ArgumentCountError: leak_malloc() expects at most 2 arguments, 3 given
leak_malloc(1000, touch: false, extra: 1): Error: Unknown named parameter $extra
--- strict_types=1
leak_malloc(0): ValueError: leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(-1): ValueError: leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(PHP_INT_MIN): ValueError: leak_malloc(): Argument #1 ($bytes) must be greater than 0
leak_malloc(PHP_INT_MAX): ValueError: leak_malloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
leak_malloc(memory_limit + 1): Error: leak_malloc(): Leaking 67108865 bytes would exceed memory.max_leak (8388608 bytes): this process has already leaked 2157403 bytes through malloc and pemalloc
leak_malloc(memory.max_leak + 1): Error: leak_malloc(): Leaking 8388609 bytes would exceed memory.max_leak (8388608 bytes): this process has already leaked 2157403 bytes through malloc and pemalloc
leak_malloc(1000): leaked 1000 bytes
leak_malloc(1.0): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc(1.5): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc(-1.5): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc(1e100): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc(NAN): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc(INF): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc(-INF): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, float given
leak_malloc("1000"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc("1e3"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc(" 1000"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc("1000 "): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc("1000abc"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc("abc"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc(""): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc("0x10"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc("9223372036854775808"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, string given
leak_malloc(null): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, null given
leak_malloc(true): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, {bool given; 8.4+: true given}
leak_malloc(false): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, {bool given; 8.4+: false given}
leak_malloc([]): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, array given
leak_malloc([1000]): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, array given
leak_malloc(new stdClass): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, stdClass given
leak_malloc(Stringable "1000"): TypeError: leak_malloc(): Argument #1 ($bytes) must be of type int, MemlabNumericString given
leak_malloc(4096, true): leaked 4096 bytes
leak_malloc(4096, false): leaked 4096 bytes
leak_malloc(4096, 1): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, int given
leak_malloc(4096, 0): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, int given
leak_malloc(4096, PHP_INT_MIN): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, int given
leak_malloc(4096, 0.5): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, float given
leak_malloc(4096, NAN): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, float given
leak_malloc(4096, INF): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, float given
leak_malloc(4096, "1"): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, string given
leak_malloc(4096, "0"): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, string given
leak_malloc(4096, ""): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, string given
leak_malloc(4096, "abc"): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, string given
leak_malloc(4096, null): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, null given
leak_malloc(4096, []): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, array given
leak_malloc(4096, [0]): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, array given
leak_malloc(4096, new stdClass): TypeError: leak_malloc(): Argument #2 ($touch) must be of type bool, stdClass given
leak_malloc(bytes: 1000): leaked 1000 bytes
leak_malloc(touch: true): leaked 2097152 bytes
leak_malloc(touch: true, bytes: 1000): leaked 1000 bytes
leak_malloc(1000, bytes: 1000): Error: Named parameter $bytes overwrites previous argument
leak_malloc(size: 1000): Error: Unknown named parameter $size
leak_malloc(1000, false, 1): ArgumentCountError: leak_malloc() expects at most 2 arguments, 3 given
leak_malloc(1000, touch: false, extra: 1): Error: Unknown named parameter $extra
