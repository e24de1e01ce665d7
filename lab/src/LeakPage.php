<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * The leak page every server serves (lab/pages/leak.php, and lab/worker.php for the
 * long-running worker). Its query takes:
 *   allocator  malloc, emalloc, pemalloc or none (default malloc); `alloc` is the old spelling
 *   bytes      bytes per call (default 2097152)
 *   touch      0 or 1: write every page of each block (default 0)
 *   count      calls in this request (default 1)
 *   release    0 or 1: after the calls, call memory_release() when this memory.so has it
 *              (default 0)
 * The answer is one JSON object: pid, result (the last call's return value or null), stats
 * (memory_stats() after the calls) and error (the message of a caught Throwable, or of the
 * fatal error that ended the request, or null); with release=1 also release: what
 * memory_release() returned (zend_mm, malloc, rss_before, rss_after, bytes), or null when the
 * function does not exist.
 */
final class LeakPage
{
    /** Serves one request inside a long-running process; returns the answer. */
    public static function handle(array $query): array
    {
        $result = null;
        $error = null;
        $release = false;
        try {
            $leak = self::leakFunction((string) ($query['allocator'] ?? $query['alloc'] ?? 'malloc'));
            $bytes = self::int($query, 'bytes', 2097152);
            $touch = self::int($query, 'touch', 0) !== 0;
            $count = self::int($query, 'count', 1);
            if ($count < 0) {
                throw new \ValueError('count must not be negative');
            }
            $release = self::int($query, 'release', 0) !== 0;
            for ($i = 0; $leak !== null && $i < $count; $i++) {
                $result = $leak($bytes, $touch);
            }
        } catch (\Throwable $e) {
            $error = $e->getMessage();
        }
        $answer = ['pid' => getmypid(), 'result' => $result];
        if ($release) {
            $answer['release'] = self::release();
        }
        return $answer + ['stats' => memory_stats(), 'error' => $error];
    }

    /** memory_release()'s answer, or null when this memory.so has no such function. */
    private static function release(): ?array
    {
        $release = 'memory_release';
        return function_exists($release) ? $release() : null;
    }

    /**
     * Serves one web request (php -S, php-fpm): the answer as JSON. A fatal error (memory_limit)
     * ends the script; then the answer is still JSON, with HTTP status 500 and the fatal's
     * message as its error. PHP's own error display is off: it would put HTML into the body.
     */
    public static function serveHttp(array $query): void
    {
        ini_set('display_errors', '0');
        header('Content-Type: application/json');
        register_shutdown_function(static function (): void {
            $e = error_get_last();
            if ($e !== null && in_array($e['type'], [E_ERROR, E_CORE_ERROR, E_COMPILE_ERROR, E_USER_ERROR], true)) {
                http_response_code(500);
                echo json_encode(['pid' => getmypid(), 'result' => null, 'stats' => null, 'error' => $e['message']]), "\n";
            }
        });
        echo json_encode(self::handle($query)), "\n";
    }

    /** The leak_*() function of an allocator, null for none. */
    private static function leakFunction(string $allocator): ?string
    {
        return match ($allocator) {
            'malloc' => 'leak_malloc',
            'emalloc' => 'leak_emalloc',
            'pemalloc' => 'leak_pemalloc',
            'none' => null,
            default => throw new \ValueError('allocator must be malloc, emalloc, pemalloc or none'),
        };
    }

    /** One integer parameter of the query, or $default when it is absent. */
    private static function int(array $query, string $name, int $default): int
    {
        if (!isset($query[$name]) || $query[$name] === '') {
            return $default;
        }
        $value = $query[$name];
        if (is_int($value)) {
            return $value;
        }
        if (!is_string($value) || !is_numeric($value) || (string) (int) $value !== ltrim($value, '+')) {
            throw new \ValueError("$name must be an integer");
        }
        return (int) $value;
    }
}
