<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * How a PHP process lives while it serves requests, as a value: a name (cli-server, fpm,
 * fpm-max-requests, worker, swoole), a short title for a plot's panel, a one-line description,
 * the Server::start() kind and options that make it, the memory_limit it runs under (null:
 * PHP's own default), and what the demo reads after a scenario's requests: every child's RSS,
 * PSS and USS (pool) and what memory_release() gives back (release), and whether the demo asks
 * memory.track what each leaking request left behind, by call site (track: the long-running
 * ones, worker and swoole; see Checkpoint), in a run of its own: the tracker's shadows are
 * mappings of its own, which VIRT and RES would count. The lab
 * runs every leak in every lifecycle; swoole, real Swoole, only when a swoole.so loads (see
 * Swoole).
 */
final class Lifecycle
{
    /** Every lifecycle's name, in the order the lab runs and prints them. */
    public const NAMES = ['cli-server', 'fpm', 'fpm-max-requests', 'worker', 'swoole'];

    /** The default pm.max_requests of fpm-max-requests. */
    public const DEFAULT_FPM_MAX_REQUESTS = 10;

    /** The children of the fpm lifecycle's pool. */
    public const FPM_CHILDREN = 4;

    /** The default memory_limit of the long-running worker (and of Swoole's worker). */
    public const DEFAULT_WORKER_MEMORY_LIMIT = '32M';

    /**
     * @param string $serverKind 'cli-server', 'fpm' or 'worker' (see Server::start())
     * @param array<string, mixed> $serverOptions Server::start() options, without the memory limit
     * @param string|null $memoryLimit memory_limit as PHP's INI writes it (32M), or null
     * @param bool $pool whether the demo reads every child's RSS, PSS and USS after the requests
     * @param bool $release whether the demo calls memory_release() after the requests
     * @param bool $track whether the demo runs the scenario once more with memory.track=1, for its call sites
     */
    public function __construct(
        public readonly string $name,
        public readonly string $title,
        public readonly string $description,
        public readonly string $serverKind,
        public readonly array $serverOptions = [],
        public readonly ?string $memoryLimit = null,
        public readonly bool $pool = false,
        public readonly bool $release = false,
        public readonly bool $track = false,
    ) {
    }

    /** How many processes serve its requests: the php-fpm pool's children, else 1. */
    public function processes(): int
    {
        return $this->serverKind === 'fpm' ? max(1, (int) ($this->serverOptions['children'] ?? 1)) : 1;
    }

    /**
     * Every lifecycle, keyed by name, in NAMES order, with this run's settings: pm.max_requests
     * of fpm-max-requests and memory_limit of the long-running worker, which Swoole's worker
     * runs under too. swoole is there only when $swoole is given.
     *
     * @return array<string, self>
     */
    public static function all(int $fpmMaxRequests = self::DEFAULT_FPM_MAX_REQUESTS, string $workerMemoryLimit = self::DEFAULT_WORKER_MEMORY_LIMIT, ?Swoole $swoole = null): array
    {
        $opcache = Php::opcacheIni() !== null;
        $all = [
            'cli-server' => new self(
                'cli-server',
                'cli-server (php -S)',
                'php -S, one process serving every request (the seed\'s setup)',
                'cli-server',
            ),
            'fpm' => new self(
                'fpm',
                'fpm (' . self::FPM_CHILDREN . ' children, pm.max_requests = 0)',
                'php-fpm, ' . self::FPM_CHILDREN . ' children taking turns, ' . ($opcache ? 'opcache on' : 'no opcache (no opcache.so found)') . ', pm.max_requests = 0: never recycled',
                'fpm',
                ['children' => self::FPM_CHILDREN, 'max_requests' => 0, 'opcache' => $opcache],
                pool: true,
                release: true,
            ),
            'fpm-max-requests' => new self(
                'fpm-max-requests',
                "fpm (pm.max_requests = $fpmMaxRequests)",
                "php-fpm, one child, pm.max_requests = $fpmMaxRequests: recycled",
                'fpm',
                ['children' => 1, 'max_requests' => $fpmMaxRequests],
            ),
            'worker' => new self(
                'worker',
                "worker (memory_limit = $workerMemoryLimit)",
                "a long-running worker: one PHP request serving every HTTP request (Swoole model), memory_limit = $workerMemoryLimit",
                'worker',
                [],
                $workerMemoryLimit,
                track: self::zendMm(),
            ),
        ];
        if ($swoole !== null) {
            $all['swoole'] = new self(
                'swoole',
                "swoole (memory_limit = $workerMemoryLimit)",
                "real Swoole $swoole->version: Swoole\\Http\\Server, SWOOLE_PROCESS, one worker process serving every HTTP request in one PHP request, memory_limit = $workerMemoryLimit",
                'swoole',
                ['swoole_so' => $swoole->so],
                $workerMemoryLimit,
                track: self::zendMm(),
            );
        }
        return $all;
    }

    /** The INI settings the lifecycle passes to PHP: name => value. */
    public function ini(): array
    {
        $ini = $this->serverOptions['ini'] ?? [];
        if ($this->memoryLimit !== null) {
            $ini['memory_limit'] = $this->memoryLimit;
        }
        return $ini;
    }

    /** The demo's line under a tracking lifecycle's table when its servers cannot track (see zendMm()). */
    public const UNTRACKED_NATIVE = 'memory.track: not run, USE_ZEND_ALLOC=0 (the valgrind and ASan way) leaves no Zend MM to track: no leak sites';

    /**
     * Whether the servers this process starts use the Zend MM: they inherit its environment, and
     * USE_ZEND_ALLOC=0 (as php-src reads it) makes emalloc a malloc, with no chunks, no
     * request-end reset and nothing for memory.track to track.
     */
    public static function zendMm(): bool
    {
        return getenv('USE_ZEND_ALLOC') !== '0';
    }

    /**
     * The Server::start() options, the INI settings included, and memory.track=1 with $track
     * (the extension's own INI: not in ini(), which PHP alone checks).
     */
    public function startOptions(bool $track = false): array
    {
        $options = $this->serverOptions;
        $ini = $this->ini() + ($track ? ['memory.track' => 1] : []);
        if ($ini !== []) {
            $options['ini'] = $ini;
        }
        $options['env'] = ['GLIBC_TUNABLES' => self::glibcTunables()] + ($options['env'] ?? []);
        return $options;
    }

    /**
     * The servers run with glibc's per-thread cache off (tcache_count=0): glibc serves a small
     * malloc from that cache when it holds a freed chunk of the size, and mallinfo2() counts the
     * cache as in use already, so the first leaks of each process (up to 7 per size with Debian
     * 12's glibc, more with later ones) would never move the witness of small mallocs. Without
     * the cache every small malloc shows at once. The user's GLIBC_TUNABLES are kept.
     */
    private static function glibcTunables(): string
    {
        $given = (string) getenv('GLIBC_TUNABLES');
        return ($given !== '' ? "$given:" : '') . 'glibc.malloc.tcache_count=0';
    }

    /**
     * The INI settings PHP would not apply, checked by running the PHP under test once
     * (php -n -d NAME=VALUE) and reading each value back with ini_get(): name => [the value
     * PHP keeps instead, PHP's warning or '']. Empty when PHP applies them all. PHP refuses,
     * for one, a memory_limit below its start-up usage, and then keeps its default silently.
     *
     * @return array<string, array{kept: string, warning: string}>
     */
    public function refusedIni(): array
    {
        $refused = [];
        foreach ($this->ini() as $name => $value) {
            $value = is_bool($value) ? ($value ? '1' : '0') : (string) $value;
            $run = Exec::run(
                [Php::binary(), '-n', '-d', "$name=$value", '-r', 'echo "\n", json_encode(ini_get($argv[1]));', '--', $name],
                10,
            );
            $lines = explode("\n", rtrim($run['stdout']));
            $kept = json_decode((string) end($lines));
            if ($run['status'] !== 0 || $kept !== $value) {
                $text = $run['stdout'] . "\n" . $run['stderr'];
                $warning = preg_match('/Warning: (.*?)(?: in Unknown on line \d+)?$/m', $text, $m) ? trim($m[1]) : trim($run['stderr']);
                $refused[$name] = ['kept' => is_string($kept) ? $kept : '?', 'warning' => $warning];
            }
        }
        return $refused;
    }
}
