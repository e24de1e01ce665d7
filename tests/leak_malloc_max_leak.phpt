--TEST--
memory.max_leak: a malloc that would pass the cap allocates nothing and throws an Error naming the INI
--XLEAK--
The malloc leaks under the cap are on purpose: valgrind reports them as definitely lost.
--EXTENSIONS--
memory
--INI--
memory.max_leak=5M
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

use MemoryLab\Lab\Proc;

var_dump(leak_malloc(2097152));
var_dump(leak_malloc(2097152));
$pid = getmypid();
Proc::mem($pid);
$before = Proc::mem($pid);
try {
    leak_malloc(2097152);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$after = Proc::mem($pid);
var_dump($after['vsz_kb'] - $before['vsz_kb'] < 1024);
var_dump(memory_stats()['leaked_malloc']);
var_dump(leak_malloc(1048576));
?>
--EXPECT--
int(2097152)
int(4194304)
Error: leak_malloc(): Leaking 2097152 bytes would exceed memory.max_leak (5242880 bytes): this process has already leaked 4194304 bytes through malloc and pemalloc
bool(true)
int(4194304)
int(5242880)
