--TEST--
memory_release(): its documented keys, ints in bytes, and each layer's share adds up to the RSS it reports before and after
--EXTENSIONS--
memory
--FILE--
<?php
$r = memory_release();
foreach ($r as $key => $value) {
    echo $key, ': ', get_debug_type($value), "\n";
}
echo 'rss_before - rss_after = zend_mm + malloc: ',
    $r['rss_before'] - $r['rss_after'] === $r['zend_mm'] + $r['malloc'] ? 'yes' : json_encode($r), "\n";
echo 'rss_after near memory_stats()[\'rss\']: ',
    abs($r['rss_after'] - memory_stats()['rss']) < 4 * 1048576 ? 'yes' : json_encode($r), "\n";
echo 'never negative: zend_mm_gc, zend_mm_cached, rss_before, rss_after: ',
    min($r['zend_mm_gc'], $r['zend_mm_cached'], $r['rss_before'], $r['rss_after']) >= 0 ? 'yes' : json_encode($r), "\n";
// Nothing cached in a CLI process's first request: the Zend MM caches chunks at request end.
var_dump($r['zend_mm_cached']);
try {
    memory_release(1);
} catch (ArgumentCountError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    memory_breakdown(1);
} catch (ArgumentCountError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
zend_mm: int
malloc: int
rss_before: int
rss_after: int
zend_mm_gc: int
zend_mm_cached: int
rss_before - rss_after = zend_mm + malloc: yes
rss_after near memory_stats()['rss']: yes
never negative: zend_mm_gc, zend_mm_cached, rss_before, rss_after: yes
int(0)
ArgumentCountError: memory_release() expects exactly 0 arguments, 1 given
ArgumentCountError: memory_breakdown() expects exactly 0 arguments, 1 given
