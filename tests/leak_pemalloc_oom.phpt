--TEST--
leak_pemalloc(): when the persistent allocator fails, PHP prints "Out of memory" and exits 1 (no signal)
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

$cmd = ['/usr/bin/prlimit', '--as=' . 512 * 1048576, PHP_BINARY, '-n',
    '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-d', 'memory.max_leak=2G',
    '-r', 'leak_pemalloc(1024 * 1048576); echo "not reached\n";'];
$run = MemoryLab\Lab\Exec::run($cmd, 60);
echo $run['stdout'], $run['stderr'], "\n";
echo 'exit status ', $run['status'], "\n";
?>
--EXPECT--
Out of memory

exit status 1
