--TEST--
lab: Proc::rollup() reads PSS, Pss_Anon, Private_Clean/Dirty and Swap from /proc/PID/smaps_rollup and RssAnon/RssFile/RssShmem from /proc/PID/status, in KiB; null for a process that is gone
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;

// A child of ours, read from outside once it says it is ready (its memory no longer moves:
// a debug build still starting could grow between two readings); then gone.
$child = proc_open([Php::binary(), '-n', '-r', 'echo "ready\n"; fgets(STDIN);'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
$pid = proc_get_status($child)['pid'];
fgets($pipes[1]);
// Then until it waits in fgets() (state S).
for ($i = 0; $i < 500 && (Proc::stat($pid)['state'] ?? '') !== 'S'; $i++) {
    usleep(10000);
}
$r = Proc::rollup($pid);
$mem = Proc::mem($pid);
echo implode(',', array_keys($r)), "\n";
$uss = $r['private_clean_kb'] + $r['private_dirty_kb'];
echo 'USS is their sum: ', var_export($uss === $r['uss_kb'], true), "\n";
printf("USS %s PSS %s RSS: %s\n", $uss <= $r['pss_kb'] ? '<=' : '>', $r['pss_kb'] <= $mem['rss_kb'] ? '<=' : '>', var_export($uss > 0, true));
printf("RssAnon + RssFile + RssShmem = VmRSS within 64 KiB: %s; RssAnon as Proc::mem() reads it: %s\n",
    var_export(abs($r['rss_anon_kb'] + $r['rss_file_kb'] + $r['rss_shmem_kb'] - $mem['rss_kb']) <= 64, true),
    var_export(abs($r['rss_anon_kb'] - $mem['rss_anon_kb']) <= 64, true));
echo 'Pss_Anon <= PSS: ', var_export($r['pss_anon_kb'] === null || $r['pss_anon_kb'] <= $r['pss_kb'], true), ', swap ', var_export(is_int($r['swap_kb']), true), "\n";
fwrite($pipes[0], "\n");
fclose($pipes[0]);
fclose($pipes[1]);
proc_close($child);
var_dump(Proc::rollup($pid));
?>
--EXPECT--
rss_kb,pss_kb,pss_anon_kb,pss_file_kb,pss_shmem_kb,private_clean_kb,private_dirty_kb,uss_kb,swap_kb,rss_anon_kb,rss_file_kb,rss_shmem_kb
USS is their sum: true
USS <= PSS <= RSS: true
RssAnon + RssFile + RssShmem = VmRSS within 64 KiB: true; RssAnon as Proc::mem() reads it: true
Pss_Anon <= PSS: true, swap true
NULL
