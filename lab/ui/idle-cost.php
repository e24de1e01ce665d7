<?php

/*
 * What `./memlab lab` costs while nobody presses anything: starts it (every lifecycle there
 * is, on a free port), opens one event stream as a tab would, lets it settle for 3 s, then
 * reads the CPU time (utime + stime, /proc/PID/stat, in clock ticks) of the memlab PHP process
 * (the measuring loop) and of node (the page's server) over SECONDS, and prints both as a share
 * of one core, with the number of sample events the stream received. Stops everything it
 * started, by pid.
 *
 * Usage: php lab/ui/idle-cost.php [SECONDS]   (default 30; MEMORY_SO=... to skip the build)
 */

declare(strict_types=1);

require_once __DIR__ . '/../autoload.php';

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

$seconds = (float) ($argv[1] ?? 30);
if ($seconds <= 0) {
    fwrite(STDERR, "idle-cost.php: SECONDS must be above 0\n");
    exit(2);
}
$ticks = (int) trim((string) shell_exec('getconf CLK_TCK')) ?: 100;

/* utime + stime of a process, in seconds. */
$cpu = static function (int $pid) use ($ticks): float {
    $stat = (string) @file_get_contents("/proc/$pid/stat");
    $f = explode(' ', substr($stat, (int) strrpos($stat, ')') + 2));
    return ((int) ($f[11] ?? 0) + (int) ($f[12] ?? 0)) / $ticks;
};
/* Every live process below $pid. */
$below = static function (int $pid): array {
    $all = [];
    for ($parents = [$pid]; $parents !== [];) {
        $children = array_merge(...array_map([Proc::class, 'children'], $parents));
        $all = array_merge($all, $children);
        $parents = $children;
    }
    return $all;
};

$port = Proc::freePort();
$err = RunDir::sub('idle') . '/err';
$lab = proc_open([PHP_BINARY, __DIR__ . '/../memlab.php', 'lab', '--port', (string) $port],
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', $err, 'w'], 2 => ['file', $err, 'a']], $pipes);
$pid = proc_get_status($lab)['pid'];
$pids = [];
try {
    for ($deadline = microtime(true) + 300; !str_contains((string) file_get_contents($err), "open http://127.0.0.1:$port/"); usleep(50000)) {
        if (microtime(true) > $deadline || !proc_get_status($lab)['running']) {
            throw new RuntimeException("memlab lab did not start:\n" . file_get_contents($err));
        }
    }
    $pids = $below($pid);
    $node = current(array_filter($pids, fn (int $p) => str_contains(implode(' ', Proc::cmdline($p) ?? []), 'server.mjs')));
    $sse = stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 10);
    fwrite($sse, "GET /events HTTP/1.0\r\nHost: 127.0.0.1:$port\r\n\r\n");
    $received = '';
    $read = static function (float $for) use ($sse, &$received): void {
        for ($end = microtime(true) + $for; microtime(true) < $end;) {
            $r = [$sse];
            $none = null;
            if (stream_select($r, $none, $none, 0, 200000) > 0) {
                $received .= (string) fread($sse, 65536);
            }
        }
    };
    $read(3);
    $before = strlen($received);
    $t0 = microtime(true);
    [$php0, $node0] = [$cpu($pid), $cpu($node)];
    $read($seconds);
    $elapsed = microtime(true) - $t0;
    [$php1, $node1] = [$cpu($pid), $cpu($node)];
    $samples = substr_count(substr($received, $before), '"type":"sample"');
    $lifecycles = preg_match('/"type":"hello".*?"lifecycles":(\[.*?\])\}/', $received, $m) ? implode(', ', array_column(json_decode($m[1], true) ?? [], 'id')) : '?';
    printf("memlab lab idle for %.1f s (lifecycles: %s; one event stream open, %d sample events received):\n", $elapsed, $lifecycles, $samples);
    printf("  the measuring loop (memlab's PHP, pid %d): %.2f s of CPU, %.2f%% of a core\n", $pid, $php1 - $php0, 100 * ($php1 - $php0) / $elapsed);
    printf("  the page's server (node, pid %d):          %.2f s of CPU, %.2f%% of a core\n", $node, $node1 - $node0, 100 * ($node1 - $node0) / $elapsed);
    printf("  together: %.2f%% of a core (goal: under 1%%)%s\n", 100 * ($php1 - $php0 + $node1 - $node0) / $elapsed,
        ($php1 - $php0 + $node1 - $node0) / $elapsed < 0.01 ? '' : '  MISSED');
} finally {
    foreach (array_merge([$pid], $pids, $below($pid)) as $p) {
        if (Proc::alive($p)) {
            Proc::kill($p, Proc::SIGTERM);
        }
    }
    proc_close($lab);
}
