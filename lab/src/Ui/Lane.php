<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Ui;

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Server\FpmServer;
use MemoryLab\Lab\Server\Server;

/**
 * One lifecycle on the dashboard: its server (lab/src/Server), what the page says of it (id,
 * title, two sentences), its state (running, dead, restarting) and the processes seen in it,
 * live and gone. Ids: cli-server (php -S), fpm (php-fpm with pm.max_requests), worker (the
 * long-running worker), swoole (Swoole\Http\Server, process mode).
 */
final class Lane
{
    public const TITLES = [
        'cli-server' => 'php -S',
        'fpm' => 'php-fpm',
        'worker' => 'long-running worker',
        'swoole' => 'Swoole',
    ];

    public ?Server $server = null;
    public string $state = 'running';
    public ?string $message = null;
    /** @var array<int, Pid> the live processes, by pid */
    public array $pids = [];
    /** How far the server's log has been read, in bytes. */
    public int $logOffset = 0;

    /**
     * @param string $id cli-server, fpm, worker or swoole (the Server::start() kind too)
     * @param array<string, mixed> $options Server::start() options
     */
    public function __construct(
        public readonly string $id,
        public readonly string $title,
        public readonly string $explain,
        public readonly array $options,
    ) {
    }

    /** Starts (or starts again, on its old $port) the server; throws as Server::start() does. */
    public function start(?int $port = null): void
    {
        $this->server = Server::start($this->id, $this->options + ($port !== null ? ['port' => $port] : []));
        $this->state = 'running';
        $this->message = null;
        $this->logOffset = strlen($this->server->log());
    }

    public function url(): string
    {
        return $this->server !== null ? "http://127.0.0.1:{$this->server->port}/" : '';
    }

    /**
     * The live processes of this lifecycle and their roles, the started one first: php -S
     * 'server'; php-fpm 'master' and its 'child'ren; the worker 'worker'; Swoole 'master',
     * 'manager' and 'worker'. Children are read from /proc/PID/task/PID/children (one small
     * file per parent), else by a scan of /proc.
     *
     * @return array<int, string>
     */
    public function processes(): array
    {
        if ($this->server === null || !$this->server->running()) {
            return [];
        }
        $top = $this->server->pid();
        $roles = [$top => match ($this->id) {
            'cli-server' => 'server',
            'worker' => 'worker',
            default => 'master',
        }];
        if ($this->id === 'fpm') {
            foreach (Proc::children($top) as $pid) {
                $roles[$pid] = 'child';
            }
        } elseif ($this->id === 'swoole') {
            foreach (Proc::children($top) as $manager) {
                $roles[$manager] = 'manager';
                foreach (Proc::children($manager) as $worker) {
                    $roles[$worker] = 'worker';
                }
            }
        } elseif ($this->id === 'cli-server') {
            foreach (Proc::children($top) as $pid) {
                $roles[$pid] = 'child';
            }
        }
        return $roles;
    }

    /** The server's log written since the last call. */
    public function newLog(): string
    {
        if ($this->server === null) {
            return '';
        }
        $log = $this->server->log();
        $new = (string) substr($log, $this->logOffset);
        $this->logOffset = strlen($log);
        return $new;
    }

    /** pm.max_requests of php-fpm, 0 for the others. */
    public function maxRequests(): int
    {
        return $this->server instanceof FpmServer ? (int) ($this->options['max_requests'] ?? 0) : 0;
    }
}
