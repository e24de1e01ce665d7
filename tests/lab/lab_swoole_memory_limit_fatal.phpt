--TEST--
lab: real Swoole with memory_limit=32M: emalloc leaks kill the worker with "Allowed memory size of 33554432 bytes exhausted"; SWOOLE_PROCESS's manager forks a new worker, which answers
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

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\check_range;

$swoole = Server::start('swoole', ['swoole_so' => MemoryLab\Test\swoole_so(), 'ini' => ['memory_limit' => '32M']]);

// 32 MiB holds 14 or 15 blocks of 2 MiB next to Swoole's own ~2 MiB; at most 30 are tried.
$last = null;
for ($i = 1; $i <= 30; $i++) {
    $response = $swoole->request('/leak.php', ['allocator' => 'emalloc']);
    if ($response['status'] !== 200) {
        break;
    }
    $last = json_decode($response['body'], true);
}
$worker = $last['pid'];
check_range('leaking requests served before the fatal error', $i - 1, 12, 16, 'requests');
echo 'it died on the first request whose 2 MiB did not fit under 32 MiB of real usage: ',
    $last['stats']['zend_real_usage'] + 2097152 > 32 * 1024 * 1024 ? 'yes' : 'no', "\n";
// Swoole's master keeps that request's connection open; the lab gives up once the worker is gone.
echo 'that request: status ', $response['status'], ', ', str_replace((string) $worker, 'PID', $response['error'] ?? 'no error'), "\n";
echo 'the worker that served the others is gone: ', Proc::alive($worker) ? 'no' : 'yes', "\n";
$log = $swoole->log();
$at = strpos($log, 'Allowed memory size');
echo $at === false ? "no fatal error in the log:\n$log" : substr($log, $at, strpos($log, ')', $at) - $at + 1), "\n";

// SWOOLE_PROCESS: the master lives on, and the manager has forked a new worker: a new PHP
// request, its first leak the only one it holds.
$next = $swoole->requestJson('/leak.php', ['allocator' => 'emalloc']);
echo 'the master still runs: ', $swoole->running() ? 'yes' : 'no', "\n";
echo 'a new worker answered the next request: ', $next['pid'] !== $worker && $swoole->workers() === [$next['pid']] ? 'yes' : 'no', "\n";
echo 'its memory_stats(): request ', $next['stats']['request'], ', leaked_emalloc ', $next['stats']['leaked_emalloc'], "\n";
$swoole->stop();
?>
--EXPECT--
leaking requests served before the fatal error: within 12 to 16 requests
it died on the first request whose 2 MiB did not fit under 32 MiB of real usage: yes
that request: status 0, the worker (pid PID) died before it answered
the worker that served the others is gone: yes
Allowed memory size of 33554432 bytes exhausted (tried to allocate 2097152 bytes)
the master still runs: yes
a new worker answered the next request: yes
its memory_stats(): request 1, leaked_emalloc 2097152
