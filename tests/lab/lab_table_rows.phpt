--TEST--
lab: the top-like table shows the first and last rows, every change to a new pid, the witness's growth, and the slopes
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Analysis;
use MemoryLab\Lab\Report;

$samples = [];
for ($r = 0; $r <= 12; $r++) {
    $pid = $r < 6 ? 4242 : 4343;
    $n = $r < 6 ? $r : $r - 6;
    $samples[] = ['request' => $r, 'pid' => $pid, 'ok' => true, 'vsz_kb' => 56856 + 2052 * $n,
        'rss_kb' => 15360, 'zend_usage' => 394280, 'leaked_malloc' => 2097152 * $n];
}
$samples[13] = ['request' => 13, 'pid' => 4343, 'ok' => false, 'dead' => true, 'error' => "Allowed memory size of\n 33554432 bytes exhausted (tried to allocate 2097152 bytes) and a long tail"];
$leak = new MemoryLab\Lab\Leak('malloc');
echo Report::table('cli-server · malloc', $leak, $samples, Analysis::analyze($samples, $leak));
echo implode(' ', [Report::topSize(512), Report::topSize(58908), Report::topSize(3 * 1024 * 1024), Report::topSize(20 * 1024 ** 3), Report::bytes(394280), Report::mib(-3.0), Report::mib(2052)]), "\n";
?>
--EXPECT--
cli-server · malloc
   req     PID     VIRT      RES  Zend usage   leaked    witness
     0    4242    55.5m    15.0m      385.0K        0       +0 B
     1    4242    57.5m    15.0m      385.0K     2.0M  +2.00 MiB
     2    4242    59.5m    15.0m      385.0K     4.0M  +4.01 MiB
     …
     5    4242    65.5m    15.0m      385.0K    10.0M +10.02 MiB
     6    4343    55.5m    15.0m      385.0K        0       +0 B
     …
    11    4343    65.5m    15.0m      385.0K    10.0M +10.02 MiB
    12    4343    67.5m    15.0m      385.0K    12.0M +12.02 MiB
    13       -  Allowed memory size of 33554432 bytes exhausted (tried to allocate 2097152 bytes) and a...
  slope per request: VIRT +2.00 MiB, RES +0 B, Zend usage +0 B, glibc in use +0 B
  witness: VIRT, against 2.00 MiB leaked per request:
  each block is its own mmap, which VIRT (VmSize) shows whole
512k 57.5m 3.0g 20.0t 385.0K +0.00 MiB +2.00 MiB
