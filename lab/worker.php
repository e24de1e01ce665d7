<?php

/*
 * The long-running worker, the Swoole model in pure PHP: one CLI request that serves many
 * HTTP requests on 127.0.0.1. RINIT and RSHUTDOWN run once for its whole life, so nothing it
 * emallocs is reclaimed between the HTTP requests it serves.
 *
 * Usage: php -d extension=/abs/memory.so worker.php [--port=N] [--max-requests=N] [--idle=SECONDS]
 *   --port          the port to listen on, 0 for any free one (default 0)
 *   --max-requests  exit after serving this many requests (default 1000)
 *   --idle          exit after this many seconds without a connection (default 30)
 * The environment variables MEMLAB_WORKER_MAX_REQUESTS and MEMLAB_WORKER_IDLE set the same
 * limits. It serves GET /leak.php (see lab/src/LeakPage.php) and answers 404 to the
 * rest. On memory_limit it dies with PHP's fatal error, as a real worker would.
 */

namespace MemoryLab\Lab;

require_once __DIR__ . '/src/LeakPage.php';

/* The worker's options, from argv and then the environment. */
function worker_options(array $argv): array
{
    $options = [
        'port' => 0,
        'max-requests' => (int) (getenv('MEMLAB_WORKER_MAX_REQUESTS') ?: 1000),
        'idle' => (float) (getenv('MEMLAB_WORKER_IDLE') ?: 30),
    ];
    foreach (array_slice($argv, 1) as $arg) {
        $eq = strpos($arg, '=');
        $name = $eq === false ? '' : substr($arg, 2, $eq - 2);
        if (strncmp($arg, '--', 2) !== 0 || !array_key_exists($name, $options)) {
            fwrite(STDERR, "worker.php: unknown argument '$arg'\n");
            exit(2);
        }
        $options[$name] = $name === 'idle' ? (float) substr($arg, $eq + 1) : (int) substr($arg, $eq + 1);
    }
    return $options;
}

/* Reads one request head; [method, path, query array] or null when the peer sent none. */
function read_request($conn): ?array
{
    stream_set_timeout($conn, 10);
    $line = fgets($conn, 8192);
    if ($line === false || trim($line) === '') {
        return null;
    }
    while (($header = fgets($conn, 8192)) !== false && rtrim($header, "\r\n") !== '') {
        /* Headers are not used: every request is a GET without a body. */
    }
    $parts = explode(' ', trim($line));
    if (count($parts) < 2) {
        return null;
    }
    $target = $parts[1];
    $q = strpos($target, '?');
    $query = [];
    if ($q !== false) {
        parse_str(substr($target, $q + 1), $query);
        $target = substr($target, 0, $q);
    }
    return [$parts[0], rawurldecode($target), $query];
}

/* Writes a whole HTTP/1.0 response and closes the connection. */
function respond($conn, int $status, string $reason, string $type, string $body): void
{
    $head = "HTTP/1.0 $status $reason\r\n"
        . "Content-Type: $type\r\n"
        . 'Content-Length: ' . strlen($body) . "\r\n"
        . "Connection: close\r\n\r\n";
    @fwrite($conn, $head . $body);
    fclose($conn);
}

/* Serves until a limit is reached; returns the number of requests served. */
function serve(array $options): int
{
    $server = @stream_socket_server("tcp://127.0.0.1:{$options['port']}", $errno, $errstr);
    if ($server === false) {
        fwrite(STDERR, "worker.php: cannot listen on 127.0.0.1:{$options['port']}: $errstr\n");
        exit(1);
    }
    $name = stream_socket_get_name($server, false);
    fwrite(STDERR, "worker.php: pid " . getmypid() . " listening on http://$name\n");

    $served = 0;
    while ($served < $options['max-requests']) {
        $conn = @stream_socket_accept($server, $options['idle']);
        if ($conn === false) {
            fwrite(STDERR, "worker.php: idle for {$options['idle']} s, exiting after $served requests\n");
            break;
        }
        $request = read_request($conn);
        if ($request === null) {
            /* A readiness probe or a client that gave up: not a request. */
            fclose($conn);
            continue;
        }
        [$method, $path, $query] = $request;
        $served++;
        if ($method !== 'GET') {
            respond($conn, 405, 'Method Not Allowed', 'text/plain', "GET only\n");
        } elseif ($path === '/leak.php') {
            respond($conn, 200, 'OK', 'application/json', json_encode(LeakPage::handle($query)) . "\n");
        } else {
            respond($conn, 404, 'Not Found', 'text/plain', "no such page: $path\n");
        }
    }
    fclose($server);
    return $served;
}

$served = serve(worker_options($argv));
fwrite(STDERR, "worker.php: served $served requests, exiting\n");
