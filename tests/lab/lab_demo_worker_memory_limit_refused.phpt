--TEST--
lab: a --worker-memory-limit that PHP would refuse (below its start-up usage) is exit 2 before anything starts, naming what PHP keeps
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Lifecycle;

// What PHP does with such a value on its own: a warning, and its default kept.
$worker = Lifecycle::all(10, '1M')['worker'];
$refused = $worker->refusedIni();
echo implode(',', array_keys($refused)), ' kept ', $refused['memory_limit']['kept'], ': ', preg_replace('/\d+ bytes\)/', 'N bytes)', $refused['memory_limit']['warning']), "\n";
// A value PHP applies passes.
var_dump(Lifecycle::all(10, '32M')['worker']->refusedIni(), Lifecycle::all()['cli-server']->refusedIni());

// The demo checks it before it copies memory.so (MEMORY_SO names no file) or starts a server.
$run = DemoProcess::run(['--only', 'worker', '--leak', 'emalloc', '--worker-memory-limit', '1M'], '/nonexistent/memory.so');
echo $run->status, ' ', strlen($run->stdout), ' ', preg_replace('/\d+ bytes\)/', 'N bytes)', rtrim($run->stderr)), "\n";
$run = DemoProcess::run(['--only', 'worker', '--leak', 'emalloc', '--worker-memory-limit', '1024K', '--no-plot'], '/nonexistent/memory.so');
echo $run->status, ' ', preg_replace('/\d+ bytes\)/', 'N bytes)', rtrim($run->stderr)), "\n";
// The value is checked whenever the worker runs, which is by default.
$run = DemoProcess::run(['--worker-memory-limit', '400'], '/nonexistent/memory.so');
echo $run->status, ' ', str_contains($run->stderr, '--worker-memory-limit: "400" given; PHP refuses it and keeps memory_limit = 128M') ? 'refused' : $run->stderr, "\n";
?>
--EXPECT--
memory_limit kept 128M: Failed to set memory limit to 1048576 bytes (Current memory usage is N bytes)
array(0) {
}
array(0) {
}
2 0 memlab demo: --worker-memory-limit: "1M" given; PHP refuses it and keeps memory_limit = 128M: Failed to set memory limit to 1048576 bytes (Current memory usage is N bytes) (see ./memlab demo --help)
2 memlab demo: --worker-memory-limit: "1024K" given; PHP refuses it and keeps memory_limit = 128M: Failed to set memory limit to 1048576 bytes (Current memory usage is N bytes) (see ./memlab demo --help)
2 refused
