<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Server;

use MemoryLab\Lab\Php;

/**
 * lab/worker.php, the long-running worker: one CLI request that serves many HTTP requests.
 * Options: 'max_requests' (default 1000), 'idle' seconds (default 30; below 0, for ever),
 * 'handler' (a PHP file returning a callable that serves every request instead of the leak
 * page) and 'report' (true: the worker writes a JSON line per request, read by reports()).
 */
final class WorkerServer extends Server
{
    /** How far reports() has read the report file, in bytes. */
    private int $reportOffset = 0;

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
        if (($this->options['handler'] ?? '') !== '') {
            $command[] = '--handler=' . $this->options['handler'];
        }
        if (!empty($this->options['report'])) {
            $command[] = '--report=' . $this->reportFile();
        }
        return [$command, []];
    }

    public function request(string $path, array $query = []): array
    {
        return $this->httpRequest($path, $query);
    }

    /**
     * The worker's report lines written since the last call, decoded (see lab/worker.php
     * --report): {"ready": true, ...}, one per request, and {"end": REASON, "request": N}.
     * Empty without the 'report' option, and once the server is stopped.
     *
     * @return list<array>
     */
    public function reports(): array
    {
        $text = (string) @file_get_contents($this->reportFile(), false, null, $this->reportOffset);
        $end = strrpos($text, "\n");
        if ($end === false) {
            return [];
        }
        $this->reportOffset += $end + 1;
        $records = [];
        foreach (explode("\n", substr($text, 0, $end)) as $line) {
            $record = json_decode($line, true);
            if (is_array($record)) {
                $records[] = $record;
            }
        }
        return $records;
    }

    /** Where the worker writes its report. */
    private function reportFile(): string
    {
        return $this->dir . '/report.jsonl';
    }
}
