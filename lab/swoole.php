<?php

/*
 * The swoole lifecycle's server: a real Swoole\Http\Server on 127.0.0.1 with one worker
 * process, serving the leak page (lab/src/LeakPage.php). Like the long-running worker, that
 * worker is one PHP request that serves many HTTP requests: nothing it emallocs is reclaimed
 * between them. In SWOOLE_PROCESS mode (the default) a master process holds the connections
 * and a manager process forks the worker and forks a new one when it dies (memory_limit); in
 * SWOOLE_BASE mode with one worker the master serves the requests itself, and its death ends
 * the server.
 *
 * Usage: php -d extension=/abs/memory.so -d extension=/abs/swoole.so swoole.php [--port=N] [--mode=process|base]
 *   --port  the port to listen on (default 9501)
 *   --mode  process (SWOOLE_PROCESS, default) or base (SWOOLE_BASE)
 * It serves GET /leak.php and answers 404 to the rest. Each worker writes its pid to stderr
 * when it starts; SIGTERM to the master stops the whole server.
 */

namespace MemoryLab\Lab;

require_once __DIR__ . '/src/LeakPage.php';

/* The server's options, from argv. */
function swoole_options(array $argv): array
{
    $options = ['port' => '9501', 'mode' => 'process'];
    foreach (array_slice($argv, 1) as $arg) {
        $eq = strpos($arg, '=');
        $name = $eq === false ? '' : substr($arg, 2, $eq - 2);
        if (strncmp($arg, '--', 2) !== 0 || !array_key_exists($name, $options)) {
            fwrite(STDERR, "swoole.php: unknown argument '$arg'\n");
            exit(2);
        }
        $options[$name] = substr($arg, $eq + 1);
    }
    if (!in_array($options['mode'], ['process', 'base'], true) || $options['port'] === '' || strspn($options['port'], '0123456789') !== strlen($options['port'])) {
        fwrite(STDERR, "swoole.php: --mode is process or base, --port a number\n");
        exit(2);
    }
    return $options;
}

if (!extension_loaded('swoole')) {
    fwrite(STDERR, "swoole.php: the swoole extension is not loaded (php -d extension=/abs/swoole.so)\n");
    exit(2);
}
$options = swoole_options($argv);
$server = new \Swoole\Http\Server('127.0.0.1', (int) $options['port'], $options['mode'] === 'base' ? SWOOLE_BASE : SWOOLE_PROCESS);
$server->set([
    'worker_num' => 1,
    /* Never recycled: the worker lives until it dies, as the long-running worker does. */
    'max_request' => 0,
    'http_compression' => false,
]);
$server->on('workerStart', static function (\Swoole\Server $server, int $id): void {
    fwrite(STDERR, "swoole.php: worker $id pid " . getmypid() . " started\n");
});
$server->on('request', static function (\Swoole\Http\Request $request, \Swoole\Http\Response $response): void {
    $path = $request->server['request_uri'] ?? '/';
    if (($request->server['request_method'] ?? 'GET') !== 'GET') {
        $response->status(405);
        $response->header('Content-Type', 'text/plain');
        $response->end("GET only\n");
    } elseif ($path === '/leak.php') {
        $response->header('Content-Type', 'application/json');
        $response->end(json_encode(LeakPage::handle($request->get ?? [])) . "\n");
    } else {
        $response->status(404);
        $response->header('Content-Type', 'text/plain');
        $response->end("no such page: $path\n");
    }
});
fwrite(STDERR, 'swoole.php: Swoole ' . phpversion('swoole') . ", {$options['mode']} mode, master pid " . getmypid()
    . " listening on http://127.0.0.1:{$options['port']}\n");
$server->start();
