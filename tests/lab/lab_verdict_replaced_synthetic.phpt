--TEST--
lab: a process that dies on memory_limit and is replaced by a new one (Swoole's manager), on a synthetic series: the verdict names the death and the pid that answered after it
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Analysis;
use MemoryLab\Lab\Leak;
use MemoryLab\Lab\Report;

const FATAL = 'Allowed memory size of 33554432 bytes exhausted (tried to allocate 2097152 bytes)';

/* Requests 0..30: pid 100 until it dies at 15, pid 200 from 16 until it dies at 30. */
$samples = [];
for ($r = 0; $r <= 30; $r++) {
    $pid = $r < 15 ? 100 : 200;
    $samples[] = in_array($r, [15, 30], true)
        ? ['request' => $r, 'pid' => $r === 15 ? 100 : 200, 'ok' => false, 'dead' => true, 'error' => FATAL]
        : ['request' => $r, 'pid' => $pid, 'ok' => true, 'vsz_kb' => 90000 + 2048 * ($r < 15 ? $r : $r - 15), 'rss_kb' => 12000,
            'zend_usage' => 2000000 + 2097152 * ($r < 15 ? $r : $r - 15), 'pid_request' => 1];
}
$a = Analysis::analyze($samples, new Leak('emalloc'));
echo $a['verdict'], ' at ', $a['died_at'], ', deaths ', $a['deaths'], ', replaced by ', $a['replaced_by_pid'], ' at ', $a['replaced_at'], "\n";
echo 'VIRT slope per process ', Report::kib($a['slope_vsz_kib']), "\n";
echo Report::verdictLine('swoole', 'emalloc', $a, '32M'), "\n";

// One death and no replacement (the long-running worker): the verdict is as before.
$a = Analysis::analyze(array_slice($samples, 0, 16), new Leak('emalloc'));
echo var_export($a['replaced_by_pid'], true), ' ', $a['deaths'], ' ', Analysis::words($a, '32M'), "\n";
// No death at all: one PHP request serves them all (memory_stats()['request'] stays 1), so
// the emalloc leak is never reclaimed.
$a = Analysis::analyze(array_slice($samples, 0, 15), new Leak('emalloc'));
echo $a['verdict'], ' ', $a['deaths'], ' ', var_export($a['replaced_at'], true), "\n";
?>
--EXPECT--
died at 15, deaths 2, replaced by 200 at 16
VIRT slope per process +2,048 KiB
swoole           emalloc       VIRT +2.00 MiB, RES +0 B per request (leak 2.00 MiB)  → never reclaimed (the request never ends): memory_limit 32M fatal at request 15; a new process (pid 200) answered from request 16 (2 processes died)
NULL 1 never reclaimed (the request never ends): memory_limit 32M fatal at request 15
never-reclaimed 0 NULL
