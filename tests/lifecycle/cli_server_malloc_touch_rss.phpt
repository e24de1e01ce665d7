--TEST--
php -S: a malloc leak whose pages are written grows RSS as well as VmSize (+2,052 KiB each per request)
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Server;
use function MemoryLab\{check_each, deltas, measure, pid_file, proc_mem};

Server::trackPidsIn(pid_file('cli_server_malloc_touch_rss'));
$server = Server::start('cli-server');

// A 1-byte leak first pages in the code the leaking requests run, so the baseline is steady.
measure($server, 1, ['alloc' => 'malloc', 'bytes' => 1, 'touch' => 1]);
$before = proc_mem($server->pid());
$rows = measure($server, 10, ['alloc' => 'malloc', 'touch' => 1]);

check_each('VmSize growth per request', deltas($rows, 'vsz_kb', $before['vsz_kb']), 2052, 20.52);
check_each('VmRSS growth per request', deltas($rows, 'rss_kb', $before['rss_kb']), 2052, 20.52);
$server->stop();
?>
--CLEAN--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\stop_pids(MemoryLab\pid_file('cli_server_malloc_touch_rss'));
?>
--EXPECT--
VmSize growth per request: each of 10 within 2052 ± 20.52 KiB
VmRSS growth per request: each of 10 within 2052 ± 20.52 KiB
