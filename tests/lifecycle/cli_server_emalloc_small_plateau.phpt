--TEST--
php -S: small emalloc leaks (256 x 16 KiB per request) reach a plateau: the Zend MM reuses its cached chunks
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
use function MemoryLab\Test\{check_flat, check_range, measure, warm_up};

$server = Server::start('cli-server');

// 16 KiB is a "large" Zend MM allocation: pages inside 2 MiB chunks. 4 MiB per request needs
// chunks beyond the first, which zend_mm_shutdown() keeps cached for the next request.
$query = ['allocator' => 'emalloc', 'bytes' => 16384, 'count' => 256];
warm_up($server, ['allocator' => 'emalloc', 'bytes' => 1]);
$before = Proc::mem($server->pid());
$rows = measure($server, 20, $query);

echo 'leaked_emalloc inside each request: ',
    implode(', ', array_unique(array_map(fn ($r) => $r['page']['stats']['leaked_emalloc'], $rows))), "\n";
check_flat('VmSize after requests 5-20', array_column(array_slice($rows, 4), 'vsz_kb'), 8);
// RSS steps up at the 5th and 6th requests, then stays: by about 44 KiB in all here, by about
// 410 KiB on a debug build, whose 16 KiB blocks carry a debug header and so take 5 pages each.
check_flat('VmRSS after requests 6-20', array_column(array_slice($rows, 5), 'rss_kb'), 32);
// 20 requests leaked 80 MiB in all; the process keeps a few cached chunks of it at most.
check_range('VmSize growth over 20 requests', end($rows)['vsz_kb'] - $before['vsz_kb'], 0, 8192);
$server->stop();
?>
--EXPECT--
leaked_emalloc inside each request: 4194304
VmSize after requests 5-20: 16 readings within 8 KiB of each other
VmRSS after requests 6-20: 15 readings within 32 KiB of each other
VmSize growth over 20 requests: within 0 to 8192 KiB
