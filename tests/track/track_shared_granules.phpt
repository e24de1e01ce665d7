--TEST--
memory.track: blocks of 8, 16 and 24 B that start in the same 32 B granule (kept apart from the one-record-per-granule shadow) are reported exactly, with their neighbours freed in every order
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../inc/track.inc';

use function MemoryLab\Test\leak_lines;
use function MemoryLab\Test\tracked_code;

/* SplFixedArray(1) emallocs its one zval (16 B) in SplFixedArray::__construct and frees it
 * with the object: small blocks freed between leaked ones of 8, 16 and 24 B. */
$code = <<<'PHP'
$keep = [];
for ($i = 0; $i < 3000; $i++) {
    $keep[] = new SplFixedArray(1);
    leak_emalloc(8);
    if ($i % 3 === 0) { leak_emalloc(16); }
    $keep[] = new SplFixedArray(1);
    leak_emalloc(24);
    if ($i % 2) { array_pop($keep); }
}
foreach (array_keys($keep) as $k) { if ($k % 2 === 0) { unset($keep[$k]); } }
$blocks = $bytes = 0;
foreach (memory_track_live() as $s) {
    if ($s['function'] === 'SplFixedArray::__construct') { $blocks += $s['blocks']; $bytes += $s['bytes']; }
}
echo count($keep), " arrays kept: $blocks blocks, $bytes bytes of elements live\n";
unset($keep);
$blocks = 0;
foreach (memory_track_live() as $s) {
    if ($s['function'] === 'SplFixedArray::__construct') { $blocks += $s['blocks']; }
}
echo "after unset: $blocks blocks of elements live\n";
PHP;
$run = tracked_code($code);
echo $run['stdout'], leak_lines($run['report'], $run['file']);
?>
--EXPECT--
2250 arrays kept: 2250 blocks, 36000 bytes of elements live
after unset: 0 blocks of elements live
7000 blocks, 112000 bytes
  72000 B in 3000 blocks at script:8, leak_emalloc (memory)
  24000 B in 3000 blocks at script:5, leak_emalloc (memory)
  16000 B in 1000 blocks at script:6, leak_emalloc (memory)
