--TEST--
The seed's confirm_memory_compiled(), built at -O2: VSZ does not move across 8 calls, while leak_malloc(2 MiB) adds 2,052 KiB per call (the seed's experiment, run again)
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
if (!function_exists('confirm_memory_compiled')) {
    die("skip memory.so was built without --enable-memory-seed\n");
}
MemoryLab\Test\skip_unless('native');
?>
--XLEAK--
leak_malloc() leaks 16 MiB on purpose, for the comparison.
--FILE--
<?php
require __DIR__ . '/inc/checks.inc';

use MemoryLab\Lab\Proc;
use function MemoryLab\Test\check_each;

$pid = getmypid();
confirm_memory_compiled(); // warm up: the first call and the reader
leak_malloc(1);
Proc::mem($pid);

$seed = [];
$leak = [];
for ($i = 0; $i < 8; $i++) {
    $before = Proc::mem($pid)['vsz_kb'];
    confirm_memory_compiled();
    $seed[] = Proc::mem($pid)['vsz_kb'] - $before;
}
for ($i = 0; $i < 8; $i++) {
    $before = Proc::mem($pid)['vsz_kb'];
    leak_malloc(2097152);
    $leak[] = Proc::mem($pid)['vsz_kb'] - $before;
}
check_each('confirm_memory_compiled(): VmSize growth per call', $seed, 0, 0);
check_each('leak_malloc(2 MiB): VmSize growth per call', $leak, 2052, 0);
?>
--EXPECT--
confirm_memory_compiled(): VmSize growth per call: each of 8 within 0 ± 0 KiB
leak_malloc(2 MiB): VmSize growth per call: each of 8 within 2052 ± 0 KiB
