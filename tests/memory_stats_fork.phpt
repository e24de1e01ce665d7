--TEST--
memory_stats(): after fork() the child reads its own /proc/self, not the parent's
--EXTENSIONS--
memory
pcntl
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

use MemoryLab\Lab\Proc;

memory_stats(); // the parent opens its statm descriptor before the fork
$parent = getmypid();
$pid = pcntl_fork();
if ($pid === 0) {
    leak_malloc(8 * 1048576, true);
    $s = memory_stats();
    $own = Proc::mem(getmypid());
    $theirs = Proc::mem($parent);
    // Own, not the parent's: within 1 MiB of the child's own VmSize (valgrind and ASan map
    // memory of their own between the two reads: 68 KiB was seen), 8 MiB above the parent's.
    $ok = $s['pid'] === getmypid()
        && abs($s['vsz'] / 1024 - $own['vsz_kb']) <= 1024
        && $s['vsz'] / 1024 - $theirs['vsz_kb'] >= 8192;
    echo 'child: ', $ok ? 'reads its own process' : "reads vsz {$s['vsz']}, own {$own['vsz_kb']} KiB, parent {$theirs['vsz_kb']} KiB", "\n";
    var_dump($s['leaked_malloc']);
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(memory_stats()['leaked_malloc']);
echo 'parent: ', memory_stats()['pid'] === $parent ? 'reads its own process' : 'wrong pid', "\n";
?>
--EXPECT--
child: reads its own process
int(8388608)
int(0)
parent: reads its own process
