--TEST--
php -S with PHP_CLI_SERVER_WORKERS=3: malloc growth is per process, 2,052 KiB x the requests each process served
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Server\Server;
use MemoryLab\Lab\Proc;
use function MemoryLab\Test\measure;

$server = Server::start('cli-server', ['children' => 3]);

// The master forks 3 children and then serves on the same socket too: 4 processes accept.
$processes = array_merge([$server->pid()], $server->children());
echo 'forked children: ', count($processes) - 1, "\n";

// A process's first request maps more than its leak (the request's own first-time setup):
// warm the processes up with 1-byte leaks until each has served one, so baselines are steady.
// Which process accepts is the kernel's choice; on a loaded machine one may go unpicked for
// hundreds of requests, so the test needs only two warmed processes to show the split.
$warm = [];
for ($i = 0; $i < 400 && count($warm) < count($processes); $i++) {
    $warm[measure($server, 1, ['allocator' => 'malloc', 'bytes' => 1])[0]['pid']] = true;
}
echo 'at least two processes served a warm-up request: ', count($warm) >= 2 ? 'yes' : 'no', "\n";
$before = [];
foreach ($processes as $pid) {
    $before[$pid] = Proc::mem($pid)['vsz_kb'];
}

// Which process accepts a connection is up to the kernel: count what each one served. Send
// 20 leaking requests, and 20 more (up to 200 in all) until at least two warmed processes
// have served some, so that the split between processes is really shown. The kernel tends
// to hand the next connection to the process that served the last one, the more so on a
// loaded machine, hence the generous bound.
$served = array_fill_keys($processes, 0);
$sent = 0;
$strangers = 0;
do {
    foreach (measure($server, 20, ['allocator' => 'malloc']) as $row) {
        $sent++;
        if (!isset($served[$row['pid']])) {
            echo "request served by pid {$row['pid']}, not one of the server's processes\n";
            $strangers++;
            continue;
        }
        $served[$row['pid']]++;
    }
    $split = count(array_filter(array_intersect_key($served, $warm)));
} while ($split < 2 && $sent < 200);
echo 'at least two warmed processes served leaking requests: ', $split >= 2 ? 'yes' : "no ($split)", "\n";
echo 'every request was served by the master or one of its children: ', $strangers === 0 ? 'yes' : 'no', "\n";

// Each process grew by 2,052 KiB per request it served, ±1%, and one that served none stayed
// put; a process never warmed up grew by at least that (its first request's setup on top).
$ok = true;
$table = [];
foreach ($served as $pid => $n) {
    $growth = (Proc::mem($pid)['vsz_kb'] ?? 0) - $before[$pid];
    $table[] = sprintf('pid %d: %s, served %d, grew %d KiB', $pid, isset($warm[$pid]) ? 'warmed' : 'not warmed', $n, $growth);
    $expected = 2052 * $n;
    $off = $n > 0 && !isset($warm[$pid])
        ? $growth < $expected
        : abs($growth - $expected) > max(8, $expected * 0.01);
    if ($off) {
        echo "pid $pid served $n requests and grew by $growth KiB, expected $expected KiB ±1%\n";
        $ok = false;
    }
}
echo 'every process grew by 2052 KiB x the requests it served, ±1%: ', $ok ? 'yes' : 'no', "\n";
if (!$ok || $split < 2 || $strangers > 0) {
    echo "warm-up requests: $i; leaking requests: $sent\n", implode("\n", $table), "\n";
}
$server->stop();
?>
--EXPECT--
forked children: 3
at least two processes served a warm-up request: yes
at least two warmed processes served leaking requests: yes
every request was served by the master or one of its children: yes
every process grew by 2052 KiB x the requests it served, ±1%: yes
