--TEST--
Long-running worker with memory_limit=32M: emalloc leaks pile up until "Allowed memory size of 33554432 bytes exhausted" kills it
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\check_range;

$worker = Server::start('worker', ['ini' => ['memory_limit' => '32M']]);

// 32 MiB holds 15 blocks of 2 MiB next to the worker's own ~0.5 MiB; at most 30 are tried.
$served = 0;
for ($i = 0; $i < 30; $i++) {
    $response = $worker->request('/leak.php', ['allocator' => 'emalloc']);
    if ($response['status'] !== 200) {
        break;
    }
    $served++;
}
echo 'the request after the last one served got no response: ', $response['status'] === 0 ? 'yes' : 'no', "\n";
check_range('leaking requests served before the fatal error', $served, 12, 16, 'requests');
echo 'exit status: ', var_export($worker->wait(10), true), "\n";
$log = $worker->log();
$at = strpos($log, 'Allowed memory size');
// The message up to its closing parenthesis (the file and line that follow are the handler's).
echo $at === false ? "no fatal error in the log:\n$log" : substr($log, $at, strpos($log, ')', $at) - $at + 1), "\n";
$worker->stop();
?>
--EXPECTF--
the request after the last one served got no response: yes
leaking requests served before the fatal error: within 12 to 16 requests
exit status: 255
Allowed memory size of 33554432 bytes exhausted%S (tried to allocate 2097152 bytes)
