--TEST--
php -S: a 2 MiB emalloc leak is reclaimed at request end (VmSize and VmRSS flat after the first request)
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
use function MemoryLab\Test\{check_flat, measure, warm_up};

$server = Server::start('cli-server');

// 1-byte leaks first page in the code the leaking requests run and settle the server.
warm_up($server, ['allocator' => 'emalloc', 'bytes' => 1]);
$rows = measure($server, 10, ['allocator' => 'emalloc']);

// Inside each request the leak is there; after it, the process is back where it was.
$seen = array_unique(array_map(fn ($r) => $r['page']['stats']['leaked_emalloc'], $rows));
echo 'leaked_emalloc inside each request: ', implode(', ', $seen), "\n";
check_flat('VmSize after requests 1-10', array_column($rows, 'vsz_kb'), 8);
check_flat('VmRSS after requests 1-10', array_column($rows, 'rss_kb'), 8);
$server->stop();
?>
--EXPECT--
leaked_emalloc inside each request: 2097152
VmSize after requests 1-10: 10 readings within 8 KiB of each other
VmRSS after requests 1-10: 10 readings within 8 KiB of each other
