--TEST--
php -S: a malloc leak whose pages are written grows RSS as well as VmSize (+2,052 KiB each per request)
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
use function MemoryLab\Test\{check_between, check_each, deltas, measure, warm_up};

$server = Server::start('cli-server');

// Two leaking requests settle the server (see warm_up()); from then on a request adds only
// its written pages.
warm_up($server, ['allocator' => 'malloc', 'touch' => 1]);
$before = Proc::mem($server->pid());
$rows = measure($server, 10, ['allocator' => 'malloc', 'touch' => 1]);

check_each('VmSize growth per request', deltas($rows, 'vsz_kb', $before['vsz_kb']), 2052, 20.52);
// The 513 written pages (2 MiB plus glibc's header page) are anonymous and stay resident; VmRSS
// also holds file pages the kernel may drop or fault in, so it gets a few pages either way.
check_each('RssAnon growth per request', deltas($rows, 'rss_anon_kb', $before['rss_anon_kb']), 2052, 20.52);
check_between('VmRSS growth per request', deltas($rows, 'rss_kb', $before['rss_kb']), 2052 - 32, 2052 + 32);
$server->stop();
?>
--EXPECT--
VmSize growth per request: each of 10 within 2052 ± 20.52 KiB
RssAnon growth per request: each of 10 within 2052 ± 20.52 KiB
VmRSS growth per request: each of 10 within 2020 to 2084 KiB
