<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Ui;

use MemoryLab\Lab\Cli\UsageError;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Quantity;
use MemoryLab\Lab\Server\SwooleServer;
use MemoryLab\Lab\Signals;

/**
 * The measuring loop of `./memlab lab`: every TICK seconds it reads every process of every
 * lifecycle from /proc and sends what changed to the page's server (NodeUi) as events; in
 * between it waits on node's stdout for the browsers' commands and performs them against the
 * lifecycle's server (the leak page's JSON). Events and commands are those of
 * docs of lab/ui/server.mjs and the contract of the page:
 *   hello    {type, started (Unix ms), track, limits {max_leak, memory_limit} (bytes),
 *            lifecycles [{id, title, explain, url, state}]}
 *   sample   {type, t (ms since start), lifecycle, pid, role, vsz_kb, rss_kb, pss_kb|null}:
 *            VmSize and VmRSS from /proc/PID/status every tick, sent when they or PSS changed
 *            and at least every SAMPLE_EVERY s; PSS from smaps_rollup (the costly read) when
 *            RSS moved since it was last read, else every PSS_EVERY s
 *   request  {type, t (its end), t_start (when the lab began it), lifecycle, id, action, pid,
 *            status, ok, error, zend_usage, glibc_in_use (bytes, the page's memory_stats()),
 *            result (the page's JSON), report (the request-end report's lines: php -S and
 *            php-fpm), report_text (the same in memory.report's text words: with --track the
 *            JSON line rewritten by ReportText, with the leak summary and a line per site),
 *            leaks (with --track: the report's leak sites) }
 *   exit     {type, t, lifecycle, pid, requests, peak_rss_kb, peak_vsz_kb, first_rss_kb,
 *            last_rss_kb, why (recycled, fatal, stopped, unknown)}
 *   state    {type, t, lifecycle, state (running, dead, restarting), message, url}
 * Commands: {cmd: "action", action: {id, lifecycle, kind: leak|release|plain|restart, ...}}
 * and {cmd: "quit"} (the last tab closed). Bad input never stops the loop: it becomes a
 * request event with ok false and the message of the API (leak_malloc()'s ValueError and the
 * like, as the page reports it), or of the dashboard for what the API has no word for (count).
 */
final class Dashboard
{
    public const TICK = 0.25;
    public const SAMPLE_EVERY = 1.0;
    public const PSS_EVERY = 5.0;
    public const MAX_COUNT = 10000;
    /** How long a request may take, in seconds. */
    private const REQUEST_TIMEOUT = 60;
    /** How long an answer may take through Swoole's master after its worker died, in seconds. */
    private const SWOOLE_GRACE = 0.2;
    /** How long to wait for php -S's request-end report line after the answer, in seconds. */
    private const REPORT_WAIT = 0.3;

    private float $started;

    /**
     * @param array<string, Lane> $lanes the lifecycles, started, by id
     * @param array{max_leak: int, memory_limit: int} $limits bytes
     */
    public function __construct(
        private readonly array $lanes,
        private readonly NodeUi $ui,
        private readonly bool $track,
        private readonly array $limits,
    ) {
        $this->started = microtime(true);
    }

    /** Sends hello and the first samples. */
    public function hello(): void
    {
        $lifecycles = [];
        foreach ($this->lanes as $lane) {
            $lifecycles[] = ['id' => $lane->id, 'title' => $lane->title, 'explain' => $lane->explain, 'url' => $lane->url(), 'state' => $lane->state];
        }
        $this->send([
            'type' => 'hello',
            'started' => (int) round($this->started * 1000),
            'track' => $this->track,
            'limits' => $this->limits,
            'lifecycles' => $lifecycles,
        ]);
        foreach ($this->lanes as $lane) {
            $this->sample($lane);
        }
    }

    /**
     * Runs until the last tab has gone (node says quit): returns 0. Throws Interrupted on
     * Ctrl-C, SIGTERM or SIGHUP and \RuntimeException when node exits by itself. The caller
     * stops the servers and node.
     */
    public function run(): int
    {
        $next = microtime(true) + self::TICK;
        while (true) {
            Signals::check();
            foreach ($this->ui->messages(max(0.0, $next - microtime(true))) as $message) {
                if (($message['cmd'] ?? '') === 'quit') {
                    return 0;
                }
                if (($message['cmd'] ?? '') === 'action' && is_array($message['action'] ?? null)) {
                    $this->act($message['action']);
                }
            }
            Signals::check();
            if (microtime(true) >= $next) {
                if (!$this->ui->running()) {
                    Signals::sleep(0.2);
                    throw new \RuntimeException('the page\'s server (node) exited');
                }
                foreach ($this->lanes as $lane) {
                    $this->sample($lane);
                }
                $next = max($next + self::TICK, microtime(true));
            }
        }
    }

    /** Milliseconds since the start. */
    private function t(): int
    {
        return (int) round((microtime(true) - $this->started) * 1000);
    }

    private function send(array $event): void
    {
        if (!$this->ui->send($event)) {
            /* Ctrl-C reaches node too (one process group): then it is the signal that ended it. */
            Signals::check();
            throw new \RuntimeException('the page\'s server (node) is gone');
        }
    }

    /** Reads every process of a lifecycle, sends the samples due, the exits and a death. */
    private function sample(Lane $lane): void
    {
        $now = microtime(true);
        $live = [];
        foreach ($lane->processes() as $pid => $role) {
            $mem = Proc::mem($pid, true);
            if ($mem === null) {
                continue;
            }
            $live[$pid] = true;
            $p = $lane->pids[$pid] ??= new Pid($pid, $role);
            $p->read($mem);
            if ($p->pssAtRssKb !== $p->lastRssKb || $now - $p->pssAt >= self::PSS_EVERY) {
                $p->pssKb = Proc::rollup($pid)['pss_kb'] ?? null;
                $p->pssAt = $now;
                $p->pssAtRssKb = $p->lastRssKb;
            }
            $said = "{$p->lastVszKb} {$p->lastRssKb} {$p->pssKb}";
            if ($said !== $p->sent || $now - $p->sentAt >= self::SAMPLE_EVERY - self::TICK / 2) {
                $this->send([
                    'type' => 'sample', 't' => $this->t(), 'lifecycle' => $lane->id, 'pid' => $pid, 'role' => $p->role,
                    'vsz_kb' => $p->lastVszKb, 'rss_kb' => $p->lastRssKb, 'pss_kb' => $p->pssKb,
                ]);
                $p->sent = $said;
                $p->sentAt = $now;
            }
        }
        $log = null;
        $died = false;
        if ($lane->state === 'running' && $lane->server !== null && !$lane->server->running()) {
            $died = true;
            $log = $lane->newLog();
            $lane->state = 'dead';
            $lane->message = self::fatal($log) ?? sprintf('%s (pid %d) exited with status %s', $lane->title, $lane->server->pid(), $lane->server->exitCode() ?? '?');
        }
        foreach ($lane->pids as $pid => $p) {
            if (isset($live[$pid])) {
                continue;
            }
            $log ??= $lane->newLog();
            $this->send($this->exitEvent($lane, $p, $this->why($lane, $p, $log)));
            unset($lane->pids[$pid]);
        }
        if ($died) {
            $this->sendState($lane);
        }
    }

    private function sendState(Lane $lane): void
    {
        $this->send(['type' => 'state', 't' => $this->t(), 'lifecycle' => $lane->id, 'state' => $lane->state, 'message' => $lane->message, 'url' => $lane->url()]);
    }

    private function exitEvent(Lane $lane, Pid $p, string $why): array
    {
        return [
            'type' => 'exit', 't' => $this->t(), 'lifecycle' => $lane->id, 'pid' => $p->pid,
            'requests' => $p->requests, 'peak_rss_kb' => $p->peakRssKb, 'peak_vsz_kb' => $p->peakVszKb,
            'first_rss_kb' => $p->firstRssKb ?? 0, 'last_rss_kb' => $p->lastRssKb, 'why' => $why,
        ];
    }

    /** Why a process of the lifecycle is gone: recycled (pm.max_requests), fatal, or unknown. */
    private function why(Lane $lane, Pid $p, string $log): string
    {
        if ($lane->maxRequests() > 0 && $p->role === 'child' && $p->requests >= $lane->maxRequests()) {
            return 'recycled';
        }
        if (($p->role === 'worker' || $lane->state === 'dead') && self::fatal($log) !== null) {
            return 'fatal';
        }
        return 'unknown';
    }

    /** The text of the last PHP fatal error in $log, or null. */
    private static function fatal(string $log): ?string
    {
        if (preg_match_all('/^(?:\[[^\]]*\] )?(?:PHP )?Fatal error: +(.+)$/m', $log, $m) === 0) {
            return null;
        }
        return trim((string) end($m[1]));
    }

    /** Performs one command from a browser; its outcome is a request event (or state events). */
    private function act(array $cmd): void
    {
        $id = is_int($cmd['id'] ?? null) ? $cmd['id'] : null;
        $lane = $this->lanes[(string) ($cmd['lifecycle'] ?? '')] ?? null;
        $kind = (string) ($cmd['kind'] ?? '');
        $event = ['type' => 'request', 't' => 0, 't_start' => $this->t(), 'lifecycle' => $lane?->id ?? (string) ($cmd['lifecycle'] ?? ''), 'id' => $id, 'action' => $cmd,
            'pid' => null, 'status' => 0, 'ok' => false, 'error' => null, 'zend_usage' => null, 'glibc_in_use' => null,
            'result' => null, 'report' => [], 'report_text' => [], 'leaks' => null];
        if ($lane === null) {
            $event['error'] = 'lifecycle must be one of ' . implode(', ', array_keys($this->lanes));
        } elseif ($kind === 'restart') {
            $event = $this->restart($lane, $event);
        } elseif ($lane->state !== 'running' || $lane->server === null) {
            $event['error'] = "{$lane->title} is {$lane->state}" . ($lane->message !== null ? ": {$lane->message}" : '') . ($lane->id === 'worker' ? '; restart it first' : '');
        } else {
            $query = self::query($kind, $cmd);
            if (is_string($query)) {
                $event['error'] = $query;
            } else {
                $event = $this->request($lane, $query, $event);
            }
        }
        $event['t'] = $this->t();
        $this->send($event);
        /* The change the request made, at once; then the next ticks as usual. */
        if ($lane !== null) {
            $this->sample($lane);
        }
    }

    /** Restarts a dead lifecycle (the worker after memory_limit) on its port. */
    private function restart(Lane $lane, array $event): array
    {
        if ($lane->state === 'running') {
            $event['error'] = "{$lane->title} is running: only a dead one can be restarted";
            return $event;
        }
        $lane->state = 'restarting';
        $lane->message = null;
        $this->sendState($lane);
        $old = $lane->server;
        $port = $old?->port;
        $old?->stop();
        try {
            $lane->start($port);
            $event['ok'] = true;
            $event['status'] = 200;
        } catch (\RuntimeException $e) {
            $lane->state = 'dead';
            $lane->message = 'restart failed: ' . $e->getMessage();
            $event['error'] = $lane->message;
        }
        $this->sendState($lane);
        return $event;
    }

    /**
     * The leak page's query for a command, or the message saying what is wrong with it. Sizes
     * are Quantity's (400, 64K, 2M, 1G) and what is not one gets the demo's words (size: "1.5M"
     * given; expected a size in bytes, ...); a count is a whole number, a negative one is below 1.
     */
    private static function query(string $kind, array $cmd): array|string
    {
        if ($kind === 'plain') {
            return ['allocator' => 'none'];
        }
        if ($kind === 'release') {
            return ['allocator' => 'none', 'release' => 1];
        }
        if ($kind !== 'leak') {
            return 'kind must be one of leak, release, plain, restart';
        }
        $bytes = $cmd['bytes'] ?? '2M';
        if (is_int($bytes)) {
            $bytes = (string) $bytes;
        } elseif (!is_string($bytes)) {
            return 'bytes must be an integer';
        } else {
            /* The demo's grammar and words (./memlab demo --bytes 1.5M); 0 goes to the page, whose API answers it. */
            $size = Quantity::size($bytes);
            if ($size === null) {
                return UsageError::option('size', $bytes, 'expected ' . Quantity::SIZE)->getMessage();
            }
            if (is_float($size)) {
                return sprintf('bytes must be at most %d', PHP_INT_MAX);
            }
            $bytes = (string) $size;
        }
        $count = $cmd['count'] ?? 1;
        if (is_string($count) && preg_match('/^\s*[+-]?[0-9]+\s*$/', $count)) {
            $count = trim($count);
            $negative = $count[0] === '-';
            $digits = ltrim($count, '+-0');
            $count = strlen($digits) > 6 ? ($negative ? 0 : self::MAX_COUNT + 1) : ($negative ? -(int) $digits : (int) $digits);
        }
        if (!is_int($count)) {
            return 'count must be an integer';
        }
        if ($count < 1) {
            return 'count must be at least 1';
        }
        if ($count > self::MAX_COUNT) {
            return 'count must be at most ' . self::MAX_COUNT;
        }
        $touch = $cmd['touch'] ?? false;
        return [
            'allocator' => is_string($cmd['allocator'] ?? null) ? $cmd['allocator'] : 'malloc',
            'bytes' => $bytes,
            'touch' => $touch === true || $touch === 1 || $touch === '1' || $touch === 'true' ? 1 : 0,
            'count' => $count,
        ];
    }

    /** Sends the leak page request of a command and fills the request event with its answer. */
    private function request(Lane $lane, array $query, array $event): array
    {
        $server = $lane->server;
        $response = $this->get($lane, $query);
        $event['status'] = $response['status'];
        $answer = json_decode($response['body'], true);
        if (is_array($answer)) {
            $event['result'] = $answer;
            $event['pid'] = is_int($answer['pid'] ?? null) ? $answer['pid'] : null;
            $event['error'] = is_string($answer['error'] ?? null) ? $answer['error'] : null;
            $event['zend_usage'] = $answer['stats']['zend_usage'] ?? null;
            $event['glibc_in_use'] = $answer['stats']['malloc_in_use'] ?? null;
            $event['ok'] = $response['status'] === 200 && $event['error'] === null;
            $p = $event['pid'] !== null ? ($lane->pids[$event['pid']] ?? null) : null;
            if ($p !== null) {
                $p->requests++;
                if (isset($answer['stats']['vsz'], $answer['stats']['rss'])) {
                    $p->peak(intdiv((int) $answer['stats']['vsz'], 1024), intdiv((int) $answer['stats']['rss'], 1024));
                }
            }
        } else {
            /* No JSON: the process died before it answered (the worker at memory_limit). */
            for ($deadline = microtime(true) + 2; $server->running() && !$server->respawns() && microtime(true) < $deadline; usleep(10000)) {
            }
            usleep(50000);
            $fatal = self::fatal($server->log());
            $event['error'] = $fatal ?? (($response['error'] ?? '') !== '' ? $response['error']
                : sprintf('no answer (HTTP status %d)%s', $response['status'], $response['body'] !== '' ? ': ' . substr($response['body'], 0, 300) : ''));
        }
        [$event['report'], $event['leaks'], $event['report_text']] = $this->report($lane, $response, $event['pid']);
        return $event;
    }

    /**
     * Sends GET /leak.php?QUERY to the lifecycle's server and returns ['status', 'body'] (and
     * 'error' when nothing came back, 'stderr' for php-fpm). Over plain HTTP (php -S, the
     * worker, Swoole) every lifecycle keeps being sampled every TICK while the request runs, so
     * a long request (a large touched leak) shows as it grows. php-fpm goes through its FastCGI
     * client (cgi-fcgi), which blocks. Swoole's master keeps the connection of a request whose
     * worker died open: the request is abandoned SWOOLE_GRACE s after the worker is gone.
     */
    private function get(Lane $lane, array $query): array
    {
        $server = $lane->server;
        if ($lane->id === 'fpm') {
            return $server->request('/leak.php', $query);
        }
        $conn = @stream_socket_client("tcp://127.0.0.1:{$server->port}", $errno, $errstr, 10);
        if ($conn === false) {
            return ['status' => 0, 'body' => '', 'error' => "cannot connect to {$lane->title}: $errstr"];
        }
        fwrite($conn, 'GET /leak.php?' . http_build_query($query) . " HTTP/1.0\r\nHost: 127.0.0.1:{$server->port}\r\nConnection: close\r\n\r\n");
        stream_set_blocking($conn, false);
        $workers = $server instanceof SwooleServer ? $server->workers() : [];
        $response = '';
        $diedAt = null;
        $next = microtime(true) + self::TICK;
        try {
            for ($deadline = microtime(true) + self::REQUEST_TIMEOUT; ;) {
                $read = [$conn];
                $none = null;
                $wait = max(0.0, min($next, $deadline) - microtime(true));
                if (@stream_select($read, $none, $none, 0, (int) ($wait * 1e6)) > 0) {
                    $chunk = fread($conn, 65536);
                    if ($chunk === false || ($chunk === '' && feof($conn))) {
                        break;
                    }
                    $response .= $chunk;
                    continue;
                }
                Signals::check();
                $now = microtime(true);
                if ($now >= $deadline) {
                    return ['status' => 0, 'body' => '', 'error' => sprintf('no answer from %s within %d s', $lane->title, self::REQUEST_TIMEOUT)];
                }
                if ($response === '' && $workers !== []) {
                    $dead = array_values(array_filter($workers, fn (int $pid) => !Proc::alive($pid)));
                    if ($dead !== []) {
                        $diedAt ??= $now;
                        if ($now - $diedAt >= self::SWOOLE_GRACE) {
                            return ['status' => 0, 'body' => '', 'error' => sprintf('the worker (pid %d) died before it answered', $dead[0])];
                        }
                    }
                }
                if ($now >= $next) {
                    foreach ($this->lanes as $each) {
                        $this->sample($each);
                    }
                    $next = $now + self::TICK;
                }
            }
        } finally {
            fclose($conn);
        }
        $split = strpos($response, "\r\n\r\n");
        if ($split === false) {
            return ['status' => 0, 'body' => $response];
        }
        $status = (int) (explode(' ', substr($response, 0, strcspn($response, "\r\n")), 3)[1] ?? 0);
        return ['status' => $status, 'body' => substr($response, $split + 4)];
    }

    /**
     * The request-end report of the request just answered: its lines, and with --track the
     * leak sites of its JSON. php -S writes it to its console (the server's log) as the request
     * ends, just after the answer; php-fpm sends it as the FastCGI request's stderr ("PHP
     * message: ...") when it comes before the request is closed, and to its log in any case
     * (the JSON report with memory.track comes after). The workers have no request end: nothing.
     *
     * @return array{0: list<string>, 1: ?list<array>, 2: list<string>} the lines, the leak sites,
     *         the lines in memory.report's text words (the JSON ones rewritten, ReportText)
     */
    private function report(Lane $lane, array $response, ?int $pid): array
    {
        $lines = [];
        if ($pid === null || !in_array($lane->id, ['cli-server', 'fpm'], true)) {
            return [$lines, null, $lines];
        }
        $pattern = '/^(?:\[[^\]]*\] )?(?:NOTICE: )?(?:PHP message: )?((?:memory: |\{"pid":).*)$/';
        $mark = $this->track ? "{\"pid\":$pid," : "memory: pid $pid ";
        foreach (explode("\n", (string) ($response['stderr'] ?? '')) as $line) {
            if (preg_match($pattern, trim($line), $m)) {
                $lines[] = $m[1];
            }
        }
        $found = str_contains(implode("\n", $lines), $mark);
        $log = '';
        for ($deadline = microtime(true) + self::REPORT_WAIT; ; usleep(5000)) {
            $log .= $lane->newLog();
            if ($found || str_contains($log, $mark) || microtime(true) > $deadline) {
                break;
            }
        }
        if (!$found) {
            foreach (explode("\n", $log) as $line) {
                if (preg_match($pattern, trim($line), $m)) {
                    $lines[] = $m[1];
                }
            }
        }
        if (!$this->track) {
            return [$lines, null, $lines];
        }
        $leaks = null;
        $text = [];
        foreach ($lines as $line) {
            $json = $line[0] === '{' ? json_decode($line, true) : null;
            if (is_array($json) && is_array($json['leaks'] ?? null)) {
                $leaks = array_merge($leaks ?? [], $json['leaks']);
            }
            array_push($text, ...(is_array($json) ? ReportText::lines($json) : [$line]));
        }
        return [$lines, $leaks, $text];
    }

    /** Stops every lifecycle's server (by pid, see Server::stop()). */
    public function stop(): void
    {
        foreach ($this->lanes as $lane) {
            $lane->server?->stop();
        }
    }
}
