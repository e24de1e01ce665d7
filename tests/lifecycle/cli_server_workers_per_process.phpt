--TEST--
php -S with PHP_CLI_SERVER_WORKERS=3: malloc growth is per process, 2,052 KiB x the requests each process served
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Server;
use function MemoryLab\{measure, pid_file, proc_mem};

Server::trackPidsIn(pid_file('cli_server_workers_per_process'));
$server = Server::start('cli-server', ['workers' => 3]);

// The master forks 3 workers and then serves on the same socket too: 4 processes accept.
$processes = array_merge([$server->pid()], $server->children());
echo 'forked workers: ', count($processes) - 1, "\n";

// A process's first request maps more than its leak (the request's own first-time setup):
// warm the processes up with 1-byte leaks until each has served one, so baselines are steady.
// Which process accepts is the kernel's choice; on a loaded machine one may go unpicked for
// hundreds of requests, so the test needs only two warmed processes to show the split.
$warm = [];
for ($i = 0; $i < 400 && count($warm) < count($processes); $i++) {
    $warm[measure($server, 1, ['alloc' => 'malloc', 'bytes' => 1])[0]['pid']] = true;
}
echo 'at least two processes served a warm-up request: ', count($warm) >= 2 ? 'yes' : 'no', "\n";
$before = [];
foreach ($processes as $pid) {
    $before[$pid] = proc_mem($pid)['vsz_kb'];
}

// Which process accepts a connection is up to the kernel: count what each one served.
$rows = measure($server, 20, ['alloc' => 'malloc']);
$served = array_fill_keys($processes, 0);
foreach ($rows as $row) {
    if (!isset($served[$row['pid']])) {
        echo "request served by pid {$row['pid']}, not one of the server's processes\n";
        continue;
    }
    $served[$row['pid']]++;
}
echo "requests served by the master and its workers: ", array_sum($served), "\n";

// Each warmed process grew by 2,052 KiB per request it served, ±1%, and one that served none
// stayed put; a process that was never warmed up grew by at least that much.
$ok = true;
foreach ($served as $pid => $n) {
    $growth = proc_mem($pid)['vsz_kb'] - $before[$pid];
    $expected = 2052 * $n;
    $off = isset($warm[$pid]) ? abs($growth - $expected) > max(8, $expected * 0.01) : $growth < $expected;
    if ($off) {
        echo "pid $pid served $n requests and grew by $growth KiB, expected $expected KiB ±1%\n";
        $ok = false;
    }
}
echo 'every process grew by 2052 KiB x the requests it served, ±1%: ', $ok ? 'yes' : 'no', "\n";
$server->stop();
?>
--CLEAN--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\stop_pids(MemoryLab\pid_file('cli_server_workers_per_process'));
?>
--EXPECT--
forked workers: 3
at least two processes served a warm-up request: yes
requests served by the master and its workers: 20
every process grew by 2052 KiB x the requests it served, ±1%: yes
