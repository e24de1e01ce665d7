--TEST--
lab: Proc::rollup reads PSS, USS and swap from smaps_rollup (USS <= PSS <= RSS); watch's PSS columns, sum line and lifetime line, from given readings
--INI--
pcre.jit=0
--FILE--
<?php
date_default_timezone_set('UTC');
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Watch;

// This process, read from /proc: every key, and the order sharing implies.
$r = Proc::rollup(getmypid());
echo 'keys: ', implode(' ', array_keys($r)), "\n";
echo 'uss <= pss <= rss: ', var_export($r['uss_kb'] <= $r['pss_kb'] && $r['pss_kb'] <= $r['rss_kb'], true),
    ', anon + file + shmem = pss (within 2 KiB: each is rounded down): ', var_export(abs($r['pss_anon_kb'] + $r['pss_file_kb'] + $r['pss_shmem_kb'] - $r['pss_kb']) <= 2, true), "\n";
// A zombie or a gone process: null, as every reader of Proc.
var_dump(Proc::rollup(PHP_INT_MAX));
$m = Proc::mem(getmypid(), true);
echo 'VmPeak >= VmSize, VmHWM >= VmRSS: ', var_export($m['vsz_peak_kb'] >= $m['vsz_kb'] && $m['rss_peak_kb'] >= $m['rss_kb'], true), "\n";

// The lines, from given readings (KiB).
$t = 0.25;
$a = ['vsz_kb' => 58908, 'rss_kb' => 15728, 'pss_kb' => 6100, 'uss_kb' => 2900];
$b = ['vsz_kb' => 60960, 'rss_kb' => 17780, 'pss_kb' => 7200, 'uss_kb' => 4952];
echo Watch::line($t, 42, $a, null), "\n", Watch::line($t, 42, $b, $a), "\n";
echo Watch::line($t, 42, ['pss_kb' => null, 'uss_kb' => null] + $a, null), "\n";
echo Watch::sum($t, [42 => $a, 43 => $b]), "\n";
echo Watch::lifetime($t, 43, ['first' => $a, 'peak' => ['vsz_kb' => 101044, 'rss_kb' => 50280, 'pss_kb' => 8181], 'last' => $b, 'since' => 0.0, 'until' => 0.55]), "\n";
?>
--EXPECT--
keys: rss_kb pss_kb pss_anon_kb pss_file_kb pss_shmem_kb private_clean_kb private_dirty_kb uss_kb swap_kb rss_anon_kb rss_file_kb rss_shmem_kb
uss <= pss <= rss: true, anon + file + shmem = pss (within 2 KiB: each is rounded down): true
NULL
VmPeak >= VmSize, VmHWM >= VmRSS: true
00:00:00.250  pid 42      VIRT    57.5m  RES    15.4m  PSS     6.0m  USS     2.8m
00:00:00.250  pid 42      VIRT    59.5m  RES    17.4m  PSS     7.0m  USS     4.8m   VIRT +2,052 KiB, RES +2,052 KiB, PSS +1,100 KiB, USS +2,052 KiB
00:00:00.250  pid 42      VIRT    57.5m  RES    15.4m  PSS        ?  USS        ?
00:00:00.250  sum of 2 pids  RES 33,508 KiB  PSS 13,300 KiB  USS 7,852 KiB
00:00:00.250  pid 43      exited, watched 0.6 s: VIRT first 58,908, peak 101,044, last 60,960 KiB; RES first 15,728, peak 50,280, last 17,780 KiB; PSS first 6,100, peak 8,181, last 7,200 KiB; requests served: unknown (not visible from outside)
