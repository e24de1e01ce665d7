--TEST--
memory_breakdown(): every documented key, an int in bytes, and the sums that must hold between them
--EXTENSIONS--
memory
--FILE--
<?php
$b = memory_breakdown();
foreach ($b as $key => $value) {
    echo $key, ': ', get_debug_type($value), "\n";
}
echo 'none negative: ', min($b) >= 0 ? 'yes' : json_encode($b), "\n";
echo 'uss <= pss <= rss: ', $b['uss'] <= $b['pss'] && $b['pss'] <= $b['rss'] ? 'yes' : json_encode($b), "\n";
echo 'pss_anon <= pss, rss_anon <= rss: ', $b['pss_anon'] <= $b['pss'] && $b['rss_anon'] <= $b['rss'] ? 'yes' : json_encode($b), "\n";
echo 'malloc_mmapped <= malloc_used: ', $b['malloc_mmapped'] <= $b['malloc_used'] ? 'yes' : json_encode($b), "\n";
echo 'kB figures are whole KiB: ', ($b['rss'] | $b['pss'] | $b['uss'] | $b['swap']) % 1024 === 0 ? 'yes' : json_encode($b), "\n";
?>
--EXPECT--
rss: int
rss_anon: int
rss_file: int
rss_shmem: int
pss: int
pss_anon: int
uss: int
swap: int
zend_used: int
zend_free: int
malloc_used: int
malloc_free: int
malloc_mmapped: int
none negative: yes
uss <= pss <= rss: yes
pss_anon <= pss, rss_anon <= rss: yes
malloc_mmapped <= malloc_used: yes
kB figures are whole KiB: yes
