--TEST--
memory.track with the extension loaded by dl(): nothing is installed (the handlers would outlive the unloaded .so), the request runs and ends cleanly, and the functions say why they cannot track
--EXTENSIONS--
memory
--SKIPIF--
<?php if (!function_exists('dl')) die('skip dl() is not available'); ?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

$so = MemoryLab\Lab\Php::memorySo();
$code = MemoryLab\Test\NO_LEAK_REPORT . 'dl("memory.so"); leak_emalloc(1000); $a = range(1, 1000);
try { memory_track_mark(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
echo "usage ", memory_get_usage() > 0 ? "read" : "zero", "\n";';
$cmd = [PHP_BINARY, '-n', '-d', 'enable_dl=1', '-d', 'extension_dir=' . dirname($so), '-d', 'memory.track=1', '-d', 'memory.report=1', '-r', $code];
$run = MemoryLab\Lab\Exec::run($cmd, 60, ['ZEND_DONT_UNLOAD_MODULES' => '1']);
echo $run['stdout'];
echo preg_replace('/^memory: pid \d+ request 1: .*\n/', "(the request's report line)\n", $run['stderr']);
echo 'exit status ', $run['status'], "\n";
?>
--EXPECT--
memory_track_mark(): memory.track needs the memory extension loaded at startup (extension=memory.so), not by dl(): the tracker's handlers would outlive the unloaded extension
usage read
(the request's report line)
exit status 0
