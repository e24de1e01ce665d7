--TEST--
php-fpm: a malloc leak is retained by the worker process (VmSize +2,052 KiB per request)
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
use function MemoryLab\{check_range, check_each, deltas, measure, pid_file, proc_mem};

Server::trackPidsIn(pid_file('fpm_malloc_retained'));
$fpm = Server::start('fpm', ['children' => 1]);
$masterBefore = proc_mem($fpm->pid())['vsz_kb'];

// A 1-byte leak first pages in the code the leaking requests run, so the baseline is steady.
$worker = measure($fpm, 1, ['alloc' => 'malloc', 'bytes' => 1])[0]['pid'];
$before = proc_mem($worker);
$rows = measure($fpm, 8, ['alloc' => 'malloc']);

echo 'served by one worker, not the master: ',
    array_unique(array_column($rows, 'pid')) === [$worker] && $worker !== $fpm->pid() ? 'yes' : 'no', "\n";
check_each('worker VmSize growth per request', deltas($rows, 'vsz_kb', $before['vsz_kb']), 2052, 20.52);
check_range('master VmSize growth', proc_mem($fpm->pid())['vsz_kb'] - $masterBefore, 0, 8);
$fpm->stop();
?>
--CLEAN--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\stop_pids(MemoryLab\pid_file('fpm_malloc_retained'));
?>
--EXPECT--
served by one worker, not the master: yes
worker VmSize growth per request: each of 8 within 2052 ± 20.52 KiB
master VmSize growth: within 0 to 8 KiB
