--TEST--
lab: the leak page under php -S answers a fatal error (past memory_limit) with HTTP 500 and JSON naming it
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Server\Server;

$server = Server::start('cli-server');
try {
    // 70 emalloc'd blocks of 2 MiB cannot fit under PHP's default memory_limit, 128M: PHP's fatal error ends the script.
    $response = $server->request('/leak.php', ['allocator' => 'emalloc', 'count' => 70]);
    $answer = json_decode($response['body'], true);
    echo 'status ', $response['status'], ', JSON ', is_array($answer) ? 'yes' : 'no: ' . substr($response['body'], 0, 200), "\n";
    echo $answer['error'] ?? '(no error)', "\n";
    var_dump($answer['pid'] > 0, $answer['result'], $answer['stats'], str_contains($response['body'], '<'));
    // The old spelling of the query, alloc=, is the same request.
    $old = $server->request('/leak.php', ['alloc' => 'emalloc', 'count' => 70]);
    echo 'alloc=: status ', $old['status'], ', ', json_decode($old['body'], true)['error'] ?? $old['body'], "\n";
    // A request within the limit answers 200, without an error.
    $fine = $server->request('/leak.php', ['allocator' => 'emalloc', 'count' => 2]);
    echo 'within: status ', $fine['status'], ', error ', var_export(json_decode($fine['body'], true)['error'], true), "\n";
} finally {
    $server->stop();
}
?>
--EXPECTF--
status 500, JSON yes
Allowed memory size of 134217728 bytes exhausted%S (tried to allocate 2097152 bytes)
bool(true)
NULL
NULL
bool(false)
alloc=: status 500, Allowed memory size of 134217728 bytes exhausted%S (tried to allocate 2097152 bytes)
within: status 200, error NULL
