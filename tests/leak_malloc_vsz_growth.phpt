--TEST--
leak_malloc(): 2 MiB grows VmSize by 2 MiB plus at most a few pages (the malloc is not optimized away)
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

use MemoryLab\Lab\Proc;

$pid = getmypid();
Proc::mem($pid); // warm up the reader
for ($i = 1; $i <= 3; $i++) {
    $before = Proc::mem($pid);
    leak_malloc(2097152);
    $after = Proc::mem($pid);
    $grew = $after['vsz_kb'] - $before['vsz_kb'];
    printf("leak %d: VmSize grew by 2 MiB + %s\n", $i,
        $grew >= 2048 && $grew <= 2048 + 16 ? 'at most 4 pages' : "an unexpected amount ($grew KiB)");
}
?>
--EXPECT--
leak 1: VmSize grew by 2 MiB + at most 4 pages
leak 2: VmSize grew by 2 MiB + at most 4 pages
leak 3: VmSize grew by 2 MiB + at most 4 pages
