--TEST--
php-fpm: a malloc leak is retained by the child process (VmSize +2,052 KiB per request)
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
use MemoryLab\Lab\Proc;
use function MemoryLab\Test\{check_range, check_each, deltas, measure};

$fpm = Server::start('fpm', ['children' => 1]);
$masterBefore = Proc::mem($fpm->pid())['vsz_kb'];

// A 1-byte leak first pages in the code the leaking requests run, so the baseline is steady.
$child = measure($fpm, 1, ['allocator' => 'malloc', 'bytes' => 1])[0]['pid'];
$before = Proc::mem($child);
$rows = measure($fpm, 8, ['allocator' => 'malloc']);

echo 'served by one child, not the master: ',
    array_unique(array_column($rows, 'pid')) === [$child] && $child !== $fpm->pid() ? 'yes' : 'no', "\n";
check_each('child VmSize growth per request', deltas($rows, 'vsz_kb', $before['vsz_kb']), 2052, 20.52);
check_range('master VmSize growth', Proc::mem($fpm->pid())['vsz_kb'] - $masterBefore, 0, 8);
$fpm->stop();
?>
--EXPECT--
served by one child, not the master: yes
child VmSize growth per request: each of 8 within 2052 ± 20.52 KiB
master VmSize growth: within 0 to 8 KiB
