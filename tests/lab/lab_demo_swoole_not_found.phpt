--TEST--
lab: without Swoole, ./memlab demo runs the other lifecycles and says in one line that Swoole was not found; --only swoole is a usage error
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('fpm', 'cgi-fcgi');
if (MemoryLab\Lab\Swoole::installed() !== null) {
    die("skip php -m lists swoole: this test is for a PHP without it\n");
}
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;

$run = DemoProcess::run(['--requests', '2', '--leak', 'malloc', '--no-plot'], MemoryLab\Lab\Php::memorySo());
echo "status {$run->status}\n";
echo implode("\n", preg_grep('/Swoole|swoole/', explode("\n", $run->stderr . $run->stdout))), "\n";
echo implode(' ', array_column($run->summary()['scenarios'], 'lifecycle')), "\n";
$run->clean();

$run = DemoProcess::run(['--only', 'worker,swoole'], '/nonexistent/memory.so');
echo $run->status, ' ', rtrim($run->stderr), "\n";
?>
--EXPECT--
status 0
memlab demo: Swoole was not found (php -m has no swoole; --swoole PATH names a swoole.so)
== worker: a long-running worker: one PHP request serving every HTTP request (Swoole model), memory_limit = 32M
cli-server fpm fpm-max-requests worker
2 memlab demo: --only: "worker,swoole" given; expected Swoole for the swoole lifecycle, but Swoole was not found (php -m has no swoole; --swoole PATH names a swoole.so) (see ./memlab demo --help)
