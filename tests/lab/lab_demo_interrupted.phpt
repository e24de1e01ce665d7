--TEST--
lab: Ctrl-C during a demo stops its server, says "interrupted" on a line of its own and exits 130
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Build;
use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

$tmp = RunDir::sub('tmp');
$out = RunDir::sub('out');
$env = ['MEMORY_SO' => Php::memorySo(), 'TMPDIR' => $tmp] + getenv();
$demo = proc_open(DemoProcess::command(['--only', 'cli-server', '--leak', 'malloc', '--bytes', '4K', '--requests', '1000', '--no-plot'], $out),
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', RunDir::path() . "/stdout", 'w'], 2 => ['file', RunDir::path() . "/stderr", 'w']], $pipes, Build::root(), $env);
$pid = proc_get_status($demo)['pid'];
try {
    // Once its server runs (php -S, a child of the demo), Ctrl-C.
    $isServer = fn (int $child) => in_array('-S', Proc::cmdline($child) ?? [], true);
    for ($i = 0; $i < 1000 && ($servers = array_values(array_filter(Proc::children($pid), $isServer))) === []; $i++) {
        usleep(10000);
    }
    echo count($servers), " server\n";
    Proc::kill($pid, Proc::SIGINT);
    for ($i = 0; $i < 3000 && ($status = proc_get_status($demo))['running']; $i++) {
        usleep(10000);
    }
    echo 'exit ', $status['running'] ? 'still running' : $status['exitcode'], "\n";
} finally {
    if (proc_get_status($demo)['running']) {
        proc_terminate($demo, Proc::SIGKILL);
    }
    proc_close($demo);
}
$stderr = explode("\n", rtrim(file_get_contents(RunDir::path() . "/stderr")));
echo end($stderr), "\n";
echo count(array_filter($stderr, fn ($l) => str_contains($l, 'interrupted'))), " line names it\n";
echo count(array_filter($servers, [Proc::class, 'alive'])), " servers alive\n";
echo 'left in its temporary folder: ', implode(' ', array_diff(scandir($tmp), ['.', '..'])) ?: 'nothing', "\n";
echo 'left in its output folder: ', implode(' ', array_diff(scandir($out), ['.', '..'])) ?: 'nothing', "\n";
?>
--EXPECT--
1 server
exit 130
memlab demo: interrupted
1 line names it
0 servers alive
left in its temporary folder: nothing
left in its output folder: nothing
