--TEST--
lab: with another user's leftovers at the old fixed temp paths, each server keeps its files in a 0700 folder with a random name of its own, removed at stop
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\RunDir;
use MemoryLab\Lab\Server\Server;

/* The effective uid, from /proc (ext/posix may not be loaded). */
preg_match('/^Uid:\s+\d+\s+(\d+)/m', (string) file_get_contents('/proc/self/status'), $m);
$uid = (int) $m[1];

/* Leftovers at the paths the suite and the soak once shared: read-only, and when this runs as
 * root, another user's (nobody's). Those already there (a real earlier run's) stay as they are. */
$old = ['cli_server_emalloc_reclaimed', 'cli_server_emalloc_small_plateau', 'cli_server_malloc_retained',
    'cli_server_malloc_touch_rss', 'cli_server_pemalloc_retained', 'cli_server_request_counting',
    'cli_server_workers_per_process', 'fpm_emalloc_reclaimed', 'fpm_malloc_retained', 'fpm_max_requests_sawtooth',
    'fpm_report_log', 'fpm_request_counting', 'worker_emalloc_never_reclaimed', 'worker_memory_limit_fatal',
    'worker_no_leak_flat'];
$made = [];
foreach ($old as $test) {
    $path = sys_get_temp_dir() . "/memlab-$test.pids";
    if (!file_exists($path) && @file_put_contents($path, "1 1\n") !== false) {
        $made[] = $path;
        chmod($path, 0400);
        if ($uid === 0) {
            chown($path, 65534);
        }
    }
}
$present = array_filter($old, fn (string $test) => file_exists(sys_get_temp_dir() . "/memlab-$test.pids"));
echo 'leftovers at the old paths: ', count($present), ' of ', count($old), "\n";

try {
    $servers = ['cli-server' => Server::start('cli-server'), 'second cli-server' => Server::start('cli-server'), 'worker' => Server::start('worker')];
    $dirs = [];
    foreach ($servers as $name => $server) {
        $dir = $server->dir();
        $dirs[] = $dir;
        $run = dirname($dir);
        printf("%s: serves: %s; its folder %s, mode %o, ours: %s; in %s, mode %o, ours: %s\n", $name,
            var_export($server->requestJson('/leak.php', ['allocator' => 'none'])['error'] === null, true),
            preg_replace('/-[0-9a-f]{12}$/', '-RANDOM', basename($dir)), fileperms($dir) & 0777, var_export(fileowner($dir) === $uid, true),
            preg_replace('/-[0-9a-f]{12}$/', '-RANDOM', basename($run)), fileperms($run) & 0777, var_export(fileowner($run) === $uid, true));
    }
    echo 'one folder per server: ', var_export(count(array_unique($dirs)) === count($servers), true),
        ', in the same run folder: ', var_export(count(array_unique(array_map('dirname', $dirs))) === 1 && dirname($dirs[0]) === RunDir::path(), true), "\n";
    foreach ($servers as $name => $server) {
        $server->stop();
        echo "$name stopped, its folder removed: ", var_export(!file_exists($server->dir()), true), "\n";
    }
} finally {
    Server::stopAll();
    foreach ($made as $path) {
        unlink($path);
    }
}
?>
--EXPECT--
leftovers at the old paths: 15 of 15
cli-server: serves: true; its folder cli-server-RANDOM, mode 700, ours: true; in memlab-run-RANDOM, mode 700, ours: true
second cli-server: serves: true; its folder cli-server-RANDOM, mode 700, ours: true; in memlab-run-RANDOM, mode 700, ours: true
worker: serves: true; its folder worker-RANDOM, mode 700, ours: true; in memlab-run-RANDOM, mode 700, ours: true
one folder per server: true, in the same run folder: true
cli-server stopped, its folder removed: true
second cli-server stopped, its folder removed: true
worker stopped, its folder removed: true
