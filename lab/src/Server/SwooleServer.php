<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Server;

use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;

/**
 * lab/swoole.php, a real Swoole\Http\Server with one worker process. Options: 'swoole_so' (the
 * absolute path of the swoole.so to load; required) and 'mode' ('process', SWOOLE_PROCESS, the
 * default; or 'base', SWOOLE_BASE). In process mode the process started is Swoole's master; it
 * forks a manager, which forks the worker that serves the requests (the page's pid) and forks
 * a new one when the worker dies. stop() stops the master, the manager and every worker seen,
 * by pid.
 */
final class SwooleServer extends Server
{
    /** How long an answer may take to come through the master after its worker died, in seconds. */
    private const ANSWER_GRACE = 0.2;

    public function kind(): string
    {
        return 'swoole';
    }

    protected function command(int $port): array
    {
        $so = $this->options['swoole_so'] ?? throw new \ValueError("the swoole server needs the option 'swoole_so' (the path of swoole.so)");
        $mode = $this->options['mode'] ?? 'process';
        if (!in_array($mode, ['process', 'base'], true)) {
            throw new \ValueError("unknown Swoole mode '$mode' (process or base)");
        }
        $command = array_merge(
            [Php::binary(), '-n', '-d', 'extension=' . Php::memorySo(), '-d', "extension=$so"],
            $this->iniArgs(),
            [dirname(__DIR__, 2) . '/swoole.php', "--port=$port", "--mode=$mode"]
        );
        return [$command, []];
    }

    /** Whether it runs in SWOOLE_PROCESS mode, where a manager replaces a worker that dies. */
    public function processMode(): bool
    {
        return ($this->options['mode'] ?? 'process') === 'process';
    }

    /** The live processes below the master: the manager and the worker (process mode). */
    public function children(): array
    {
        $pids = [];
        for ($parents = [$this->pid]; $parents !== [] && $this->pid > 0;) {
            $children = array_merge(...array_map([Proc::class, 'children'], $parents));
            $pids = array_merge($pids, $children);
            $parents = $children;
        }
        return $pids;
    }

    /** A worker that dies while the master runs is replaced by a new one (process mode). */
    public function respawns(): bool
    {
        return $this->processMode() && $this->running();
    }

    /** Ready once it accepts connections and, in process mode, its worker has started. */
    protected function ready(): bool
    {
        return (!$this->processMode() || count($this->children()) >= 2) && parent::ready();
    }

    /** The processes that serve requests: the worker (process mode), or the master (base mode). */
    public function workers(): array
    {
        if (!$this->processMode()) {
            return $this->pid > 0 ? [$this->pid] : [];
        }
        return array_merge(...array_map([Proc::class, 'children'], Proc::children($this->pid)));
    }

    /**
     * Sends one GET. When the worker dies before it answers (memory_limit), Swoole's master
     * keeps the connection open and the client would wait for ever: the request is abandoned
     * a moment after the worker is gone, with status 0 and an 'error' saying so.
     */
    public function request(string $path, array $query = []): array
    {
        $workers = $this->workers();
        $diedAt = null;
        $response = $this->httpRequest($path, $query, function () use (&$workers, &$diedAt): ?string {
            /* Sent while the manager was forking a new worker: follow that one. */
            $workers = $workers === [] ? $this->workers() : $workers;
            $dead = array_values(array_filter($workers, fn (int $pid) => !Proc::alive($pid)));
            if ($dead === []) {
                return null;
            }
            /* Its answer may still be on its way through the master. */
            $diedAt ??= microtime(true);
            return microtime(true) - $diedAt < self::ANSWER_GRACE ? null : sprintf('the worker (pid %d) died before it answered', $dead[0]);
        });
        /* The worker that answered, and any the manager has forked since: stop() stops them too. */
        $this->saw(...$this->children());
        return $response;
    }
}
