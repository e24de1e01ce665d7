<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Server;

use MemoryLab\Lab\Php;

/** php -S on 127.0.0.1, optionally with PHP_CLI_SERVER_WORKERS forked children. */
final class CliServer extends Server
{
    public function kind(): string
    {
        return 'cli-server';
    }

    protected function command(int $port): array
    {
        /* An empty value leaves an inherited PHP_CLI_SERVER_WORKERS, if any, without effect. */
        $env = ['PHP_CLI_SERVER_WORKERS' => ''];
        if ($this->childCount() > 1) {
            $env['PHP_CLI_SERVER_WORKERS'] = (string) $this->childCount();
        }
        $command = array_merge(
            [Php::binary(), '-n', '-d', 'extension=' . Php::memorySo()],
            $this->iniArgs(),
            ['-S', "127.0.0.1:$port", '-t', $this->docroot]
        );
        return [$command, $env];
    }

    /** PHP_CLI_SERVER_WORKERS: how many children php -S forks (0: none, the master serves). */
    private function childCount(): int
    {
        return (int) ($this->options['children'] ?? 0);
    }

    /** Ready once it accepts connections and has forked all its children. */
    protected function ready(): bool
    {
        $children = $this->childCount();
        return ($children <= 1 || count($this->children()) >= $children) && parent::ready();
    }

    public function request(string $path, array $query = []): array
    {
        $response = $this->httpRequest($path, $query);
        if ($this->childCount() > 1) {
            $this->saw(...$this->children());
        }
        return $response;
    }
}
