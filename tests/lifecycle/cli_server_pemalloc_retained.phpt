--TEST--
php -S: a pemalloc leak is retained for the life of the process, like malloc (VmSize +2,052 KiB per request)
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

// 1-byte leaks first page in the code the leaking requests run, so the baseline is steady.
warm_up($server, ['allocator' => 'pemalloc', 'bytes' => 1]);
$before = Proc::mem($server->pid());
$rows = measure($server, 10, ['allocator' => 'pemalloc']);

check_each('VmSize growth per request', deltas($rows, 'vsz_kb', $before['vsz_kb']), 2052, 20.52);
check_between('VmRSS growth per request', deltas($rows, 'rss_kb', $before['rss_kb']), 0, 32);
$last = end($rows);
echo 'leaked_pemalloc after two 1-byte warm-ups and 10 requests: ', $last['page']['stats']['leaked_pemalloc'], "\n";
$server->stop();
?>
--EXPECT--
VmSize growth per request: each of 10 within 2052 ± 20.52 KiB
VmRSS growth per request: each of 10 within 0 to 32 KiB
leaked_pemalloc after two 1-byte warm-ups and 10 requests: 20971522
