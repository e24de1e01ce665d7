--TEST--
leak_malloc(): malloc returning NULL (address space limited with RLIMIT_AS) is a clear Error, not a crash
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

$code = <<<'PHP'
try {
    leak_malloc(1024 * 1048576);
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(memory_stats()['leaked_malloc']);
echo "still running\n";
PHP;
$cmd = ['/usr/bin/prlimit', '--as=' . 512 * 1048576, PHP_BINARY, '-n',
    '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-d', 'memory.max_leak=2G', '-r', $code];
$run = MemoryLab\Lab\Exec::run($cmd, 60);
echo $run['stdout'], $run['stderr'];
echo 'exit status ', $run['status'], "\n";
?>
--EXPECT--
Error: leak_malloc(): malloc(1073741824) failed: Cannot allocate memory
int(0)
still running
exit status 0
