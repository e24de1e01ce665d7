--TEST--
valgrind: memory_stats() and the request report leak nothing and make no invalid access
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/valgrind.inc';
MemoryLab\Test\skip_unless('valgrind');
?>
--FILE--
<?php
require __DIR__ . '/valgrind.inc';

/* USE_ZEND_ALLOC=0: the arrays memory_stats() builds come from malloc, so valgrind
 * checks every access to them and would report any of them left behind. */
$code = <<<'PHP'
$pid = getmypid();
for ($i = 0; $i < 200; $i++) {
    $s = memory_stats();
    if ($s['pid'] !== $pid || $s['vsz'] <= 0 || $s['rss'] <= 0) {
        echo "bad snapshot $i\n";
    }
}
echo count($s), " keys, request ", $s['request'], "\n";
PHP;
$r = memlab_valgrind($code, ['USE_ZEND_ALLOC' => '0'], ['memory.report' => '1']);
echo $r['stdout'];
echo "exit status {$r['status']}\n";
echo preg_match('/^memory: pid \d+ request 1: reclaimed now/m', $r['stderr']) ? "report line logged\n" : "no report line\n";
foreach (['definitely lost', 'indirectly lost', 'ERROR SUMMARY'] as $label) {
    echo memlab_valgrind_line($r['log'], $label), "\n";
}
?>
--EXPECT--
13 keys, request 1
exit status 0
report line logged
definitely lost: 0 bytes in 0 blocks
indirectly lost: 0 bytes in 0 blocks
ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0 from 0)
