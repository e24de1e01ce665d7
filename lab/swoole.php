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
 * With memory.track=1 (php -d memory.track=1 swoole.php ...) each request is a checkpoint
 * (lab/src/Checkpoint.php): memory_track_mark() when the request callback starts,
 * memory_track_live() once its answer is made, before the response is written (Swoole keeps
 * the response's headers and buffers until the callback returns, and frees them after it).
 * The worker then writes what the request left behind, by call site, to stderr:
 *   swoole.php: worker pid 4711 request 3: left behind: 2,000 B in 2 blocks at 1 site
 *   swoole.php:   2,000 B in 2 blocks at lab/src/LeakPage.php:40, leak_emalloc (memory)
 * and the leak page's answer gains "left" (see lab/worker.php). A worker asked to track that
 * cannot says why on stderr and exits 2.
 */

namespace MemoryLab\Lab;

require_once __DIR__ . '/src/LeakPage.php';
require_once __DIR__ . '/src/Checkpoint.php';

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

/*
 * Answers one request: the leak page, 405 or 404. With a $mark, returns what the request left
 * behind since it (Checkpoint::left()), taken before the response is written: Swoole keeps the
 * response's headers and buffers until the request callback has returned.
 */
function serve_request(\Swoole\Http\Response $response, string $method, string $path, array $query, ?int $mark): ?array
{
    $left = null;
    if ($method !== 'GET') {
        $left = $mark !== null ? Checkpoint::left($mark) : null;
        $response->status(405);
        $response->header('Content-Type', 'text/plain');
        $response->end("GET only\n");
    } elseif ($path === '/leak.php') {
        /* The answer before the header: Swoole keeps the header's blocks until the response dies. */
        [$body, $left] = Checkpoint::pageAnswer($query, $mark);
        $response->header('Content-Type', 'application/json');
        $response->end($body);
    } else {
        $left = $mark !== null ? Checkpoint::left($mark) : null;
        $response->status(404);
        $response->header('Content-Type', 'text/plain');
        $response->end("no such page: $path\n");
    }
    return $left;
}

/* The worker's tracking: whether memory.track is on, and the requests it has served. */
final class Track
{
    public static bool $on = false;
    public static int $requests = 0;
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
    /* Each worker is a PHP request of its own: whether it is tracked is its own to say. */
    try {
        Track::$on = Checkpoint::tracking();
    } catch (\Error $e) {
        fwrite(STDERR, 'swoole.php: memory.track=1, but this worker is not tracked: ' . $e->getMessage() . "\n");
        exit(2);
    }
});
$server->on('request', static function (\Swoole\Http\Request $request, \Swoole\Http\Response $response): void {
    /* Read before the mark: Swoole makes the request's arrays and strings when they are read. */
    $path = $request->server['request_uri'] ?? '/';
    $method = $request->server['request_method'] ?? 'GET';
    $query = $request->get ?? [];
    $mark = Track::$on ? memory_track_mark() : null;
    $left = serve_request($response, $method, $path, $query, $mark);
    if ($left !== null) {
        Track::$requests++;
        $lines = Checkpoint::lines($left, dirname(__DIR__));
        fwrite(STDERR, sprintf("swoole.php: worker pid %d request %d: %s\n", getmypid(), Track::$requests, implode("\nswoole.php: ", $lines)));
    }
});
fwrite(STDERR, 'swoole.php: Swoole ' . phpversion('swoole') . ", {$options['mode']} mode, master pid " . getmypid()
    . " listening on http://127.0.0.1:{$options['port']}\n");
$server->start();
