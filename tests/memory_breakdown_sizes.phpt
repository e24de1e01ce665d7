--TEST--
memory_breakdown(): each figure moves by what a leak of 1 B, 12,345 B (odd) and 64 MiB (huge) puts where it says, for malloc and emalloc
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--INI--
memory_limit=-1
--FILE--
<?php
require __DIR__ . '/inc/checks.inc';

use const MemoryLab\Test\DEBUG_HEADER;
use function MemoryLab\Test\{check_range, emalloc_block, no_leak_report};

no_leak_report();

/* How each figure moved since $before: a reading taken right before the leak. Plain calls,
 * no closures: a closure's first call allocates its runtime cache with emalloc. */
function moved(array $before): array
{
    $after = memory_breakdown();
    $moved = [];
    foreach ($after as $key => $value) {
        $moved[$key] = $value - $before[$key];
    }
    return $moved;
}

$page = 4096;
$mib = 1048576;
$b = memory_breakdown();
leak_malloc(1);
moved($b); // warm up

// glibc: a chunk of 32 B at least; the odd size rounded up to 16 B with an 8 B header; the
// huge one gets its own mmap of 64 MiB plus a page, resident once written.
$b = memory_breakdown();
leak_malloc(1);
$m = moved($b);
check_range('leak_malloc(1): malloc_used', $m['malloc_used'], 1, 32, 'B');
$b = memory_breakdown();
leak_malloc(12345, true);
$m = moved($b);
check_range('leak_malloc(12345): malloc_used', $m['malloc_used'], 12345, 12345 + 32, 'B');
$b = memory_breakdown();
leak_malloc(64 * $mib, true);
$m = moved($b);
check_range('leak_malloc(64 MiB, touched): malloc_mmapped', $m['malloc_mmapped'], 64 * $mib, 64 * $mib + $page, 'B');
check_range('leak_malloc(64 MiB, touched): malloc_used', $m['malloc_used'], 64 * $mib, 64 * $mib + $page, 'B');
foreach (['rss', 'rss_anon', 'pss_anon'] as $key) {
    check_range("leak_malloc(64 MiB, touched): $key", $m[$key], 64 * $mib, 64 * $mib + 16 * $page, 'B');
}
// USS also moves when another process maps or unmaps a library page this one maps.
check_range('leak_malloc(64 MiB, touched): uss', $m['uss'], 64 * $mib - 64 * $page, 64 * $mib + 64 * $page, 'B');
check_range('leak_malloc(64 MiB, touched): zend_used', $m['zend_used'], 0, 0, 'B');

// The Zend MM: 1 B takes the smallest bin (8 B, 16 B since PHP 8.4 whose free slots also hold a
// shadow pointer, php-src #14054; 40 B on a debug build, whose blocks carry a 32 B header); 12,345 B a run of 4 pages taken from the free pages (zend_free falls by as
// much); 64 MiB a huge block of its own (and a small node naming it: 24 B, in a bin of 96 B on
// a debug build, where the node also holds the block's debug header).
$bin = emalloc_block(1);
$b = memory_breakdown();
leak_emalloc(1);
$m = moved($b);
check_range('leak_emalloc(1): zend_used', $m['zend_used'], $bin, $bin, 'B');
check_range('leak_emalloc(1): zend_free', $m['zend_free'], -$bin, -$bin, 'B');
$b = memory_breakdown();
leak_emalloc(12345, true);
$m = moved($b);
check_range('leak_emalloc(12345): zend_used', $m['zend_used'], 4 * $page, 4 * $page, 'B');
check_range('leak_emalloc(12345): zend_free', $m['zend_free'], -4 * $page, -4 * $page, 'B');
$b = memory_breakdown();
leak_emalloc(64 * $mib, true);
$m = moved($b);
$node = 64 + 2 * DEBUG_HEADER;
check_range('leak_emalloc(64 MiB, touched): zend_used', $m['zend_used'], 64 * $mib, 64 * $mib + $node, 'B');
check_range('leak_emalloc(64 MiB, touched): zend_free', $m['zend_free'], -$node, 0, 'B');
foreach (['rss', 'rss_anon', 'pss_anon'] as $key) {
    check_range("leak_emalloc(64 MiB, touched): $key", $m[$key], 64 * $mib, 64 * $mib + 16 * $page, 'B');
}
check_range('leak_emalloc(64 MiB, touched): uss', $m['uss'], 64 * $mib - 64 * $page, 64 * $mib + 64 * $page, 'B');
check_range('leak_emalloc(64 MiB, touched): malloc_used', $m['malloc_used'], -$page, $page, 'B');
?>
--EXPECTF--
leak_malloc(1): malloc_used: within 1 to 32 B
leak_malloc(12345): malloc_used: within 12345 to 12377 B
leak_malloc(64 MiB, touched): malloc_mmapped: within 67108864 to 67112960 B
leak_malloc(64 MiB, touched): malloc_used: within 67108864 to 67112960 B
leak_malloc(64 MiB, touched): rss: within 67108864 to 67174400 B
leak_malloc(64 MiB, touched): rss_anon: within 67108864 to 67174400 B
leak_malloc(64 MiB, touched): pss_anon: within 67108864 to 67174400 B
leak_malloc(64 MiB, touched): uss: within 66846720 to 67371008 B
leak_malloc(64 MiB, touched): zend_used: within 0 to 0 B
leak_emalloc(1): zend_used: within %d to %d B
leak_emalloc(1): zend_free: within -%d to -%d B
leak_emalloc(12345): zend_used: within 16384 to 16384 B
leak_emalloc(12345): zend_free: within -16384 to -16384 B
leak_emalloc(64 MiB, touched): zend_used: within 67108864 to %d B
leak_emalloc(64 MiB, touched): zend_free: within -%d to 0 B
leak_emalloc(64 MiB, touched): rss: within 67108864 to 67174400 B
leak_emalloc(64 MiB, touched): rss_anon: within 67108864 to 67174400 B
leak_emalloc(64 MiB, touched): pss_anon: within 67108864 to 67174400 B
leak_emalloc(64 MiB, touched): uss: within 66846720 to 67371008 B
leak_emalloc(64 MiB, touched): malloc_used: within -4096 to 4096 B
