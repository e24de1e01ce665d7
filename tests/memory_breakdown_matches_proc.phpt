--TEST--
memory_breakdown(): agrees with /proc/self/status and /proc/self/smaps_rollup read from userland around it, and with the Zend MM and memory_stats()
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

/* One "Name:   N kB" field of a /proc file, in bytes (strpos, not preg: no JIT mapping). */
function kb(string $text, string $field): int
{
    $at = strpos($text, "\n$field:");
    return $at === false ? -1 : (int) trim(substr($text, $at + strlen($field) + 2, 24)) * 1024;
}

/* The /proc figures of memory_breakdown(), read the userland way. */
function userland(): array
{
    $status = file_get_contents('/proc/self/status');
    $rollup = file_get_contents('/proc/self/smaps_rollup');
    return [
        'rss' => kb($status, 'VmRSS'),
        'rss_anon' => kb($status, 'RssAnon'),
        'rss_file' => kb($status, 'RssFile'),
        'rss_shmem' => kb($status, 'RssShmem'),
        'pss' => kb($rollup, 'Pss'),
        'pss_anon' => kb($rollup, 'Pss_Anon'),
        'uss' => kb($rollup, 'Private_Clean') + kb($rollup, 'Private_Dirty'),
        'swap' => kb($rollup, 'Swap'),
    ];
}

// Warm up: the descriptors, the file buffers and the arrays are made on first use.
leak_malloc(3 * 1048576, true); // something in the anonymous figures to agree on
userland();
memory_breakdown();
$before = userland();
$b = memory_breakdown();
$after = userland();

// Each figure lies within two pages of the userland readings just before and just after it
// (PSS moves when other processes map or unmap the same libraries).
$page = 4096;
foreach ($before as $key => $value) {
    $low = min($value, $after[$key]) - 2 * $page;
    $high = max($value, $after[$key]) + 2 * $page;
    echo $key, ': ', $b[$key] >= $low && $b[$key] <= $high ? 'agrees' : "{$b[$key]} not within $low to $high", "\n";
}

$usage = memory_get_usage();
$b = memory_breakdown();
$real = memory_get_usage(true);
echo 'zend_used: ', abs($b['zend_used'] - $usage) < 4096 ? 'agrees with memory_get_usage()' : "{$b['zend_used']} vs $usage", "\n";
echo 'zend_used + zend_free: ', $b['zend_used'] + $b['zend_free'] === $real ? 'memory_get_usage(true)' : "{$b['zend_used']} + {$b['zend_free']} vs $real", "\n";
$s = memory_stats();
echo 'malloc_used: ', abs($b['malloc_used'] - $s['malloc_in_use']) < 4096 ? 'agrees with memory_stats()' : "{$b['malloc_used']} vs {$s['malloc_in_use']}", "\n";
echo 'malloc_mmapped: ', $b['malloc_mmapped'] === $s['malloc_mmapped'] ? 'agrees with memory_stats()' : "{$b['malloc_mmapped']} vs {$s['malloc_mmapped']}", "\n";
echo 'rss: ', abs($b['rss'] - $s['rss']) <= 16 * $page ? 'agrees with memory_stats() (statm)' : "{$b['rss']} vs {$s['rss']}", "\n";
?>
--EXPECT--
rss: agrees
rss_anon: agrees
rss_file: agrees
rss_shmem: agrees
pss: agrees
pss_anon: agrees
uss: agrees
swap: agrees
zend_used: agrees with memory_get_usage()
zend_used + zend_free: memory_get_usage(true)
malloc_used: agrees with memory_stats()
malloc_mmapped: agrees with memory_stats()
rss: agrees with memory_stats() (statm)
