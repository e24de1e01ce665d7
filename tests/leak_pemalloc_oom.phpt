--TEST--
leak_pemalloc(): when the persistent allocator fails, PHP prints "Out of memory" and exits 1 (PHP 8.6: aborts, SIGABRT)
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\skip_unless('prlimit', 'rlimit-as');
?>
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

$cmd = ['/usr/bin/prlimit', '--as=' . 512 * 1048576, '--core=0', PHP_BINARY, '-n',
    '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-d', 'memory.max_leak=2G',
    '-r', 'leak_pemalloc(1024 * 1048576); echo "not reached\n";'];
$run = MemoryLab\Lab\Exec::run($cmd, 60);
echo $run['stdout'], $run['stderr'], "\n";
$end = $run['status'] > 128 && $run['status'] < 255 ? 'killed by signal ' . ($run['status'] - 128) : "exit status {$run['status']}";
// PHP 8.6 calls abort() on a hard out-of-memory, so that a crash handler or a core dump sees
// it (php-src #22637); 8.2 to 8.5 call exit(1).
$expected = PHP_VERSION_ID >= 80600 ? 'killed by signal 6' : 'exit status 1';
echo $end === $expected ? "this PHP's end (8.6+: killed by signal 6, SIGABRT; before: exit status 1)" : "$end, expected $expected", "\n";
?>
--EXPECT--
Out of memory

this PHP's end (8.6+: killed by signal 6, SIGABRT; before: exit status 1)
