<?php

/*
 * ./memlab soak: bounded load and fault runs against php -S and php-fpm on 127.0.0.1.
 *
 *   emalloc drift  N requests that leak through emalloc; VmSize and VmRSS of every serving
 *                  process may move at most 1 MiB after its warm-up requests
 *   max_leak cap   malloc leaks under memory.max_leak=32M: growth stops at the cap, every later
 *                  request gets the page's JSON error, other pages are still served
 *   memory_limit   a request that dies on memory_limit inside leak_emalloc(): the server lives,
 *                  the next request succeeds, the process counters are still right
 *   SIGKILL        a php-fpm child killed in the middle of a request is replaced, and the
 *                  replacement starts with fresh counters (request 1, nothing leaked)
 *
 * Each check prints PASS or FAIL with what it measured; the last line is "N passed, N failed".
 * Every process it starts is stopped by pid (tests/inc/memlab.inc), on failure too.
 */

namespace MemoryLab;

require_once __DIR__ . '/../../tests/inc/memlab.inc';

const KIB = 1024;
const MIB = 1024 * 1024;

/* The outcome of every check so far. */
final class Checks
{
    public static int $passed = 0;
    public static int $failed = 0;

    /* Prints one check's verdict and what it measured. */
    public static function check(string $name, bool $ok, string $detail): void
    {
        $ok ? self::$passed++ : self::$failed++;
        printf("%s %s: %s\n", $ok ? 'PASS' : 'FAIL', $name, $detail);
    }
}

/* Decodes the leak page's answer; null unless it is a 200 with the page's JSON. */
function page_json(array $response): ?array
{
    if ($response['status'] !== 200) {
        return null;
    }
    $data = json_decode($response['body'], true);
    return is_array($data) && isset($data['pid'], $data['stats']) ? $data : null;
}

/* A short, one-line excerpt of a response, for a verdict. */
function excerpt(array $response): string
{
    return 'status ' . $response['status'] . ', ' . substr(trim(preg_replace('/\s+/', ' ', $response['body'])), 0, 160);
}

/*
 * emalloc drift: $requests requests that each leak 8 x 256 KiB through emalloc (blocks that
 * live in the Zend MM's 2 MiB chunks). Each answer carries memory_stats() of the process that
 * served it, taken after the leak; per pid, the first $warmup answers are the warm-up and the
 * last of them the baseline. Drift is the largest VmSize and VmRSS seen after it, minus it.
 */
function soak_emalloc_drift(string $kind, array $options, int $requests, int $warmup): void
{
    $name = "$kind emalloc drift";
    $started = microtime(true);
    $server = Server::start($kind, $options);
    try {
        $per = [];
        $bad = 0;
        $firstBad = '';
        for ($i = 0; $i < $requests; $i++) {
            $r = $server->request('/leak.php', ['alloc' => 'emalloc', 'bytes' => 256 * KIB, 'count' => 8]);
            $j = page_json($r);
            if ($j === null || $j['error'] !== null || $j['result'] !== 8 * 256 * KIB) {
                $bad++;
                $firstBad = $firstBad ?: excerpt($r);
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
    $worst = 0;
    $rows = [];
    $measured = 0;
    foreach ($per as $pid => $p) {
        if ($p['n'] <= $warmup) {
            $rows[] = "pid $pid: {$p['n']} requests, not past warm-up";
            continue;
        }
        $measured++;
        $worst = max($worst, $p['vsz'], $p['rss']);
        $rows[] = sprintf('pid %d: %d requests, VmSize %+d KiB, VmRSS %+d KiB', $pid, $p['n'], $p['vsz'] / KIB, $p['rss'] / KIB);
    }
    $ok = $bad === 0 && $alive && $measured > 0 && $worst <= MIB;
    Checks::check($name, $ok, sprintf(
        '%d requests in %.1f s, %d failed%s; largest drift after %d warm-up requests %d KiB (at most 1024): %s',
        $requests, microtime(true) - $started, $bad, $firstBad !== '' ? " (first: $firstBad)" : '',
        $warmup, $worst / KIB, implode('; ', $rows)
    ));
}

/*
 * The leak cap under load: 2 MiB malloc leaks with memory.max_leak=32M. Per process, the
 * first 16 succeed and reach the cap exactly; every later one must come back as the page's
 * JSON with the cap's error, while VmSize stays where it was at the cap. The run goes on until
 * every process has refused at least $refusals requests (at most $max requests).
 */
function soak_max_leak(string $kind, array $options, int $refusals, int $max): void
{
    $name = "$kind memory.max_leak=32M";
    $cap = 32 * MIB;
    $server = Server::start($kind, $options + ['ini' => ['memory.max_leak' => '32M']]);
    try {
        $per = [];
        $bad = 0;
        $firstBad = '';
        $sent = 0;
        $expected = max(1, (int) ($options['children'] ?? 1));
        while ($sent < $max) {
            $sent++;
            $r = $server->request('/leak.php', ['alloc' => 'malloc']);
            $j = page_json($r);
            if ($j === null) {
                $bad++;
                $firstBad = $firstBad ?: excerpt($r);
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
        $none = page_json($server->request('/leak.php', ['alloc' => 'none']));
        $emalloc = page_json($server->request('/leak.php', ['alloc' => 'emalloc', 'bytes' => MIB]));
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
        $ok = $ok && $p['ok'] === intdiv($cap, 2 * MIB) && $p['wrong'] === 0 && $p['refused'] >= $refusals
            && $p['leaked'] === $cap && $toCap >= 15 * 2 * MIB && $p['vszGrowth'] <= MIB;
        $rows[] = sprintf('pid %d: %d leaked, %d refused, %d wrong, leaked_malloc %d MiB, VmSize %+d KiB up to the cap and %+d KiB after it',
            $pid, $p['ok'], $p['refused'], $p['wrong'], $p['leaked'] / MIB, $toCap / KIB, $p['vszGrowth'] / KIB);
    }
    Checks::check($name, $ok, sprintf(
        '%d requests, %d without the JSON answer%s; other pages after it: %s; %s',
        $sent, $bad, $firstBad !== '' ? " (first: $firstBad)" : '', $others ? 'served' : 'NOT served', implode('; ', $rows)
    ));
}

/*
 * A request that dies on memory_limit (16M) in the middle of its emalloc leaks, between a
 * 1 MiB malloc leak before it and a plain request after it. The process that served all three
 * must be the same one, still alive, with leaked_malloc 1 MiB, its request counter two further
 * on, and nothing of the dead request's emalloc left.
 */
function soak_memory_limit(string $kind, array $options): void
{
    $name = "$kind memory_limit fatal";
    $server = Server::start($kind, $options + ['ini' => ['memory_limit' => '16M']]);
    try {
        $before = page_json($server->request('/leak.php', ['alloc' => 'malloc', 'bytes' => MIB]));
        $fatal = $server->request('/leak.php', ['alloc' => 'emalloc', 'bytes' => 4 * MIB, 'count' => 10]);
        $after = page_json($server->request('/leak.php', ['alloc' => 'none']));
        $alive = $server->running();
        $log = $server->log();
    } finally {
        $server->stop();
    }
    $died = str_contains($fatal['body'] . $log . ($fatal['stderr'] ?? ''), 'Allowed memory size of 16777216 bytes exhausted');
    $ok = $before !== null && $after !== null && $alive && $died
        && $after['pid'] === $before['pid']
        && $after['stats']['request'] === $before['stats']['request'] + 2
        && $after['stats']['leaked_malloc'] === MIB
        && $after['stats']['leaked_emalloc'] === 0;
    Checks::check($name, $ok, sprintf(
        'fatal request: %s, "Allowed memory size" %s; next request: %s',
        'status ' . $fatal['status'], $died ? 'reported' : 'NOT reported',
        $after === null ? 'no JSON answer' : sprintf('pid %s (before: %s), request %d (before: %d), leaked_malloc %d B, leaked_emalloc %d B, server %s',
            $after['pid'], $before['pid'] ?? '?', $after['stats']['request'], $before['stats']['request'] ?? -1,
            $after['stats']['leaked_malloc'], $after['stats']['leaked_emalloc'], $alive ? 'alive' : 'gone')
    ));
}

/*
 * SIGKILL to a php-fpm child in the middle of a request (hold.php leaks 2 MiB, then waits).
 * The master must replace it; the replacement's first answer says request 1 and no leak.
 */
function soak_fpm_sigkill(array $options): void
{
    $name = 'fpm SIGKILL mid-request';
    $server = Server::start('fpm', $options);
    $client = null;
    try {
        $children = $server->children();
        /* The slow request, by hand, so that this script can act while it runs. It writes
         * the pid of the child that serves it to $pidFile once its leak is done. */
        $tag = getmypid() . '-' . bin2hex(random_bytes(4));
        $pidFile = sys_get_temp_dir() . "/memlab-hold-$tag.pid";
        $script = realpath(__DIR__ . '/pages/hold.php');
        $client = proc_open(
            [cgi_fcgi_binary(), '-bind', '-connect', "127.0.0.1:{$server->port}"],
            [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes, null,
            ['SCRIPT_FILENAME' => $script, 'REQUEST_METHOD' => 'GET', 'QUERY_STRING' => "seconds=10&tag=$tag",
                'PATH' => (string) getenv('PATH')]
        );
        $victim = 0;
        for ($deadline = microtime(true) + 5; $victim === 0 && microtime(true) < $deadline; usleep(5000)) {
            $victim = (int) @file_get_contents($pidFile);
        }
        @unlink($pidFile);
        /* Only ever one of this pool's own children. */
        if (!in_array($victim, $server->children(), true)) {
            $victim = 0;
        }
        $killedAt = microtime(true);
        if ($victim > 0) {
            posix_kill_pid($victim, SIG_KILL);
        }
        $answer = stream_get_contents($pipes[1]);
        fclose($pipes[1]);
        proc_close($client);
        $client = null;
        $clientWaited = microtime(true) - $killedAt;
        /* The master forks the replacement when it reaps the child. */
        $replacement = 0;
        for ($deadline = microtime(true) + 5; $replacement === 0 && microtime(true) < $deadline; usleep(10000)) {
            $new = array_diff($server->children(), $children);
            $replacement = $new ? (int) reset($new) : 0;
        }
        $first = null;
        $sent = 0;
        while ($replacement > 0 && $first === null && $sent < 200) {
            $sent++;
            $j = page_json($server->request('/leak.php', ['alloc' => 'none']));
            if ($j !== null && $j['pid'] === $replacement) {
                $first = $j;
            }
        }
        $alive = $server->running();
        $count = count($server->children());
        $log = $server->log();
    } finally {
        if ($client !== null) {
            proc_terminate($client, SIG_KILL);
            proc_close($client);
        }
        $server->stop();
    }
    $reaped = str_contains($log, "child $victim exited on signal 9");
    $ok = $victim > 0 && $reaped && $replacement > 0 && $first !== null && $alive && $count === 4
        && $first['stats']['request'] === 1 && $first['stats']['leaked_malloc'] === 0
        && !str_contains((string) $answer, '"held"');
    Checks::check($name, $ok, sprintf(
        'killed child %d; client got %d bytes after %.2f s; master log %s; replacement %s%s; %d children',
        $victim, strlen((string) $answer), $clientWaited, $reaped ? '"exited on signal 9"' : 'says nothing',
        $replacement ?: 'none',
        $first === null ? ", never answered in $sent requests" : sprintf(' answered the request number %d sent after the kill: request %d, leaked_malloc %d B',
            $sent, $first['stats']['request'], $first['stats']['leaked_malloc']),
        $count
    ));
}

/* The options; see --help. */
function soak_options(array $argv): array
{
    $o = ['requests' => 2000, 'warmup' => 100];
    $args = array_slice($argv, 1);
    while (($arg = array_shift($args)) !== null) {
        if (($arg === '--requests' || $arg === '--warmup') && $args) {
            $arg .= '=' . array_shift($args);
        }
        if ($arg === '--help' || $arg === '-h') {
            echo <<<HELP
Usage: ./memlab soak [--requests N] [--warmup N]

Bounded load and fault runs on 127.0.0.1 against php -S and php-fpm (4 children):
  emalloc drift   N requests (default 2000) that leak 8 x 256 KiB through emalloc; after the
                  first --warmup answers of each process (default 100), its VmSize and VmRSS
                  may move at most 1 MiB
  max_leak cap    2 MiB malloc leaks with memory.max_leak=32M: 16 succeed per process, every
                  later one is answered with the cap's error, other pages are still served
  memory_limit    a request that dies on memory_limit=16M inside leak_emalloc() leaves the
                  server serving, with its process counters right
  SIGKILL         a php-fpm child killed mid-request is replaced; the new child starts at
                  memory_stats()['request'] == 1
Each check prints PASS or FAIL with its numbers; the last line is "N passed, N failed".

HELP;
            exit(0);
        }
        if (preg_match('/^--(requests|warmup)=(\d+)$/', $arg, $m)) {
            $o[$m[1]] = (int) $m[2];
            continue;
        }
        fwrite(STDERR, "soak: unknown argument '$arg' (see --help)\n");
        exit(2);
    }
    if ($o['warmup'] < 1 || $o['requests'] <= $o['warmup']) {
        fwrite(STDERR, "soak: --requests must be larger than --warmup, and --warmup at least 1\n");
        exit(2);
    }
    return $o;
}

$o = soak_options($argv);
$docroot = ['docroot' => __DIR__ . '/pages'];
$fpm4 = $docroot + ['children' => 4];
$started = microtime(true);

soak_emalloc_drift('cli-server', $docroot, $o['requests'], $o['warmup']);
/* php-fpm spreads the requests over its 4 children: each gets about a quarter. */
soak_emalloc_drift('fpm', $fpm4, $o['requests'], max(1, intdiv($o['warmup'], 4)));
soak_max_leak('cli-server', $docroot, 5, 60);
soak_max_leak('fpm', $fpm4, 3, 400);
soak_memory_limit('cli-server', $docroot);
soak_memory_limit('fpm', $docroot + ['children' => 1]);
soak_fpm_sigkill($fpm4);

printf("soak took %.1f s\n", microtime(true) - $started);
printf("%d passed, %d failed\n", Checks::$passed, Checks::$failed);
exit(Checks::$failed === 0 ? 0 : 1);
