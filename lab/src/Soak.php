<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

use MemoryLab\Lab\Server\Server;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * ./memlab soak: bounded load and fault runs against php -S and php-fpm on 127.0.0.1.
 *
 *   emalloc drift  N requests that leak through emalloc; VmSize and VmRSS of every serving
 *                  process may move at most 1 MiB after its warm-up requests
 *   tracked drift  the same N requests with memory.track=1 and memory.report=1 (JSON), every
 *                  other one leaking nothing: VmSize and VmRSS, read from /proc/PID/status
 *                  from outside once the process waits for the next request, may move at most
 *                  1 MiB after the warm-up (the heap is reset at request end as without
 *                  tracking), and every request's leak report says exactly what it leaked:
 *                  8 blocks, 2 MiB at the page's leak_emalloc() call, or 0 blocks
 *   max_leak cap   malloc leaks under memory.max_leak=32M: growth stops at the cap, every later
 *                  request gets the page's JSON error, other pages are still served
 *   memory_limit   a request that dies on memory_limit inside leak_emalloc(): the server lives,
 *                  the next request succeeds, the process counters are still right
 *   SIGKILL        a php-fpm child killed in the middle of a request is replaced, and the
 *                  replacement starts with fresh counters (request 1, nothing leaked)
 *
 * Each check prints "PASS NAME: DETAIL" or "FAIL NAME: DETAIL"; run() ends with
 * "N passed, N failed". Every server it starts is stopped by pid, on failure and on Ctrl-C
 * (Signals::check() between requests throws Interrupted) too. Servers load Php::memorySo().
 */
final class Soak
{
    private const KIB = 1024;
    private const MIB = 1024 * 1024;

    /** The environment variable that names the folder where lab/pages/hold.php writes its pid. */
    public const HOLD_DIR_ENV = 'MEMLAB_HOLD_DIR';

    private int $passed = 0;
    private int $failed = 0;

    /**
     * @param int $requests requests of each emalloc drift run (more than $warmup)
     * @param int $warmup answers per process before the drift baseline (at least 1)
     * @param OutputInterface $out where the verdict lines go
     */
    public function __construct(
        private readonly int $requests,
        private readonly int $warmup,
        private readonly OutputInterface $out,
    ) {
    }

    /** Runs every check against php -S and php-fpm (4 children); true when all passed. */
    public function run(): bool
    {
        $started = microtime(true);
        $fpm4 = ['children' => 4];
        $this->emallocDrift('cli-server', [], $this->requests, $this->warmup);
        /* php-fpm spreads the requests over its 4 children: each gets about a quarter. */
        $this->emallocDrift('fpm', $fpm4, $this->requests, max(1, intdiv($this->warmup, 4)));
        $this->trackedDrift('cli-server', [], $this->requests, $this->warmup);
        $this->trackedDrift('fpm', $fpm4, $this->requests, max(1, intdiv($this->warmup, 4)));
        $this->maxLeak('cli-server', [], 5, 60);
        $this->maxLeak('fpm', $fpm4, 3, 400);
        $this->memoryLimit('cli-server', []);
        $this->memoryLimit('fpm', ['children' => 1]);
        $this->fpmSigkill($fpm4);
        $this->line(sprintf('soak took %.1f s', microtime(true) - $started));
        $this->line(sprintf('%d passed, %d failed', $this->passed, $this->failed));
        return $this->failed === 0;
    }

    /** Prints one check's verdict and what it measured. */
    private function check(string $name, bool $ok, string $detail): void
    {
        $ok ? $this->passed++ : $this->failed++;
        $this->line(sprintf('%s %s: %s', $ok ? 'PASS' : 'FAIL', $name, $detail));
    }

    /** One line on the output, as is. */
    private function line(string $text): void
    {
        $this->out->writeln($text, OutputInterface::OUTPUT_RAW);
    }

    /** Decodes the leak page's answer; null unless it is a 200 with the page's JSON. */
    private static function pageJson(array $response): ?array
    {
        if ($response['status'] !== 200) {
            return null;
        }
        $data = json_decode($response['body'], true);
        return is_array($data) && isset($data['pid'], $data['stats']) ? $data : null;
    }

    /** A short, one-line excerpt of a response, for a verdict. */
    private static function excerpt(array $response): string
    {
        return 'status ' . $response['status'] . ', ' . substr(trim((string) preg_replace('/\s+/', ' ', $response['body'])), 0, 160);
    }

    /**
     * emalloc drift: $requests requests that each leak 8 x 256 KiB through emalloc (blocks that
     * live in the Zend MM's 2 MiB chunks). Each answer carries memory_stats() of the process that
     * served it, taken after the leak; per pid, the first $warmup answers are the warm-up and the
     * last of them the baseline. Drift is the largest VmSize and VmRSS seen after it, minus it.
     */
    private function emallocDrift(string $kind, array $options, int $requests, int $warmup): void
    {
        $name = "$kind emalloc drift";
        $started = microtime(true);
        $server = Server::start($kind, $options);
        try {
            $per = [];
            $bad = 0;
            $firstBad = '';
            for ($i = 0; $i < $requests; $i++) {
                Signals::check();
                $r = $server->request('/leak.php', ['allocator' => 'emalloc', 'bytes' => 256 * self::KIB, 'count' => 8]);
                $j = self::pageJson($r);
                if ($j === null || $j['error'] !== null || $j['result'] !== 8 * 256 * self::KIB) {
                    $bad++;
                    $firstBad = $firstBad ?: self::excerpt($r);
                    continue;
                }
                $pid = $j['pid'];
                $p = $per[$pid] ?? ['n' => 0, 'base' => null, 'vsz' => 0, 'rss' => 0];
                $p['n']++;
                $vsz = $j['stats']['vsz'];
                $rss = $j['stats']['rss'];
                if ($p['n'] === $warmup) {
                    $p['base'] = [$vsz, $rss];
                } elseif ($p['n'] > $warmup) {
                    $p['vsz'] = max($p['vsz'], $vsz - $p['base'][0]);
                    $p['rss'] = max($p['rss'], $rss - $p['base'][1]);
                }
                $per[$pid] = $p;
            }
            $alive = $server->running();
        } finally {
            $server->stop();
        }
        [$worst, $measured, $rows] = self::driftRows($per, $warmup, self::KIB);
        $ok = $bad === 0 && $alive && $measured > 0 && $worst <= self::MIB;
        $this->check($name, $ok, sprintf(
            '%d requests in %.1f s, %d failed%s; largest drift after %d warm-up requests %d KiB (at most 1024): %s',
            $requests, microtime(true) - $started, $bad, $firstBad !== '' ? " (first: $firstBad)" : '',
            $warmup, $worst / self::KIB, implode('; ', $rows)
        ));
    }

    /**
     * Tracked drift: $requests requests to a server with memory.track=1, memory.report=1 and
     * memory.report_format=json; the odd ones leak 8 x 256 KiB through emalloc, the even ones
     * nothing. After each answer, once the process that served it sleeps (waiting for the next
     * request; at most 0.2 s), its VmSize and VmRSS are read from /proc/PID/status; per pid,
     * the reading after its $warmup-th answer is the baseline, and drift is the largest reading
     * after it minus it. Each request's report (its JSON line in the server's log, found by pid
     * and memory_stats()'s request number) must say 8 blocks and 2 MiB, all at one site, the
     * page's leak_emalloc() call (memory), for a leaking request, and 0 blocks for the others.
     */
    private function trackedDrift(string $kind, array $options, int $requests, int $warmup): void
    {
        $name = "$kind tracked drift";
        $started = microtime(true);
        $ini = ['memory.track' => 1, 'memory.report' => 1, 'memory.report_format' => 'json'];
        $server = Server::start($kind, $options + ['ini' => $ini]);
        $block = 256 * self::KIB;
        try {
            $per = [];
            $expected = [];
            $bad = 0;
            $firstBad = '';
            for ($i = 0; $i < $requests; $i++) {
                Signals::check();
                $leak = $i % 2 === 0;
                $r = $server->request('/leak.php', $leak ? ['allocator' => 'emalloc', 'bytes' => $block, 'count' => 8] : ['allocator' => 'none']);
                $j = self::pageJson($r);
                if ($j === null || $j['error'] !== null || ($leak && $j['result'] !== 8 * $block)) {
                    $bad++;
                    $firstBad = $firstBad ?: self::excerpt($r);
                    continue;
                }
                $pid = $j['pid'];
                $expected["$pid/{$j['stats']['request']}"] = $leak;
                $mem = self::idleMem($pid);
                if ($mem === null) {
                    $bad++;
                    $firstBad = $firstBad ?: "pid $pid is gone after answering";
                    continue;
                }
                $p = $per[$pid] ?? ['n' => 0, 'base' => null, 'vsz' => 0, 'rss' => 0];
                $p['n']++;
                if ($p['n'] === $warmup) {
                    $p['base'] = $mem;
                } elseif ($p['n'] > $warmup) {
                    $p['vsz'] = max($p['vsz'], $mem['vsz_kb'] - $p['base']['vsz_kb']);
                    $p['rss'] = max($p['rss'], $mem['rss_kb'] - $p['base']['rss_kb']);
                }
                $per[$pid] = $p;
            }
            /* The last request's report comes at its end, after its answer. */
            for ($deadline = microtime(true) + 5; count($reports = self::leakReports($server->log())) < count($expected) && microtime(true) < $deadline;) {
                Signals::sleep(0.05);
            }
            $alive = $server->running();
        } finally {
            $server->stop();
        }
        $tally = ['exact leak' => 0, 'nothing' => 0, 'wrong' => 0, 'missing' => 0];
        $firstWrong = '';
        foreach ($expected as $key => $leak) {
            $report = $reports[$key] ?? null;
            if ($report === null) {
                $tally['missing']++;
                continue;
            }
            $sites = $report['leaks'] ?? null;
            $exact = $leak
                ? $report['leaked_blocks'] === 8 && $report['leaked_bytes'] === 8 * $block && is_array($sites) && count($sites) === 1
                    && $sites[0]['blocks'] === 8 && $sites[0]['bytes'] === 8 * $block && $sites[0]['function'] === 'leak_emalloc'
                    && $sites[0]['extension'] === 'memory' && basename($sites[0]['file']) === 'LeakPage.php'
                : $report['leaked_blocks'] === 0 && $report['leaked_bytes'] === 0 && $sites === [];
            if ($exact) {
                $tally[$leak ? 'exact leak' : 'nothing']++;
            } else {
                $tally['wrong']++;
                $firstWrong = $firstWrong ?: "pid/request $key: " . substr((string) json_encode(['leaked_blocks' => $report['leaked_blocks'] ?? null, 'leaked_bytes' => $report['leaked_bytes'] ?? null, 'leaks' => $sites]), 0, 300);
            }
        }
        [$worst, $measured, $rows] = self::driftRows($per, $warmup, 1);
        $ok = $bad === 0 && $alive && $measured > 0 && $worst <= 1024 && $tally['wrong'] === 0 && $tally['missing'] === 0;
        $this->check($name, $ok, sprintf(
            '%d requests in %.1f s, %d failed%s; leak reports: %d exact (8 blocks, 2,097,152 B at LeakPage.php, leak_emalloc), %d with 0 blocks as expected, %d wrong%s, %d missing;'
            . ' largest drift after %d warm-up requests, from /proc/PID/status: %d KiB (at most 1024): %s',
            $requests, microtime(true) - $started, $bad, $firstBad !== '' ? " (first: $firstBad)" : '',
            $tally['exact leak'], $tally['nothing'], $tally['wrong'], $firstWrong !== '' ? " (first: $firstWrong)" : '', $tally['missing'],
            $warmup, $worst, implode('; ', $rows)
        ));
    }

    /**
     * VmSize and VmRSS (KiB) of $pid from /proc/PID/status once it sleeps (waiting for the next
     * request; at most 0.2 s): the request it answered has ended by then. Null when it is gone.
     */
    /* The drift of each process past its warm-up: [the largest VmSize or VmRSS drift, in the
     * unit of $per's figures; how many processes were measured; a line per process]. $per maps a
     * pid to ['n' => requests, 'vsz' => drift, 'rss' => drift]; $perKib is how many of those
     * units make a KiB (1024 for bytes, 1 for KiB). */
    private static function driftRows(array $per, int $warmup, int $perKib): array
    {
        $worst = 0;
        $measured = 0;
        $rows = [];
        foreach ($per as $pid => $p) {
            if ($p['n'] <= $warmup) {
                $rows[] = "pid $pid: {$p['n']} requests, not past warm-up";
                continue;
            }
            $measured++;
            $worst = max($worst, $p['vsz'], $p['rss']);
            $rows[] = sprintf('pid %d: %d requests, VmSize %+d KiB, VmRSS %+d KiB', $pid, $p['n'], $p['vsz'] / $perKib, $p['rss'] / $perKib);
        }
        return [$worst, $measured, $rows];
    }

    private static function idleMem(int $pid): ?array
    {
        for ($deadline = microtime(true) + 0.2; (Proc::stat($pid)['state'] ?? 'S') !== 'S' && microtime(true) < $deadline;) {
            usleep(500);
        }
        return Proc::mem($pid);
    }

    /**
     * The JSON leak reports (memory.report_format=json) in a server's log, keyed "PID/REQUEST":
     * php -S writes them as lines of their own, php-fpm's children after "PHP message: ".
     *
     * @return array<string, array>
     */
    private static function leakReports(string $log): array
    {
        $reports = [];
        foreach (explode("\n", $log) as $line) {
            $at = strpos($line, '{"pid":');
            if ($at === false) {
                continue;
            }
            $report = json_decode(substr($line, $at), true);
            if (is_array($report) && isset($report['pid'], $report['request']) && array_key_exists('leaks', $report)) {
                $reports["{$report['pid']}/{$report['request']}"] = $report;
            }
        }
        return $reports;
    }

    /**
     * The leak cap under load: 2 MiB malloc leaks with memory.max_leak=32M. Per process, the
     * first 16 succeed and reach the cap exactly; every later one must come back as the page's
     * JSON with the cap's error, while VmSize stays where it was at the cap. The run goes on until
     * every process has refused at least $refusals requests (at most $max requests).
     */
    private function maxLeak(string $kind, array $options, int $refusals, int $max): void
    {
        $name = "$kind memory.max_leak=32M";
        $cap = 32 * self::MIB;
        $server = Server::start($kind, $options + ['ini' => ['memory.max_leak' => '32M']]);
        try {
            $per = [];
            $bad = 0;
            $firstBad = '';
            $sent = 0;
            $expected = max(1, (int) ($options['children'] ?? 1));
            while ($sent < $max) {
                Signals::check();
                $sent++;
                $r = $server->request('/leak.php', ['allocator' => 'malloc']);
                $j = self::pageJson($r);
                if ($j === null) {
                    $bad++;
                    $firstBad = $firstBad ?: self::excerpt($r);
                    continue;
                }
                $pid = $j['pid'];
                $p = $per[$pid] ?? ['ok' => 0, 'refused' => 0, 'wrong' => 0, 'first' => null, 'atCap' => null, 'vszGrowth' => 0, 'leaked' => 0];
                $p['first'] ??= $j['stats']['vsz'];
                $leaked = $j['stats']['leaked_malloc'];
                if ($j['error'] === null) {
                    $p['ok']++;
                    if ($p['refused'] > 0) {
                        $p['wrong']++; /* a success after a refusal: the cap did not hold */
                    }
                } elseif (str_contains($j['error'], 'would exceed memory.max_leak')) {
                    $p['refused']++;
                    $p['atCap'] ??= $j['stats']['vsz'];
                    $p['vszGrowth'] = max($p['vszGrowth'], $j['stats']['vsz'] - $p['atCap']);
                } else {
                    $p['wrong']++;
                    $firstBad = $firstBad ?: $j['error'];
                }
                $p['leaked'] = max($p['leaked'], $leaked);
                $per[$pid] = $p;
                if (count($per) >= $expected && min(array_column($per, 'refused')) >= $refusals) {
                    break;
                }
            }
            $none = self::pageJson($server->request('/leak.php', ['allocator' => 'none']));
            $emalloc = self::pageJson($server->request('/leak.php', ['allocator' => 'emalloc', 'bytes' => self::MIB]));
            $others = $none !== null && $none['error'] === null && $emalloc !== null && $emalloc['error'] === null;
            $alive = $server->running();
        } finally {
            $server->stop();
        }
        $ok = $bad === 0 && $alive && $others && count($per) >= $expected;
        $rows = [];
        foreach ($per as $pid => $p) {
            /* The 15 leaks after the first one really grew the process: the reading can see growth. */
            $toCap = $p['atCap'] === null ? 0 : $p['atCap'] - $p['first'];
            $ok = $ok && $p['ok'] === intdiv($cap, 2 * self::MIB) && $p['wrong'] === 0 && $p['refused'] >= $refusals
                && $p['leaked'] === $cap && $toCap >= 15 * 2 * self::MIB && $p['vszGrowth'] <= self::MIB;
            $rows[] = sprintf('pid %d: %d leaked, %d refused, %d wrong, leaked_malloc %d MiB, VmSize %+d KiB up to the cap and %+d KiB after it',
                $pid, $p['ok'], $p['refused'], $p['wrong'], $p['leaked'] / self::MIB, $toCap / self::KIB, $p['vszGrowth'] / self::KIB);
        }
        $this->check($name, $ok, sprintf(
            '%d requests, %d without the JSON answer%s; other pages after it: %s; %s',
            $sent, $bad, $firstBad !== '' ? " (first: $firstBad)" : '', $others ? 'served' : 'NOT served', implode('; ', $rows)
        ));
    }

    /**
     * A request that dies on memory_limit (16M) in the middle of its emalloc leaks, between a
     * 1 MiB malloc leak before it and a plain request after it. The process that served all three
     * must be the same one, still alive, with leaked_malloc 1 MiB, its request counter two further
     * on, and nothing of the dead request's emalloc left.
     */
    private function memoryLimit(string $kind, array $options): void
    {
        $name = "$kind memory_limit fatal";
        Signals::check();
        $server = Server::start($kind, $options + ['ini' => ['memory_limit' => '16M']]);
        try {
            $before = self::pageJson($server->request('/leak.php', ['allocator' => 'malloc', 'bytes' => self::MIB]));
            $fatal = $server->request('/leak.php', ['allocator' => 'emalloc', 'bytes' => 4 * self::MIB, 'count' => 10]);
            $after = self::pageJson($server->request('/leak.php', ['allocator' => 'none']));
            $alive = $server->running();
            $log = $server->log();
        } finally {
            $server->stop();
        }
        $died = str_contains($fatal['body'] . $log . ($fatal['stderr'] ?? ''), 'Allowed memory size of 16777216 bytes exhausted');
        $ok = $before !== null && $after !== null && $alive && $died
            && $after['pid'] === $before['pid']
            && $after['stats']['request'] === $before['stats']['request'] + 2
            && $after['stats']['leaked_malloc'] === self::MIB
            && $after['stats']['leaked_emalloc'] === 0;
        $this->check($name, $ok, sprintf(
            'fatal request: %s, "Allowed memory size" %s; next request: %s',
            'status ' . $fatal['status'], $died ? 'reported' : 'NOT reported',
            $after === null ? 'no JSON answer' : sprintf('pid %s (before: %s), request %d (before: %d), leaked_malloc %d B, leaked_emalloc %d B, server %s',
                $after['pid'], $before['pid'] ?? '?', $after['stats']['request'], $before['stats']['request'] ?? -1,
                $after['stats']['leaked_malloc'], $after['stats']['leaked_emalloc'], $alive ? 'alive' : 'gone')
        ));
    }

    /**
     * SIGKILL to a php-fpm child in the middle of a request (hold.php leaks 2 MiB, then waits).
     * The master must replace it; the replacement's first answer says request 1 and no leak.
     */
    private function fpmSigkill(array $options): void
    {
        $name = 'fpm SIGKILL mid-request';
        Signals::check();
        /* hold.php writes the pid of the child that serves it into this private folder, named
         * in the environment php-fpm and its children inherit (not in the request). */
        $holdDir = RunDir::sub('hold');
        $pidFile = "$holdDir/hold.pid";
        putenv(self::HOLD_DIR_ENV . "=$holdDir");
        try {
            $server = Server::start('fpm', $options);
        } finally {
            putenv(self::HOLD_DIR_ENV);
        }
        $client = null;
        try {
            $children = $server->children();
            /* The slow request, in the background, so that the soak can act while it runs. */
            $client = self::startHold($server);
            $victim = 0;
            for ($deadline = microtime(true) + 5; $victim === 0 && microtime(true) < $deadline;) {
                Signals::sleep(0.005);
                $victim = (int) @file_get_contents($pidFile);
            }
            /* Only ever one of this pool's own children. */
            if (!in_array($victim, $server->children(), true)) {
                $victim = 0;
            }
            $killedAt = microtime(true);
            if ($victim > 0) {
                Proc::kill($victim, Proc::SIGKILL);
            }
            $answer = self::finishHold($client, 15);
            $client = null;
            $clientWaited = microtime(true) - $killedAt;
            /* The master forks the replacement when it reaps the child. */
            $replacement = 0;
            for ($deadline = microtime(true) + 5; $replacement === 0 && microtime(true) < $deadline;) {
                Signals::sleep(0.01);
                $new = array_diff($server->children(), $children);
                $replacement = $new ? (int) reset($new) : 0;
            }
            $first = null;
            $sent = 0;
            while ($replacement > 0 && $first === null && $sent < 200) {
                Signals::check();
                $sent++;
                $j = self::pageJson($server->request('/leak.php', ['allocator' => 'none']));
                if ($j !== null && $j['pid'] === $replacement) {
                    $first = $j;
                }
            }
            $alive = $server->running();
            $count = count($server->children());
            $log = $server->log();
        } finally {
            if ($client !== null) {
                self::finishHold($client, 0);
            }
            $server->stop();
            RunDir::remove($holdDir);
        }
        $reaped = str_contains($log, "child $victim exited on signal 9");
        $ok = $victim > 0 && $reaped && $replacement > 0 && $first !== null && $alive && $count === 4
            && $first['stats']['request'] === 1 && $first['stats']['leaked_malloc'] === 0
            && !str_contains($answer, '"held"');
        $this->check($name, $ok, sprintf(
            'killed child %d; client got %d bytes after %.2f s; master log %s; replacement %s%s; %d children',
            $victim, strlen($answer), $clientWaited, $reaped ? '"exited on signal 9"' : 'says nothing',
            $replacement ?: 'none',
            $first === null ? ", never answered in $sent requests" : sprintf(' answered the request number %d sent after the kill: request %d, leaked_malloc %d B',
                $sent, $first['stats']['request'], $first['stats']['leaked_malloc']),
            $count
        ));
    }

    /**
     * Starts cgi-fcgi with a request for hold.php (10 s) to $server, in the background; its
     * stdout is a non-blocking pipe. Returns [process, stdout pipe].
     *
     * @return array{0: resource, 1: resource}
     */
    private static function startHold(Server $server): array
    {
        $client = Php::cgiFcgi() ?? throw new \RuntimeException('cgi-fcgi is not installed (Debian: libfcgi-bin)');
        $script = dirname(__DIR__) . '/pages/hold.php';
        /* cgi-fcgi sends its whole environment as the request's parameters: only these. */
        $process = proc_open(
            [$client, '-bind', '-connect', "127.0.0.1:{$server->port}"],
            [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes,
            null,
            ['SCRIPT_FILENAME' => $script, 'REQUEST_METHOD' => 'GET', 'QUERY_STRING' => 'seconds=10', 'PATH' => (string) getenv('PATH')]
        );
        if ($process === false) {
            throw new \RuntimeException("cannot run $client");
        }
        stream_set_blocking($pipes[1], false);
        return [$process, $pipes[1]];
    }

    /**
     * Waits up to $timeout seconds (less after Ctrl-C) for the background client to end, then
     * stops it by pid (SIGKILL) if it still runs; returns what it wrote.
     *
     * @param array{0: resource, 1: resource} $client
     */
    private static function finishHold(array $client, float $timeout): string
    {
        [$process, $stdout] = $client;
        $answer = '';
        $deadline = microtime(true) + $timeout;
        while (proc_get_status($process)['running'] && microtime(true) < $deadline && Signals::caught() === null) {
            $answer .= (string) stream_get_contents($stdout);
            usleep(10000);
        }
        $status = proc_get_status($process);
        if ($status['running']) {
            Proc::kill($status['pid'], Proc::SIGKILL);
        }
        $answer .= (string) stream_get_contents($stdout);
        fclose($stdout);
        proc_close($process);
        return $answer;
    }
}
