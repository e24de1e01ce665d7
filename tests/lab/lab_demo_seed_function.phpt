--TEST--
lab: the demo runs the post's own function again: 8 calls of confirm_memory_compiled() leave VIRT where it was and objdump finds no malloc in it, while 8 calls of leak_malloc(2 MiB) add 8 x 2,052 KiB
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
if (!function_exists('confirm_memory_compiled')) die("skip memory.so built without --enable-memory-seed\n");
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Php;

$run = DemoProcess::run(['--only', 'cli-server', '--leak', 'emalloc', '--requests', '2', '--no-plot'], Php::memorySo());
echo "status {$run->status}\n";
preg_match('/^  8 calls: VIRT ([+-][\d,]+) KiB \((.*)\)$/m', $run->stdout, $seed);
preg_match('/^  8 calls of leak_malloc\(2 MiB\), which hands the pointer on: VIRT ([+-][\d,]+) KiB$/m', $run->stdout, $leak);
echo 'seed: VIRT ', $seed[1] ?? 'no line', ', ', $seed[2] ?? '', "\n";
$kib = (int) str_replace([',', '+'], '', $leak[1] ?? '0');
echo 'leak_malloc: VIRT within 8 x 2,052 KiB ± 64 KiB: ', var_export(abs($kib - 8 * 2052) <= 64, true), "\n";
$run->clean();
?>
--EXPECT--
status 0
seed: VIRT +0, objdump finds no call to malloc in it: g++ -O2 deleted the unused malloc
leak_malloc: VIRT within 8 x 2,052 KiB ± 64 KiB: true
