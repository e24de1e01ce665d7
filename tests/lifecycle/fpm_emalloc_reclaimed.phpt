--TEST--
php-fpm: a 2 MiB emalloc leak is reclaimed at request end (the child's VmSize and VmRSS flat)
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\{check_flat, measure, warm_up};

$fpm = Server::start('fpm', ['children' => 1]);

// 1-byte leaks first page in the code the leaking requests run and settle the child.
warm_up($fpm, ['allocator' => 'emalloc', 'bytes' => 1]);
$rows = measure($fpm, 8, ['allocator' => 'emalloc']);

echo 'served by one child: ', count(array_unique(array_column($rows, 'pid'))) === 1 ? 'yes' : 'no', "\n";
echo 'leaked_emalloc inside each request: ',
    implode(', ', array_unique(array_map(fn ($r) => $r['page']['stats']['leaked_emalloc'], $rows))), "\n";
check_flat('child VmSize after requests 1-8', array_column($rows, 'vsz_kb'), 8);
check_flat('child VmRSS after requests 1-8', array_column($rows, 'rss_kb'), 8);
$fpm->stop();
?>
--EXPECT--
served by one child: yes
leaked_emalloc inside each request: 2097152
child VmSize after requests 1-8: 8 readings within 8 KiB of each other
child VmRSS after requests 1-8: 8 readings within 8 KiB of each other
