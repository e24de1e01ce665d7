--TEST--
memory.track: memory_limit's fatal comes at the same step as without tracking when the memory grows by erealloc (a string appended to, an array's table growing) and after memory_limit is raised mid-request
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

$cases = [
    'string appended to' => '$s = str_repeat("x", 100); for (;;) { $s .= str_repeat("y", 300000); $n++; }',
    'array growing' => '$a = []; for (;;) { $a[] = $n; $n++; }',
    'limit raised to 24M' => 'ini_set("memory_limit", "24M"); $keep = []; for (;;) { $keep[] = str_repeat("k", 5000); $n++; }',
];
foreach ($cases as $what => $loop) {
    $code = '$n = 0; register_shutdown_function(function () use (&$n) { echo "steps: $n\n"; });' . "\n" . $loop;
    $on = tracked_code($code, ['memory_limit' => '16M', 'memory.report' => '0']);
    $off = tracked_code($code, ['memory_limit' => '16M', 'memory.report' => '0', 'memory.track' => '0']);
    preg_match('/steps: (\d+)/', $on['stdout'], $a);
    preg_match('/steps: (\d+)/', $off['stdout'], $b);
    echo "$what: ", isset($a[1], $b[1]) && $a[1] === $b[1] ? 'the same number of steps before the fatal' : "tracked {$on['stdout']}, untracked {$off['stdout']}", "\n";
    echo preg_match('/Allowed memory size of \d+ bytes exhausted/', $on['stdout']) ? "fatal error, exit status {$on['status']}\n" : $on['stdout'];
}
?>
--EXPECT--
string appended to: the same number of steps before the fatal
fatal error, exit status 255
array growing: the same number of steps before the fatal
fatal error, exit status 255
limit raised to 24M: the same number of steps before the fatal
fatal error, exit status 255
