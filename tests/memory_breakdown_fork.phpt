--TEST--
memory_breakdown(): after fork() the child reads its own /proc/self/status and smaps_rollup, not the parent's
--EXTENSIONS--
memory
pcntl
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

use MemoryLab\Lab\Proc;

memory_breakdown(); // the parent opens its descriptors before the fork
$parent = getmypid();
Proc::mem($parent); // and loads the reader, so the child's reading moves nothing
$pid = pcntl_fork();
if ($pid === 0) {
    $start = memory_breakdown();
    leak_malloc(16 * 1048576, true);
    $b = memory_breakdown();
    $own = Proc::mem(getmypid());
    // 16 MiB written in the child alone: its anonymous RSS grew by them (more under valgrind,
    // which keeps shadow memory), and they are private to it (USS); read from the parent's
    // files, nothing would have moved. The kernel's RSS counters are per-CPU and lag, and the
    // child maps the parent's file pages only as it touches them: 2 MiB either way.
    $grew = $b['rss_anon'] - $start['rss_anon'];
    $ok = $grew >= 16 * 1048576 && $b['uss'] >= 16 * 1048576
        && abs($b['rss'] / 1024 - $own['rss_kb']) <= 2048;
    echo 'child: ', $ok ? 'reads its own process' : "reads rss_anon +$grew, uss {$b['uss']}, rss {$b['rss']}, own {$own['rss_kb']} KiB", "\n";
    exit(0);
}
pcntl_waitpid($pid, $status);
$b = memory_breakdown();
$own = Proc::mem($parent);
echo 'parent: ', abs($b['rss'] / 1024 - $own['rss_kb']) <= 2048 ? 'reads its own process' : "reads rss {$b['rss']}, own {$own['rss_kb']} KiB", "\n";
?>
--XLEAK--
The child leaks 16 MiB through malloc on purpose.
--EXPECT--
child: reads its own process
parent: reads its own process
