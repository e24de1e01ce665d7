<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Server;

use MemoryLab\Lab\Php;

/** lab/worker.php, the long-running worker: one CLI request that serves many HTTP requests. */
final class WorkerServer extends Server
{
    public function kind(): string
    {
        return 'worker';
    }

    protected function command(int $port): array
    {
        $command = array_merge(
            [Php::binary(), '-n', '-d', 'extension=' . Php::memorySo()],
            $this->iniArgs(),
            [
                dirname(__DIR__, 2) . '/worker.php',
                "--port=$port",
                '--max-requests=' . (int) ($this->options['max_requests'] ?? 1000),
                '--idle=' . (float) ($this->options['idle'] ?? 30),
            ]
        );
        return [$command, []];
    }

    public function request(string $path, array $query = []): array
    {
        return $this->httpRequest($path, $query);
    }
}
