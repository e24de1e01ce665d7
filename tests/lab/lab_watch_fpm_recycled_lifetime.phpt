--TEST--
lab: watch --port --pss sees every php-fpm child that pm.max_requests=2 recycles within a second, and prints its lifetime line: first, peak and last VIRT, RES and PSS, the peak 40 MiB above the start
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'fpm', 'cgi-fcgi');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;
use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\{check_between, check_each};

$fpm = Server::start('fpm', ['children' => 1, 'max_requests' => 2]);
$out = RunDir::sub('watch') . '/out';
$watch = proc_open([PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'watch', '--port', (string) $fpm->port, '--pss', '--interval', '20', '--for', '120'],
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', $out, 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$watchPid = proc_get_status($watch)['pid'];
try {
    for ($deadline = microtime(true) + 30; !str_contains((string) file_get_contents($out), 'sum of') && microtime(true) < $deadline; usleep(20000)) {
    }
    // Three children, two requests each; each request emallocs and touches 20 blocks of 2 MiB
    // (huge blocks: mapped for the request, unmapped at its end). Before each request the child
    // idles for 0.4 s, 20 polls of watch (every 20 ms, so a loaded machine that delays a few
    // still leaves many). Each child lives under a second, less than the second
    // after which watch looks for new listeners on the port: it is found as the master's child.
    $served = [];
    for ($i = 0; $i < 6; $i++) {
        usleep(400000);
        $page = $fpm->requestJson('/leak.php', ['allocator' => 'emalloc', 'count' => 20, 'touch' => 1]);
        $served[] = $page['pid'];
    }
    // Every child that served has been recycled: wait until the last one is gone, then give
    // watch a few polls more to see it exit, before Ctrl-C.
    for ($deadline = microtime(true) + 10; array_filter(array_unique($served), [Proc::class, 'alive']) !== [] && microtime(true) < $deadline; usleep(20000)) {
    }
    usleep(400000);
    Proc::kill($watchPid, Proc::SIGINT);
    for ($deadline = microtime(true) + 30; ($status = proc_get_status($watch))['running'] && microtime(true) < $deadline; usleep(20000)) {
    }
    echo 'watch ended by Ctrl-C: exit status ', $status['running'] ? 'still running' : $status['exitcode'], "\n";
} finally {
    if (Proc::alive($watchPid)) {
        Proc::kill($watchPid, Proc::SIGKILL);
    }
    proc_close($watch);
    $fpm->stop();
}

$children = array_values(array_unique($served));
echo 'children that served, two requests each: ', count($children), "\n";
$lives = [];
$pattern = '/^[\d:.]+  pid (\d+) +exited, watched ([\d.]+) s: VIRT first ([\d,]+), peak ([\d,]+), last ([\d,]+) KiB; '
    . 'RES first ([\d,]+), peak ([\d,]+), last ([\d,]+) KiB; PSS first ([\d,]+), peak ([\d,]+), last ([\d,]+) KiB; requests served: unknown \(not visible from outside\)$/m';
preg_match_all($pattern, (string) file_get_contents($out), $m, PREG_SET_ORDER);
foreach ($m as $line) {
    $kib = array_map(fn ($v) => (int) str_replace(',', '', $v), array_slice($line, 3));
    $lives[(int) $line[1]] = ['watched' => (float) $line[2], 'vsz' => array_slice($kib, 0, 3), 'rss' => array_slice($kib, 3, 3), 'pss' => array_slice($kib, 6, 3)];
}
$lived = array_keys($lives);
sort($lived);
$servedSorted = $children;
sort($servedSorted);
echo 'a lifetime line for each of them, and for no other pid: ', var_export($lived === $servedSorted, true), "\n";
if ($lived !== $servedSorted) {
    // What watch printed, so that a failure explains itself.
    echo 'served by ', implode(', ', $children), "; watch's output:\n", file_get_contents($out);
}
// VIRT's peak is VmPeak: the 20 huge blocks, 40,960 KiB above the idle child, and up to 2 MiB
// more for a moment: when the kernel places a huge block's mmap off a 2 MiB boundary, the
// Zend MM unmaps it and maps 2 MiB more to cut an aligned block out of, and VmPeak keeps that.
check_between('VIRT peak minus first', array_map(fn ($l) => $l['vsz'][1] - $l['vsz'][0], $lives), 40960 - 409.6, 40960 + 2048 + 409.6);
// RES's peak is VmHWM: the blocks, touched, and the pages the request itself takes, most of
// them php-fpm's own code, read in at the child's first request: 1.4 MiB of Debian's 8.2
// binary, 2.6 MiB of a debug build's (-O0), 3.4 MiB of a debug ZTS build's; 1.9 to 2.3 MiB in
// all on PHP 8.2 and 8.4, 2.2 to 5.1 MiB on 8.5 and 8.6.
$own = (PHP_VERSION_ID >= 80500 ? 8192 : 4096) + (ZEND_DEBUG_BUILD ? 1024 : 0) + (PHP_ZTS ? 1024 : 0);
check_between('RES peak minus first', array_map(fn ($l) => $l['rss'][1] - $l['rss'][0], $lives), 40960, 40960 + $own);
echo 'PSS first <= peak, last <= peak: ', var_export(array_filter($lives, fn ($l) => $l['pss'][0] > $l['pss'][1] || $l['pss'][2] > $l['pss'][1]) === [], true), "\n";
?>
--EXPECTF--
watch ended by Ctrl-C: exit status 0
children that served, two requests each: 3
a lifetime line for each of them, and for no other pid: true
VIRT peak minus first: each of 3 within 40550.40 to 43417.60 KiB
RES peak minus first: each of 3 within 40960 to %d KiB
PSS first <= peak, last <= peak: true
