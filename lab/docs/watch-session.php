<?php

declare(strict_types=1);

/*
 * Regenerates README's "watch" session from a real run: a fresh php -S with memory.so and
 * memory.report=1 (as ./memlab serve starts it), `./memlab watch --port P` beside it, and the
 * README's curl requests, one every 0.4 s. Prints watch's lines (its header included), then the
 * server's report lines.
 *
 * Usage: MEMORY_SO=/abs/memory.so php lab/docs/watch-session.php
 */

namespace MemoryLab\Lab;

use MemoryLab\Lab\Server\Server;

require __DIR__ . '/../autoload.php';

$server = Server::start('cli-server', ['ini' => ['memory.report' => 1]]);
/* watch runs beside the requests until SIGINT: it talks to a running process, so proc_open. Its
 * stderr (the header line) goes into the same pipe, in order, as a terminal shows both. */
$watch = proc_open(
    [Php::binary(), dirname(__DIR__) . '/memlab.php', 'watch', '--port', (string) $server->port, '--interval', '20'],
    [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]],
    $pipes
);
try {
    usleep(600000);
    foreach (['malloc', 'malloc', 'emalloc', 'emalloc', 'malloc&touch=1'] as $query) {
        [$allocator, $touch] = explode('&touch=', $query) + [1 => '0'];
        $server->request('/leak.php', ['allocator' => $allocator] + ($touch === '1' ? ['touch' => 1] : []));
        echo "curl '127.0.0.1:{$server->port}/leak.php?allocator=$query'\n";
        usleep(400000);
    }
} finally {
    proc_terminate($watch, Proc::SIGINT);
    $lines = stream_get_contents($pipes[1]);
    proc_close($watch);
    $server->stop();
}
echo "\n-- ./memlab watch --port {$server->port}\n", $lines;
echo "\n-- the server's console (memory.report=1)\n";
foreach (explode("\n", $server->log()) as $line) {
    if (str_contains($line, 'memory: pid')) {
        echo $line, "\n";
    }
}
