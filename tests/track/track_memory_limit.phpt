--TEST--
memory.track: memory_limit's fatal error comes at the same allocation as without tracking (1,000 B and 2 MiB steps); after the fatal the shutdown function still runs, the report says the leaks are not reported (PHP frees only part of a request that died) and the process exits cleanly
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

use function MemoryLab\Test\tracked_code;

foreach ([1000, 2097152] as $bytes) {
    $code = '$n = 0; register_shutdown_function(function () use (&$n) { echo "calls: $n\n"; });
$keep = [];
for (;;) { leak_emalloc(' . $bytes . '); $keep[] = str_repeat("k", 100); $n++; }';
    $on = tracked_code($code, ['memory_limit' => '16M', 'memory.report_format' => 'text']);
    $off = tracked_code($code, ['memory_limit' => '16M', 'memory.track' => '0', 'memory.report_format' => 'text']);
    preg_match('/calls: (\d+)/', $on['stdout'], $a);
    preg_match('/calls: (\d+)/', $off['stdout'], $b);
    echo "$bytes B steps: ", ($a[1] ?? 'none') === ($b[1] ?? 'x') ? 'the same number of calls before the fatal' : "tracked {$a[1]}, untracked {$b[1]}", "\n";
    echo str_contains($on['stdout'], 'Allowed memory size of 16777216 bytes exhausted') ? "fatal error\n" : $on['stdout'];
    echo preg_replace('/^memory: pid \d+ request 1: zend peak .*\n/', '', $on['stderr']);
    echo 'exit status ', $on['status'], "\n";
}
?>
--EXPECTF--
1000 B steps: the same number of calls before the fatal
fatal error
memory: pid %d request 1: emalloc leaks not reported: the request ended in a fatal error, and PHP frees only part of its memory then; all of it is reclaimed now
exit status 255
2097152 B steps: the same number of calls before the fatal
fatal error
memory: pid %d request 1: emalloc leaks not reported: the request ended in a fatal error, and PHP frees only part of its memory then; all of it is reclaimed now
exit status 255
