--TEST--
lab (browser): ./memlab lab in Debian's chromium: 5 presses of malloc 2M raise the page's VIRT of php -S by 5 x 2,052 KiB and the last request's readout says +2,052 KiB, emalloc keeps it flat (+0 KiB), the charts' time labels carry seconds and do not overlap, bad input is answered beside the button, the worker dies on memory_limit and restarts, its stale error cleared, closing the tab stops everything
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'fpm', 'cgi-fcgi', 'node', 'chromium');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Build;
use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

/*
 * The PHP half: starts `memlab lab` on a free port, runs tests/ui/browser.mjs (the browser half,
 * which prints its claims) against it, then checks that closing the last tab stopped the lab and
 * every process the page showed. Every process it started is stopped by pid in every outcome:
 * the lab (which stops its servers and node), node with chromium, and any chromium process left
 * on the test's private profile.
 */
$root = Build::root();
if (!is_file("$root/lab/ui/node_modules/playwright-core/package.json") || !is_file("$root/lab/ui/node_modules/uplot/package.json")) {
    exit("lab/ui/node_modules is not installed: npm ci --prefix lab/ui (./memlab test does it)\n");
}
$dir = RunDir::sub('ui');
$profile = "$dir/profile";
mkdir($profile, 0700);
/* The screenshots go to out/ui/ (ignored by git) when this user may write there. */
$shots = "$root/out/ui";
if (!(is_dir($shots) || @mkdir($shots, 0777, true)) || !is_writable($shots)) {
    $shots = "$dir/shots";
    mkdir($shots, 0700);
}
$port = Proc::freePort();
$log = "$dir/lab.log";
$lab = proc_open(
    [PHP_BINARY, "$root/lab/memlab.php", 'lab', '--port', (string) $port],
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']],
    $pipes, $root, ['MEMORY_SO' => Php::memorySo()] + getenv()
);
$labPid = proc_get_status($lab)['pid'];

/* The pids of chromium's processes on this test's profile. */
$chromium = fn () => array_values(array_filter(Proc::pids(),
    fn (int $pid) => str_contains(implode(' ', Proc::cmdline($pid) ?? []), $profile)));

$status = null;
try {
    $url = null;
    for ($deadline = microtime(true) + 60; microtime(true) < $deadline; usleep(50000)) {
        if (preg_match('~memlab lab: open (http://127\.0\.0\.1:\d+/)~', (string) file_get_contents($log), $m)) {
            $url = $m[1];
            break;
        }
        if (!proc_get_status($lab)['running']) {
            break;
        }
    }
    if ($url === null) {
        throw new RuntimeException("memlab lab did not start:\n" . file_get_contents($log));
    }
    echo "memlab lab serves its page on the port asked: ", var_export($url === "http://127.0.0.1:$port/", true), "\n";

    $node = Php::find('node') ?? 'node';
    $run = Exec::run([$node, __DIR__ . '/browser.mjs', $url, $shots, $profile, "$dir/pids.json"], 240);
    echo $run['stdout'];
    if ($run['status'] !== 0) {
        echo "browser.mjs: status {$run['status']}\n{$run['stderr']}\nthe lab's log:\n", file_get_contents($log);
    }

    /* The browser is closed: the lab stops once no tab has come back for 5 s. */
    for ($deadline = microtime(true) + 30; ($s = proc_get_status($lab))['running'] && microtime(true) < $deadline; usleep(50000)) {
    }
    $status = $s['running'] ? 'still running' : $s['exitcode'];
    echo "closing the last tab stopped the lab: exit status $status\n";
    $pids = json_decode((string) @file_get_contents("$dir/pids.json"), true) ?: [];
    echo count($pids) >= 5 ? 'every process the page showed' : 'too few processes shown (' . count($pids) . ')',
        ' is gone: ', var_export(array_filter($pids, [Proc::class, 'alive']) === [], true),
        ', nothing listens on the page\'s port: ', var_export(Proc::portFree($port), true),
        ', no chromium left: ', var_export($chromium() === [], true), "\n";
} finally {
    if ($status === null || $status === 'still running') {
        Proc::kill($labPid, Proc::SIGTERM);
        for ($deadline = microtime(true) + 20; proc_get_status($lab)['running'] && microtime(true) < $deadline; usleep(50000)) {
        }
        Proc::kill($labPid, Proc::SIGKILL);
    }
    proc_close($lab);
    foreach ($chromium() as $pid) {
        Proc::kill($pid, Proc::SIGKILL);
    }
}
?>
--EXPECTF--
memlab lab serves its page on the port asked: true
lifecycles: cli-server, fpm, worker
every lifecycle has its sentences under it: true
php -S: the plain request was served by the server pid: true
php -S: 5 x malloc 2M: the page's VIRT of pid %d rose by 10,260 KiB = 5 x 2,052 KiB: true
php -S: the last request's readout: last request (N): VIRT +2,052 KiB, RES R KiB on pid SERVER: true
php -S: the page's VIRT is /proc/%d/status's VmSize: true
php -S: the VIRT chart has a line for pid %d: true
php -S: 5 x emalloc 2M: VIRT stayed flat: true (0 KiB)
php -S: the last request's readout: last request (N): VIRT +0 KiB, RES R KiB on pid SERVER: true
php -S: the charts' time labels read like %d:%d:%d: true, none overlap: true; the hover legend's time has seconds: true
bad input, size "abc": refused: true; beside the button, in red: true: size: "abc" given; expected a size in bytes, such as 400, 64K, 2M or 1G
bad input, size "1.5M": refused: true; beside the button, in red: true: size: "1.5M" given; expected a size in bytes, such as 400, 64K, 2M or 1G
bad input, count "0": refused: true; beside the button, in red: true: count must be at least 1
bad input, count "-5": refused: true; beside the button, in red: true: count must be at least 1
bad input, count "two": refused: true; beside the button, in red: true: count must be an integer
bad input, a size 1 MiB beyond memory.max_leak: refused: true; beside the button, in red: true: leak_malloc(): Leaking %d bytes would exceed memory.max_leak (%d bytes): this process has already leaked %d bytes through malloc and pemalloc
after the bad input the samples and the charts go on: true
php-fpm: a recycled child is listed with its requests and peak: true
php-fpm: its line stays on the VIRT chart, finished: true
worker: dead after %d presses of emalloc 2M: badge "dead", the fatal shown: true, a restart button: true
worker: a press while dead is answered beside the button: true
a second tab shows the same requests and the dead worker: true
worker: restarted from the page, a new pid serves: true
worker: running again, the stale error beside the leak button is gone: true
loaded nothing from outside the lab: true
no JavaScript error on the page: true
closing the last tab stopped the lab: exit status 0
every process the page showed is gone: true, nothing listens on the page's port: true, no chromium left: true
