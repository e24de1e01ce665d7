--TEST--
leak_pemalloc(): hostile $bytes and $touch, named and extra arguments, strict_types 0 and 1 (a Throwable with the standard message, or the bytes leaked; never a signal)
--XLEAK--
The cases that succeed leak through pemalloc on purpose; valgrind reports those blocks as definitely lost.
--EXTENSIONS--
memory
--INI--
memory_limit=64M
memory.max_leak=8M
--FILE--
<?php
require __DIR__ . '/hostile.inc';
memlab_matrix('leak_pemalloc');
?>
--EXPECTF--
--- strict_types=0
leak_pemalloc(0): ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
leak_pemalloc(-1): ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
leak_pemalloc(PHP_INT_MIN): ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
leak_pemalloc(PHP_INT_MAX): ValueError: leak_pemalloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
leak_pemalloc(memory_limit + 1): Error: leak_pemalloc(): Leaking 67108865 bytes would exceed memory.max_leak (8388608 bytes): this process has already leaked 0 bytes through malloc and pemalloc
leak_pemalloc(memory.max_leak + 1): Error: leak_pemalloc(): Leaking 8388609 bytes would exceed memory.max_leak (8388608 bytes): this process has already leaked 0 bytes through malloc and pemalloc
leak_pemalloc(1000): leaked 1000 bytes
leak_pemalloc(1.0): leaked 1 bytes
leak_pemalloc(1.5): Deprecated: Implicit conversion from float 1.5 to int loses precision; then leaked 1 bytes
leak_pemalloc(-1.5): Deprecated: Implicit conversion from float -1.5 to int loses precision; then ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
leak_pemalloc(1e100): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc(NAN): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc(INF): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc(-INF): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc("1000"): leaked 1000 bytes
leak_pemalloc("1e3"): leaked 1000 bytes
leak_pemalloc(" 1000"): leaked 1000 bytes
leak_pemalloc("1000 "): leaked 1000 bytes
leak_pemalloc("1000abc"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc("abc"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc(""): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc("0x10"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc("9223372036854775808"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc(null): Deprecated: leak_pemalloc(): Passing null to parameter #1 ($bytes) of type int is deprecated; then ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
leak_pemalloc(true): leaked 1 bytes
leak_pemalloc(false): ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
leak_pemalloc([]): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, array given
leak_pemalloc([1000]): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, array given
leak_pemalloc(new stdClass): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, stdClass given
leak_pemalloc(Stringable "1000"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, MemlabNumericString given
leak_pemalloc(4096, true): leaked 4096 bytes
leak_pemalloc(4096, false): leaked 4096 bytes
leak_pemalloc(4096, 1): leaked 4096 bytes
leak_pemalloc(4096, 0): leaked 4096 bytes
leak_pemalloc(4096, PHP_INT_MIN): leaked 4096 bytes
leak_pemalloc(4096, 0.5): leaked 4096 bytes
leak_pemalloc(4096, NAN): {leaked; 8.5+: Warning: unexpected NAN value was coerced to bool; then leaked} 4096 bytes
leak_pemalloc(4096, INF): leaked 4096 bytes
leak_pemalloc(4096, "1"): leaked 4096 bytes
leak_pemalloc(4096, "0"): leaked 4096 bytes
leak_pemalloc(4096, ""): leaked 4096 bytes
leak_pemalloc(4096, "abc"): leaked 4096 bytes
leak_pemalloc(4096, null): Deprecated: leak_pemalloc(): Passing null to parameter #2 ($touch) of type bool is deprecated; then leaked 4096 bytes
leak_pemalloc(4096, []): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, array given
leak_pemalloc(4096, [0]): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, array given
leak_pemalloc(4096, new stdClass): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, stdClass given
leak_pemalloc(bytes: 1000): leaked 1000 bytes
leak_pemalloc(touch: true): leaked 2097152 bytes
leak_pemalloc(touch: true, bytes: 1000): leaked 1000 bytes
leak_pemalloc(1000, bytes: 1000): Error: Named parameter $bytes overwrites previous argument
leak_pemalloc(size: 1000): Error: Unknown named parameter $size
leak_pemalloc(1000, false, 1): ArgumentCountError: leak_pemalloc() expects at most 2 arguments, 3 given
leak_pemalloc(1000, touch: false, extra: 1): Error: Unknown named parameter $extra
--- strict_types=1
leak_pemalloc(0): ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
leak_pemalloc(-1): ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
leak_pemalloc(PHP_INT_MIN): ValueError: leak_pemalloc(): Argument #1 ($bytes) must be greater than 0
leak_pemalloc(PHP_INT_MAX): ValueError: leak_pemalloc(): Argument #1 ($bytes) must be at most %d (the physical memory of this machine)
leak_pemalloc(memory_limit + 1): Error: leak_pemalloc(): Leaking 67108865 bytes would exceed memory.max_leak (8388608 bytes): this process has already leaked 2157403 bytes through malloc and pemalloc
leak_pemalloc(memory.max_leak + 1): Error: leak_pemalloc(): Leaking 8388609 bytes would exceed memory.max_leak (8388608 bytes): this process has already leaked 2157403 bytes through malloc and pemalloc
leak_pemalloc(1000): leaked 1000 bytes
leak_pemalloc(1.0): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc(1.5): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc(-1.5): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc(1e100): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc(NAN): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc(INF): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc(-INF): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, float given
leak_pemalloc("1000"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc("1e3"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc(" 1000"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc("1000 "): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc("1000abc"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc("abc"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc(""): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc("0x10"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc("9223372036854775808"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, string given
leak_pemalloc(null): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, null given
leak_pemalloc(true): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, {bool given; 8.4+: true given}
leak_pemalloc(false): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, {bool given; 8.4+: false given}
leak_pemalloc([]): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, array given
leak_pemalloc([1000]): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, array given
leak_pemalloc(new stdClass): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, stdClass given
leak_pemalloc(Stringable "1000"): TypeError: leak_pemalloc(): Argument #1 ($bytes) must be of type int, MemlabNumericString given
leak_pemalloc(4096, true): leaked 4096 bytes
leak_pemalloc(4096, false): leaked 4096 bytes
leak_pemalloc(4096, 1): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, int given
leak_pemalloc(4096, 0): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, int given
leak_pemalloc(4096, PHP_INT_MIN): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, int given
leak_pemalloc(4096, 0.5): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, float given
leak_pemalloc(4096, NAN): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, float given
leak_pemalloc(4096, INF): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, float given
leak_pemalloc(4096, "1"): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, string given
leak_pemalloc(4096, "0"): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, string given
leak_pemalloc(4096, ""): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, string given
leak_pemalloc(4096, "abc"): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, string given
leak_pemalloc(4096, null): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, null given
leak_pemalloc(4096, []): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, array given
leak_pemalloc(4096, [0]): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, array given
leak_pemalloc(4096, new stdClass): TypeError: leak_pemalloc(): Argument #2 ($touch) must be of type bool, stdClass given
leak_pemalloc(bytes: 1000): leaked 1000 bytes
leak_pemalloc(touch: true): leaked 2097152 bytes
leak_pemalloc(touch: true, bytes: 1000): leaked 1000 bytes
leak_pemalloc(1000, bytes: 1000): Error: Named parameter $bytes overwrites previous argument
leak_pemalloc(size: 1000): Error: Unknown named parameter $size
leak_pemalloc(1000, false, 1): ArgumentCountError: leak_pemalloc() expects at most 2 arguments, 3 given
leak_pemalloc(1000, touch: false, extra: 1): Error: Unknown named parameter $extra
