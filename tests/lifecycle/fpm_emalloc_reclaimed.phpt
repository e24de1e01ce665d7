--TEST--
php-fpm: a 2 MiB emalloc leak is reclaimed at request end (worker VmSize and VmRSS flat)
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
if (MemoryLab\fpm_binary() === null) die('skip php-fpm is not installed (Debian: php8.2-fpm)');
if (MemoryLab\cgi_fcgi_binary() === null) die('skip cgi-fcgi is not installed (Debian: libfcgi-bin)');
?>
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Server;
use function MemoryLab\{check_flat, measure, pid_file, warm_up};

Server::trackPidsIn(pid_file('fpm_emalloc_reclaimed'));
$fpm = Server::start('fpm', ['children' => 1]);

// 1-byte leaks first page in the code the leaking requests run and settle the child.
warm_up($fpm, ['alloc' => 'emalloc', 'bytes' => 1]);
$rows = measure($fpm, 8, ['alloc' => 'emalloc']);

echo 'served by one worker: ', count(array_unique(array_column($rows, 'pid'))) === 1 ? 'yes' : 'no', "\n";
echo 'leaked_emalloc inside each request: ',
    implode(', ', array_unique(array_map(fn ($r) => $r['page']['stats']['leaked_emalloc'], $rows))), "\n";
check_flat('worker VmSize after requests 1-8', array_column($rows, 'vsz_kb'), 8);
check_flat('worker VmRSS after requests 1-8', array_column($rows, 'rss_kb'), 8);
$fpm->stop();
?>
--CLEAN--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\stop_pids(MemoryLab\pid_file('fpm_emalloc_reclaimed'));
?>
--EXPECT--
served by one worker: yes
leaked_emalloc inside each request: 2097152
worker VmSize after requests 1-8: 8 readings within 8 KiB of each other
worker VmRSS after requests 1-8: 8 readings within 8 KiB of each other
