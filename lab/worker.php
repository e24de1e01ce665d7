<?php

/*
 * The long-running worker, the Swoole model in pure PHP: one CLI request that serves many
 * HTTP requests on 127.0.0.1. RINIT and RSHUTDOWN run once for its whole life, so nothing it
 * emallocs is reclaimed between the HTTP requests it serves.
 *
 * Usage: php -d extension=/abs/memory.so worker.php [--port=N] [--max-requests=N] [--idle=SECONDS]
 *                                                   [--handler=FILE] [--report=FILE] [--check]
 *   --port          the port to listen on, 0 for any free one (default 0)
 *   --max-requests  exit after serving this many requests (default 1000)
 *   --idle          exit after this many seconds without a connection (default 30; below 0:
 *                   wait for ever)
 *   --handler       serve the user's code: FILE returns a callable that takes the request, an
 *                   array ['method' => 'GET', 'path' => '/x', 'query' => [...]], and returns
 *                   the body, a string (sent as text/plain with status 200). Without it, the
 *                   worker serves GET /leak.php (see lab/src/LeakPage.php) and 404 to the rest.
 *   --report        append one JSON object per line to FILE: {"ready": true, ...} once
 *                   listening, then one per request served (request, method, the request
 *                   target, status, bytes, zend_usage, zend_real and zend_peak in bytes (with
 *                   --handler on PHP 8.2+ the peak is the request's), gc: runs, collected,
 *                   roots; with memory.track on, left: what the request left behind, see
 *                   below), and {"end": REASON, "request": N} when the handler ends the worker
 *   --check         load --handler's FILE, check that it returns a callable and exit: 0, or
 *                   2 with one line on stderr saying what is wrong
 * The environment variables MEMLAB_WORKER_MAX_REQUESTS and MEMLAB_WORKER_IDLE set the same
 * limits. With memory.track=1 (php -d memory.track=1 worker.php ...) each request is a
 * checkpoint (lab/src/Checkpoint.php): memory_track_mark() once its request line is read,
 * memory_track_live() once its response is sent; the live tracked emalloc blocks allocated in
 * between are what the request left behind, by call site. The report's "left" holds them
 * (blocks, bytes, sites, more_sites), and the leak page's answer gains "left" too: what the
 * page left, taken when the answer is encoded. A worker asked to track that cannot
 * (USE_ZEND_ALLOC=0, memory.so loaded by dl()) says why on stderr and exits 2.
 * On memory_limit it dies with PHP's fatal error, as a real worker would. A handler that
 * throws, returns something other than a string, calls exit or dies on a fatal error ends
 * the worker: the client gets status 500 with the reason, the report gets the "end"
 * line, and the worker exits (1 after a throw or a bad return; exit's status; 255 after a
 * fatal error).
 */

namespace MemoryLab\Lab;

require_once __DIR__ . '/src/LeakPage.php';
require_once __DIR__ . '/src/Checkpoint.php';

/* The worker's options, from argv and then the environment. */
function worker_options(array $argv): array
{
    $options = [
        'port' => 0,
        'max-requests' => (int) (getenv('MEMLAB_WORKER_MAX_REQUESTS') ?: 1000),
        'idle' => (float) (getenv('MEMLAB_WORKER_IDLE') ?: 30),
        'handler' => '',
        'report' => '',
        'check' => false,
    ];
    foreach (array_slice($argv, 1) as $arg) {
        $eq = strpos($arg, '=');
        $name = substr($arg, 2, $eq === false ? null : $eq - 2);
        if (strncmp($arg, '--', 2) !== 0 || !array_key_exists($name, $options) || ($eq === false) !== ($name === 'check')) {
            fwrite(STDERR, "worker.php: unknown argument '$arg'\n");
            exit(2);
        }
        $value = $eq === false ? '' : substr($arg, $eq + 1);
        $options[$name] = match ($name) {
            'idle' => (float) $value,
            'handler', 'report' => $value,
            'check' => true,
            default => (int) $value,
        };
    }
    return $options;
}

/*
 * Loads the handler file and returns its callable; on a missing file, a Throwable while loading
 * it (a parse error too) or a value that is not callable, one line on stderr and exit 2. The
 * file is required inside a closure, so its variables do not mix with the worker's.
 */
function load_handler(string $file): callable
{
    if (!is_file($file) || !is_readable($file)) {
        fwrite(STDERR, "worker.php: --handler $file: no such readable file\n");
        exit(2);
    }
    try {
        $handler = (static fn () => require $file)();
    } catch (\Throwable $e) {
        fwrite(STDERR, sprintf("worker.php: --handler %s: loading it threw %s: %s (%s:%d)\n", $file, get_class($e), $e->getMessage(), $e->getFile(), $e->getLine()));
        exit(2);
    }
    if (!is_callable($handler)) {
        fwrite(STDERR, sprintf("worker.php: --handler %s returns %s, not a callable (end the file with: return function (array \$request): string { ... };)\n", $file, get_debug_type($handler)));
        exit(2);
    }
    return $handler;
}

/* Reads one request head; [method, path, query array, target] or null when the peer sent none. */
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
    $raw = $target;
    $q = strpos($target, '?');
    $query = [];
    if ($q !== false) {
        parse_str(substr($target, $q + 1), $query);
        $target = substr($target, 0, $q);
    }
    return [$parts[0], rawurldecode($target), $query, $raw];
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

/*
 * What the worker knows of its own memory, for the report: the Zend MM's usage (emalloc'd
 * bytes in use), real usage (the chunks and huge blocks it holds), peak (since the last
 * request began) and gc_status()'s runs, collected and roots. RSS is not here: the process
 * that reads the report reads it from /proc/PID/status, from outside.
 */
function own_memory(): array
{
    $gc = gc_status();
    return [
        'zend_usage' => memory_get_usage(),
        'zend_real' => memory_get_usage(true),
        'zend_peak' => memory_get_peak_usage(),
        'gc' => ['runs' => $gc['runs'], 'collected' => $gc['collected'], 'roots' => $gc['roots']],
    ];
}

/* Appends one JSON line to the report, when there is one. */
function report(array $record): void
{
    global $reportFile;
    if ($reportFile !== null) {
        fwrite($reportFile, json_encode($record) . "\n");
        fflush($reportFile);
    }
}

/*
 * The handler's request in flight: the connection, its number, and a reserve of memory freed
 * when a fatal error ends it, so that the report and the answer can still be written after
 * memory_limit was hit.
 */
final class InFlight
{
    /** @var resource|null */
    public static $conn = null;
    public static int $request = 0;
    public static ?string $reserve = null;
}

/* A shutdown function: when the handler called exit or died, says so to the client and the report. */
function handler_ended(): void
{
    if (InFlight::$conn === null) {
        return;
    }
    InFlight::$reserve = null;
    ini_set('memory_limit', '-1');
    $e = error_get_last();
    $fatal = $e !== null && in_array($e['type'], [E_ERROR, E_CORE_ERROR, E_COMPILE_ERROR, E_USER_ERROR, E_PARSE], true);
    end_request(InFlight::$conn, $fatal ? sprintf('the handler died: %s (%s:%d)', $e['message'], $e['file'], $e['line']) : 'the handler called exit');
}

/* Answers 500 with the reason the handler ended the worker, and reports it. */
function end_request($conn, string $reason): void
{
    InFlight::$conn = null;
    respond($conn, 500, 'Internal Server Error', 'text/plain', "$reason\n");
    report(['end' => $reason, 'request' => InFlight::$request]);
}

/* Runs the handler on one request; the body, or exits after end_request() when it fails. */
function run_handler(callable $handler, $conn, int $n, string $method, string $path, array $query): string
{
    InFlight::$conn = $conn;
    InFlight::$request = $n;
    try {
        $body = $handler(['method' => $method, 'path' => $path, 'query' => $query]);
    } catch (\Throwable $e) {
        end_request($conn, sprintf('the handler threw %s: %s (%s:%d)', get_class($e), $e->getMessage(), $e->getFile(), $e->getLine()));
        exit(1);
    }
    if (!is_string($body)) {
        end_request($conn, 'the handler returned ' . get_debug_type($body) . ', not a string');
        exit(1);
    }
    InFlight::$conn = null;
    return $body;
}

/* Serves until a limit is reached; returns the number of requests served. */
function serve(array $options, ?callable $handler, bool $track): int
{
    $server = @stream_socket_server("tcp://127.0.0.1:{$options['port']}", $errno, $errstr);
    if ($server === false) {
        fwrite(STDERR, "worker.php: cannot listen on 127.0.0.1:{$options['port']}: $errstr\n");
        exit(1);
    }
    $name = stream_socket_get_name($server, false);
    fwrite(STDERR, "worker.php: pid " . getmypid() . " listening on http://$name\n");
    report(['ready' => true, 'pid' => getmypid(), 'track' => $track] + own_memory());

    $served = 0;
    $idle = $options['idle'] < 0 ? -1.0 : $options['idle'];
    while ($served < $options['max-requests']) {
        $conn = @stream_socket_accept($server, $idle);
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
        [$method, $path, $query, $target] = $request;
        $served++;
        /* The checkpoint opens once the request is read: accepting a connection may grow the
         * worker's list of resources, which no request's code leaves behind. */
        $mark = $track ? memory_track_mark() : null;
        /* The handler's report gives the peak of each request (PHP 8.2+; before, the worker's). */
        if ($handler !== null && function_exists('memory_reset_peak_usage')) {
            memory_reset_peak_usage();
        }
        if ($handler !== null) {
            $body = run_handler($handler, $conn, $served, $method, $path, $query);
            [$status, $type] = [200, 'text/plain; charset=utf-8'];
        } elseif ($method !== 'GET') {
            [$status, $type, $body] = [405, 'text/plain', "GET only\n"];
        } elseif ($path === '/leak.php') {
            /* The answer first: an array literal around the call would be built before it. */
            $body = Checkpoint::pageAnswer($query, $mark)[0];
            [$status, $type] = [200, 'application/json'];
        } else {
            [$status, $type, $body] = [404, 'text/plain', "no such page: $path\n"];
        }
        $reason = [200 => 'OK', 404 => 'Not Found', 405 => 'Method Not Allowed'][$status];
        respond($conn, $status, $reason, $type, $body);
        $bytes = strlen($body);
        unset($body, $request, $query);
        /* Taken before the report's own record exists. */
        $left = $mark !== null ? ['left' => Checkpoint::left($mark)] : [];
        report(['request' => $served, 'method' => $method, 'target' => $target, 'status' => $status, 'bytes' => $bytes] + own_memory() + $left);
        unset($left);
    }
    fclose($server);
    return $served;
}

$options = worker_options($argv);
$handler = $options['handler'] !== '' ? load_handler($options['handler']) : null;
if ($options['check']) {
    if ($handler === null) {
        fwrite(STDERR, "worker.php: --check checks the file of --handler, and none was given\n");
    }
    exit($handler !== null ? 0 : 2);
}
$reportFile = $options['report'] !== '' ? fopen($options['report'], 'a') : null;
if ($handler !== null) {
    InFlight::$reserve = str_repeat("\0", 65536);
    register_shutdown_function('MemoryLab\Lab\handler_ended');
}
try {
    $track = Checkpoint::tracking();
} catch (\Error $e) {
    fwrite(STDERR, 'worker.php: memory.track=1, but this worker is not tracked: ' . $e->getMessage() . "\n");
    exit(2);
}
$served = serve($options, $handler, $track);
fwrite(STDERR, "worker.php: served $served requests, exiting\n");
