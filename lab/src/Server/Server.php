<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Server;

use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

/**
 * A PHP server on 127.0.0.1 with the memory.so under test: start, request, stop.
 * Server::start() picks the kind:
 *   'cli-server'  php -S; option 'children' => N sets PHP_CLI_SERVER_WORKERS (php -S forks N
 *                 children, and its master serves requests too)
 *   'fpm'         php-fpm -n -y <generated pool> -F -R, pm = static; options 'children'
 *                 (default 1), 'max_requests' (default 0) and 'opcache' (default false:
 *                 give php-fpm opcache, see Php::opcacheIni())
 *   'worker'      lab/worker.php, the long-running worker: one CLI request serving many HTTP
 *                 requests; options 'max_requests' (default 1000), 'idle' seconds (default 30),
 *                 'handler' (a PHP file returning the callable that serves every request) and
 *                 'report' (a JSON line per request; see WorkerServer)
 *   'swoole'      lab/swoole.php, a real Swoole\Http\Server with one worker process; options
 *                 'swoole_so' (required) and 'mode' (process or base; see SwooleServer)
 * Common options: 'ini' => [name => value], 'env' => [name => value] (added to the
 * server's environment), 'docroot' (default lab/pages; the long-running
 * worker serves only /leak.php), 'timeout' (seconds to wait for readiness, default 10),
 * 'port' (default: a free one), 'output' (a stream that takes the server's stdout and stderr
 * instead of its log file).
 *
 * Every process a server starts is stopped by pid: by stop(), by the shutdown function that
 * stops every server still running, and, should the process that started it be killed before
 * either runs, by the kernel: the server runs under `setpriv --pdeathsig TERM`, so it gets
 * SIGTERM when its parent dies (php-fpm's master and php -S then stop their children).
 * Environment: MEMORY_SO (the .so to load), PHP_FPM (the php-fpm binary),
 * MEMLAB_KEEP_SERVER_DIR=1 (keep the pool and logs in a folder of their own under
 * sys_get_temp_dir()).
 */
abstract class Server
{
    public int $port = 0;

    /** @var resource|null the proc_open handle of the process started */
    protected $process = null;
    protected int $pid = 0;
    protected string $dir;
    protected string $docroot;
    protected array $ini;
    protected array $options;
    /** @var list<int> every pid seen belonging to this server, stopped by stop() */
    protected array $pids = [];
    protected bool $stopped = false;
    /** the log as it was when the server stopped (its files are removed then) */
    protected ?string $finalLog = null;
    /** the exit status of the process started, once it has ended */
    protected ?int $exitCode = null;

    /** @var array<int, Server> servers not yet stopped, for stopAll() */
    private static array $running = [];
    private static bool $shutdownRegistered = false;

    /** Starts a server of $kind and waits until it accepts connections. */
    public static function start(string $kind, array $options = []): self
    {
        $class = match ($kind) {
            'cli-server' => CliServer::class,
            'fpm' => FpmServer::class,
            'worker' => WorkerServer::class,
            'swoole' => SwooleServer::class,
            default => throw new \ValueError("unknown server kind '$kind' (cli-server, fpm, worker or swoole)"),
        };
        if (!self::$shutdownRegistered) {
            register_shutdown_function([self::class, 'stopAll']);
            self::$shutdownRegistered = true;
        }
        /* Proc::freePort() closes the port before the server binds it; another may take it. */
        for ($attempt = 1; ; $attempt++) {
            $server = new $class($options);
            self::$running[spl_object_id($server)] = $server;
            try {
                $server->launch(isset($options['port']) ? (int) $options['port'] : Proc::freePort());
                return $server;
            } catch (PortTaken $e) {
                $server->stop();
                if ($attempt >= 5 || isset($options['port'])) {
                    throw new \RuntimeException($e->getMessage());
                }
            } catch (\Throwable $e) {
                $server->stop();
                throw $e;
            }
        }
    }

    /** Stops every server still running (a shutdown function, and on Ctrl-C). */
    public static function stopAll(): void
    {
        foreach (self::$running as $server) {
            $server->stop();
        }
    }

    protected function __construct(array $options)
    {
        $this->options = $options;
        $this->ini = $options['ini'] ?? [];
        $docroot = $options['docroot'] ?? dirname(__DIR__, 2) . '/pages';
        $this->docroot = realpath($docroot) ?: throw new \RuntimeException("no such docroot: $docroot");
        $this->dir = getenv('MEMLAB_KEEP_SERVER_DIR')
            ? RunDir::make(sys_get_temp_dir(), 'memlab-' . $this->kind())
            : RunDir::sub($this->kind());
    }

    /** 'cli-server', 'fpm', 'worker' or 'swoole'. */
    abstract public function kind(): string;

    /** The command that starts the server on $port, and its environment additions. */
    abstract protected function command(int $port): array;

    /** Sends one GET; ['status' => int, 'body' => string], status 0 when nothing came back. */
    abstract public function request(string $path, array $query = []): array;

    /** The pid of the process started: the listening one (the master for fpm). */
    public function pid(): int
    {
        return $this->pid;
    }

    /** The folder of the server's files (pool, logs). */
    public function dir(): string
    {
        return $this->dir;
    }

    /** The server's captured stderr and stdout (php-fpm: its error log too), also after stop(). */
    public function log(): string
    {
        return $this->finalLog ?? $this->readLog();
    }

    /** The log files as they are now. */
    protected function readLog(): string
    {
        return (string) @file_get_contents($this->dir . '/server.log');
    }

    /** The live processes the master forked (fpm children, php -S children). */
    public function children(): array
    {
        return $this->pid > 0 ? Proc::children($this->pid) : [];
    }

    /** Whether a serving process that dies is replaced by a new one while the server runs. */
    public function respawns(): bool
    {
        return false;
    }

    /** Whether the process started is still running. */
    public function running(): bool
    {
        return $this->process !== null && $this->status()['running'];
    }

    /** Waits up to $timeout seconds for the process to end by itself; its exit status or null. */
    public function wait(float $timeout = 10): ?int
    {
        $deadline = microtime(true) + $timeout;
        while ($this->running() && microtime(true) < $deadline) {
            usleep(10000);
        }
        return $this->running() ? null : $this->exitCode;
    }

    /** Exit status of the process started (128 + N after signal N), or null while it runs. */
    public function exitCode(): ?int
    {
        $this->running();
        return $this->exitCode;
    }

    /** proc_get_status(), keeping the exit status, which only the first call after exit reports. */
    private function status(): array
    {
        $status = proc_get_status($this->process);
        if (!$status['running'] && $this->exitCode === null) {
            $this->exitCode = $status['signaled'] ? 128 + $status['termsig'] : $status['exitcode'];
        }
        return $status;
    }

    /** Sends one request and decodes the page's JSON; throws with the body when it is not JSON. */
    public function requestJson(string $path, array $query = []): array
    {
        $response = $this->request($path, $query);
        $data = json_decode($response['body'], true);
        if (!is_array($data)) {
            throw new \RuntimeException(sprintf(
                "%s %s: status %d, not JSON: %s\nserver log:\n%s",
                $this->kind(), $path, $response['status'], substr($response['body'], 0, 500), $this->log()
            ));
        }
        return $data;
    }

    /** Stops every process this server started, by pid, and waits for them. Idempotent. */
    public function stop(): void
    {
        if ($this->stopped) {
            return;
        }
        $this->stopped = true;
        unset(self::$running[spl_object_id($this)]);
        if ($this->process !== null) {
            $this->saw(...$this->children());
            if ($this->status()['running']) {
                proc_terminate($this->process, Proc::SIGTERM);
            }
            foreach ($this->pids as $pid) {
                if ($pid !== $this->pid && Proc::alive($pid)) {
                    Proc::kill($pid, Proc::SIGTERM);
                }
            }
            $this->waitAllGone(5);
            if ($this->anyAlive()) {
                foreach ($this->pids as $pid) {
                    if (Proc::alive($pid)) {
                        Proc::kill($pid, Proc::SIGKILL);
                    }
                }
                if ($this->status()['running']) {
                    proc_terminate($this->process, Proc::SIGKILL);
                }
            }
            proc_close($this->process);
            $this->process = null;
            $this->waitAllGone(5);
        }
        $this->finalLog = $this->readLog();
        if (!getenv('MEMLAB_KEEP_SERVER_DIR')) {
            RunDir::remove($this->dir);
        }
    }

    /** Remembers the pids that served requests, so stop() stops them even if forked later. */
    protected function saw(int ...$pids): void
    {
        foreach ($pids as $pid) {
            if ($pid > 0 && !in_array($pid, $this->pids, true)) {
                $this->pids[] = $pid;
            }
        }
    }

    private function anyAlive(): bool
    {
        if ($this->process !== null && $this->status()['running']) {
            return true;
        }
        foreach ($this->pids as $pid) {
            if ($pid !== $this->pid && Proc::alive($pid)) {
                return true;
            }
        }
        return false;
    }

    private function waitAllGone(float $seconds): void
    {
        for ($deadline = microtime(true) + $seconds; $this->anyAlive() && microtime(true) < $deadline; usleep(10000)) {
        }
    }

    /** Starts the process on $port and waits for it to accept connections. */
    private function launch(int $port): void
    {
        $this->port = $port;
        [$command, $env] = $this->command($port);
        /* The kernel's safety net: SIGTERM to the server when the process that started it dies. */
        $setpriv = Php::find('setpriv');
        if ($setpriv !== null) {
            $command = array_merge([$setpriv, '--pdeathsig', 'TERM', '--'], $command);
        }
        $log = $this->dir . '/server.log';
        $output = $this->options['output'] ?? ['file', $log, 'a'];
        $this->process = proc_open(
            $command,
            [0 => ['file', '/dev/null', 'r'], 1 => $output, 2 => $output],
            $pipes,
            $this->docroot,
            ($this->options['env'] ?? []) + $env + getenv()
        );
        if ($this->process === false) {
            $this->process = null;
            throw new \RuntimeException('cannot start ' . implode(' ', $command));
        }
        $this->pid = proc_get_status($this->process)['pid'];
        $this->saw($this->pid);

        $timeout = (float) ($this->options['timeout'] ?? 10);
        $deadline = microtime(true) + $timeout;
        while (true) {
            if (!$this->running()) {
                $log = $this->log();
                if (stripos($log, 'address already in use') !== false) {
                    throw new PortTaken("{$this->kind()}: port $port on 127.0.0.1 is taken");
                }
                throw new \RuntimeException("{$this->kind()} exited before it was ready:\n"
                    . implode(' ', $command) . "\n$log");
            }
            if ($this->ready()) {
                return;
            }
            if (microtime(true) > $deadline) {
                $log = $this->log();
                $this->stop();
                throw new \RuntimeException("{$this->kind()} not ready on 127.0.0.1:$port after $timeout s:\n$log");
            }
            usleep(20000);
        }
    }

    /** Whether the server accepts connections on its port. */
    protected function ready(): bool
    {
        $conn = @stream_socket_client("tcp://127.0.0.1:{$this->port}", $errno, $errstr, 1);
        if ($conn === false) {
            return false;
        }
        fclose($conn);
        return true;
    }

    /** The -d arguments for the 'ini' option. */
    protected function iniArgs(): array
    {
        $args = [];
        foreach ($this->ini as $name => $value) {
            $args[] = '-d';
            $args[] = "$name=" . self::iniValue($value);
        }
        return $args;
    }

    /** An INI value as text: booleans as 1/0. */
    protected static function iniValue(mixed $value): string
    {
        return is_bool($value) ? ($value ? '1' : '0') : (string) $value;
    }

    /**
     * Sends an HTTP/1.0 GET over a plain socket; used by php -S, the long-running worker and
     * Swoole. $giveUp, when given, is called about every 50 ms until the answer starts; when it
     * returns a reason, the request is abandoned: status 0 and that reason as 'error' (Swoole's
     * master keeps the connection of a request whose worker died open).
     */
    protected function httpRequest(string $path, array $query, ?callable $giveUp = null): array
    {
        $target = $path . ($query ? '?' . http_build_query($query) : '');
        $conn = @stream_socket_client("tcp://127.0.0.1:{$this->port}", $errno, $errstr, 10);
        if ($conn === false) {
            return ['status' => 0, 'body' => '', 'error' => $errstr];
        }
        stream_set_timeout($conn, 60);
        fwrite($conn, "GET $target HTTP/1.0\r\nHost: 127.0.0.1:{$this->port}\r\nConnection: close\r\n\r\n");
        for ($deadline = microtime(true) + 60; $giveUp !== null && microtime(true) < $deadline;) {
            $read = [$conn];
            $none = null;
            if (@stream_select($read, $none, $none, 0, 50000) > 0) {
                break;
            }
            $reason = $giveUp();
            if ($reason !== null) {
                fclose($conn);
                return ['status' => 0, 'body' => '', 'error' => $reason];
            }
        }
        $response = (string) stream_get_contents($conn);
        fclose($conn);
        $split = strpos($response, "\r\n\r\n");
        if ($split === false) {
            return ['status' => 0, 'body' => $response];
        }
        $head = substr($response, 0, $split);
        $statusLine = substr($head, 0, strcspn($head, "\r\n"));
        $parts = explode(' ', $statusLine, 3);
        return ['status' => (int) ($parts[1] ?? 0), 'body' => substr($response, $split + 4)];
    }
}
