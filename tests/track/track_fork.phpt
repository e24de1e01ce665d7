--TEST--
memory.track: after pcntl_fork() each process keeps its own bookkeeping: the child reports the block leaked before the fork and its own, the parent the block leaked before the fork and its own
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
<?php if (!function_exists('pcntl_fork')) die('skip pcntl is not loaded'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/track.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;

$file = tempnam(sys_get_temp_dir(), 'fork') . '.php';
file_put_contents($file, '<?php ' . MemoryLab\Test\NO_LEAK_REPORT . '
leak_emalloc(700);
$pid = pcntl_fork();
if ($pid === 0) {
    leak_emalloc(500); leak_emalloc(500);
    echo "child ", getmypid(), "\n";
} else {
    pcntl_waitpid($pid, $status);
    leak_emalloc(900);
    echo "parent ", getmypid(), "\n";
}');
$run = Exec::run([PHP_BINARY, '-n', '-d', 'extension=' . Php::memorySo(), '-d', 'memory.track=1', '-d', 'memory.report=1',
    '-d', 'memory.report_format=json', $file], 60);
unlink($file);
preg_match_all('/(child|parent) (\d+)/', $run['stdout'], $m, PREG_SET_ORDER);
$who = [];
foreach ($m as [, $role, $pid]) { $who[(int) $pid] = $role; }
$lines = [];
foreach (explode("\n", trim($run['stderr'])) as $line) {
    $r = json_decode($line, true);
    if (!is_array($r)) {
        continue;
    }
    $sites = array_map(fn($s) => $s['line'] . ':' . $s['bytes'] . '/' . $s['blocks'], $r['leaks']);
    $lines[$who[$r['pid']] ?? 'unknown'] = $r['leaked_blocks'] . ' blocks, ' . $r['leaked_bytes'] . ' bytes (' . implode(' ', $sites) . ')';
}
ksort($lines);
foreach ($lines as $role => $line) { echo "$role: $line\n"; }
?>
--EXPECT--
child: 3 blocks, 1700 bytes (5:1000/2 2:700/1)
parent: 2 blocks, 1600 bytes (9:900/1 2:700/1)
