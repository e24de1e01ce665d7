--TEST--
valgrind: memory_stats(), memory_breakdown(), memory_release() and the request report, text and JSON, leak nothing and make no invalid access
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
for ($i = 0; $i < 50; $i++) {
    $b = memory_breakdown();
}
echo count($b), " breakdown keys\n";
echo count(memory_release()), " release keys\n";
PHP;
foreach (['text' => '/^memory: pid \d+ request 1: zend peak/m', 'json' => '/^\{"pid":\d+,"request":1,/m'] as $format => $line) {
    $r = memlab_valgrind($code, ['USE_ZEND_ALLOC' => '0'], ['memory.report' => '1', 'memory.report_format' => $format]);
    echo $r['stdout'];
    echo "exit status {$r['status']}\n";
    echo preg_match($line, $r['stderr']) ? "$format report line logged\n" : "no $format report line\n";
    foreach (['definitely lost', 'indirectly lost', 'ERROR SUMMARY'] as $label) {
        echo memlab_valgrind_line($r['log'], $label), "\n";
    }
}
?>
--EXPECT--
13 keys, request 1
13 breakdown keys
6 release keys
exit status 0
text report line logged
definitely lost: 0 bytes in 0 blocks
indirectly lost: 0 bytes in 0 blocks
ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0 from 0)
13 keys, request 1
13 breakdown keys
6 release keys
exit status 0
json report line logged
definitely lost: 0 bytes in 0 blocks
indirectly lost: 0 bytes in 0 blocks
ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0 from 0)
