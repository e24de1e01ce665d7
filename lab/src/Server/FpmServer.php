<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Server;

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;

/**
 * php-fpm with a generated pool: pm = static, the extension loaded by php_admin_value (each
 * child loads it after the fork), or by php-fpm itself at startup on a debug ZTS build. Options
 * (see Server): 'children' (default 1), 'max_requests' (default 0), 'opcache' (default false:
 * load opcache, as Debian's php-fpm does).
 */
final class FpmServer extends Server
{
    /** How long cgi-fcgi may wait for an answer: it has no timeout of its own. */
    private const REQUEST_TIMEOUT_S = 60;

    public function kind(): string
    {
        return 'fpm';
    }

    /** php-fpm's error log (the pool's children's output is caught into it), then its stderr. */
    protected function readLog(): string
    {
        return (string) @file_get_contents($this->dir . '/fpm.log') . parent::readLog();
    }

    private function childCount(): int
    {
        return (int) ($this->options['children'] ?? 1);
    }

    protected function command(int $port): array
    {
        $fpm = Php::fpm() ?? throw new \RuntimeException('php-fpm is not installed (Debian: ' . Php::fpmPackage() . ')');
        $maxRequests = (int) ($this->options['max_requests'] ?? 0);
        $lines = [
            '[global]',
            "pid = {$this->dir}/fpm.pid",
            "error_log = {$this->dir}/fpm.log",
            'log_level = notice',
            'daemonize = no',
            '',
            '[memlab]',
            "listen = 127.0.0.1:$port",
            'listen.allowed_clients = 127.0.0.1',
            'pm = static',
            "pm.max_children = {$this->childCount()}",
            "pm.max_requests = $maxRequests",
            'catch_workers_output = yes',
            'decorate_workers_output = no',
            'clear_env = no',
        ];
        /* php-fpm applies a pool's php_admin_value lines last to first, and an INI entry of
         * the extension can only be set once the extension is loaded: the extension goes last. */
        foreach ($this->ini as $name => $value) {
            $lines[] = "php_admin_value[$name] = " . self::iniValue($value);
        }
        $load = [];
        if (self::childCannotLoad()) {
            $load = ['-d', 'extension=' . Php::memorySo()];
        } else {
            $lines[] = 'php_admin_value[extension] = ' . Php::memorySo();
        }
        file_put_contents($this->dir . '/pool.conf', implode("\n", $lines) . "\n");
        return [array_merge([$fpm, '-n'], $this->opcacheArgs(), $load, ['-y', $this->dir . '/pool.conf', '-F', '-R']), []];
    }

    /**
     * With the option 'opcache' => true, the -d arguments that give php-fpm opcache as Debian's
     * default INI does (-n loads nothing, and a pool cannot load a zend_extension): its shared
     * memory is mapped by the master before it forks, so every child shares it. Throws when
     * this PHP has no opcache.
     */
    private function opcacheArgs(): array
    {
        if (empty($this->options['opcache'])) {
            return [];
        }
        $ini = Php::opcacheIni() ?? throw new \RuntimeException('this PHP has no opcache (Debian: php' . Php::version() . '-opcache)');
        $args = [];
        foreach ($ini + ['opcache.enable' => '1'] as $name => $value) {
            array_push($args, '-d', "$name=$value");
        }
        return $args;
    }

    /*
     * Whether a php-fpm child of this PHP aborts when it loads an extension with INI entries
     * (php_admin_value[extension]): on a debug ZTS build, registering them after startup trips
     * PHP's assertion "module_type == MODULE_TEMPORARY" (Zend/zend_ini.c), because the thread's
     * INI table is already a copy. The child dies with SIGABRT as it starts and php-fpm forks
     * another, forever: the port accepts, no child ever answers, and requests time out. php-fpm
     * then loads the extension in its master instead, before the children are forked.
     */
    private static function childCannotLoad(): bool
    {
        return PHP_ZTS === 1 && PHP_DEBUG === 1;
    }

    /*
     * Waits (at most 5 s) until every child is back in accept() or gone. php-fpm ends the
     * FastCGI request before php_request_shutdown() frees the request's memory, so a reading
     * taken as soon as the response is in would still see the emalloc'd blocks, and a child
     * that reached pm.max_requests would still be exiting.
     */
    public function waitIdle(float $timeout = 5): void
    {
        for ($deadline = microtime(true) + $timeout; microtime(true) < $deadline && $this->running(); usleep(2000)) {
            $busy = false;
            foreach ($this->children() as $pid) {
                $busy = $busy || !Proc::waitingInAccept($pid);
            }
            if (!$busy && count($this->children()) >= $this->childCount()) {
                return;
            }
        }
    }

    /**
     * Ready once it says so, has forked all its children and accepts connections. Throws when a
     * child dies as it starts: php-fpm forks another, forever, and the port accepts, but no
     * request would ever be answered.
     */
    protected function ready(): bool
    {
        $log = (string) @file_get_contents($this->dir . '/fpm.log');
        if (preg_match('/^.* exited on signal .*$/m', $log, $exited)) {
            $said = preg_match('/^.* said into stderr: .*$/m', $log, $m) ? $m[0] . "\n" : '';
            $this->stop();
            throw new \RuntimeException("fpm: its children die as they start:\n$said{$exited[0]}");
        }
        return str_contains($log, 'ready to handle connections')
            && count($this->children()) >= $this->childCount()
            && parent::ready();
    }

    /*
     * Sends one FastCGI request with cgi-fcgi. $path is relative to the docroot. The result
     * also has 'stderr': what the script logged, which php-fpm sends on the FastCGI stderr
     * stream as well (fastcgi.logging).
     */
    public function request(string $path, array $query = []): array
    {
        $client = Php::cgiFcgi() ?? throw new \RuntimeException('cgi-fcgi is not installed (Debian: libfcgi-bin)');
        $queryString = http_build_query($query);
        $env = [
            'SCRIPT_FILENAME' => $this->docroot . '/' . ltrim($path, '/'),
            'SCRIPT_NAME' => '/' . ltrim($path, '/'),
            'REQUEST_URI' => '/' . ltrim($path, '/') . ($queryString !== '' ? "?$queryString" : ''),
            'QUERY_STRING' => $queryString,
            'REQUEST_METHOD' => 'GET',
            'SERVER_NAME' => '127.0.0.1',
            'SERVER_PROTOCOL' => 'HTTP/1.0',
            'GATEWAY_INTERFACE' => 'CGI/1.1',
            'PATH' => (string) getenv('PATH'),
        ];
        /* cgi-fcgi sends its whole environment as the request's parameters: only these. */
        $run = Exec::run([$client, '-bind', '-connect', "127.0.0.1:{$this->port}"], self::REQUEST_TIMEOUT_S, $env, null, null, false);
        $out = $run['stdout'];
        $this->saw(...$this->children());
        $this->waitIdle();

        $split = strpos($out, "\r\n\r\n");
        if ($split === false) {
            return ['status' => 0, 'body' => $out, 'stderr' => $run['stderr']];
        }
        $status = 200;
        foreach (explode("\r\n", substr($out, 0, $split)) as $header) {
            if (strncasecmp($header, 'Status:', 7) === 0) {
                $status = (int) trim(substr($header, 7));
            }
        }
        return ['status' => $status, 'body' => substr($out, $split + 4), 'stderr' => $run['stderr']];
    }
}
