--TEST--
memory.track: leaks in many Zend MM chunks, while chunks fill, empty, go back to the system (gc_mem_caches()) and come again, are reported exactly; small, large and huge blocks alike
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

/* Each round holds about 24 MiB in 12 or more chunks, leaks between its allocations, frees
 * some of them, then all, and gives the empty chunks back. */
$code = <<<'PHP'
for ($round = 0; $round < 6; $round++) {
    $big = [];
    for ($i = 0; $i < 20000; $i++) { $big[] = str_repeat('b', 1100 + $round); if ($i % 5000 === 0) { leak_emalloc(3000); } }
    leak_emalloc(100000);
    for ($i = 0; $i < 20000; $i += 7) { unset($big[$i]); }
    leak_emalloc(40);
    unset($big);
    echo gc_mem_caches() > 0 ? "" : "gc_mem_caches gave nothing back\n";
    leak_emalloc(2200000);
}
echo "done\n";
PHP;
$run = tracked_code($code, ['memory_limit' => '256M']);
echo $run['stdout'], leak_lines($run['report'], $run['file']);
?>
--EXPECT--
done
42 blocks, 13872240 bytes
  13200000 B in 6 blocks at script:10, leak_emalloc (memory)
  600000 B in 6 blocks at script:5, leak_emalloc (memory)
  72000 B in 24 blocks at script:4, leak_emalloc (memory)
  240 B in 6 blocks at script:7, leak_emalloc (memory)
