--TEST--
lab: real Swoole in SWOOLE_BASE mode with one worker: the master serves the requests itself, so the memory_limit fatal ends the whole server
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'swoole');
?>
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Server\Server;

$swoole = Server::start('swoole', ['swoole_so' => MemoryLab\Test\swoole_so(), 'mode' => 'base', 'ini' => ['memory_limit' => '16M']]);

$first = $swoole->requestJson('/leak.php', ['allocator' => 'none']);
echo 'the process started serves the requests: ', $first['pid'] === $swoole->pid() ? 'yes' : 'no', "\n";
for ($i = 1; $i <= 16; $i++) {
    $response = $swoole->request('/leak.php', ['allocator' => 'emalloc']);
    if ($response['status'] !== 200) {
        break;
    }
}
echo 'a request got no answer: ', $response['status'] === 0 ? 'yes' : 'no', "\n";
echo 'the server exited, status ', var_export($swoole->wait(10), true), "\n";
$log = $swoole->log();
$at = strpos($log, 'Allowed memory size');
echo $at === false ? "no fatal error in the log:\n$log" : substr($log, $at, strpos($log, ')', $at) - $at + 1), "\n";
echo 'nothing answers any more: ', $swoole->request('/leak.php', ['allocator' => 'none'])['status'] === 0 ? 'yes' : 'no', "\n";
$swoole->stop();
?>
--EXPECT--
the process started serves the requests: yes
a request got no answer: yes
the server exited, status 255
Allowed memory size of 16777216 bytes exhausted (tried to allocate 2097152 bytes)
nothing answers any more: yes
