--TEST--
memory.track: a request that leaks N blocks of S bytes through leak_emalloc() reports exactly N blocks and N x S bytes at the line of each call, for 1 B, an odd 12,345 B and a huge 3 MiB, whatever else the request allocates and frees
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

$code = <<<'PHP'
$keep = [];
for ($i = 0; $i < 1000; $i++) { $keep[] = str_repeat('x', $i); }
$o = new ArrayObject(range(1, 5000));
for ($i = 0; $i < 7; $i++) { $tiny = leak_emalloc(1); }
unset($keep);
$f = function (int $n) { for ($i = 0; $i < $n; $i++) { leak_emalloc(12345, true); } };
$f(3);
$gen = (function () { yield from range(1, 100); })();
foreach ($gen as $v) { $s = json_encode([$v, (string) $v]); }
class Leaker { static function huge(): void { leak_emalloc(3 * 1048576); leak_emalloc(3 * 1048576); } }
Leaker::huge();
try { throw new RuntimeException(str_repeat('e', 100)); } catch (RuntimeException $e) { }
echo "done\n";
PHP;
$run = tracked_code($code, ['memory_limit' => '-1']);
echo $run['stdout'], leak_lines($run['report'], $run['file']);
?>
--EXPECT--
done
12 blocks, 6328498 bytes
  6291456 B in 2 blocks at script:11, leak_emalloc (memory)
  37035 B in 3 blocks at script:7, leak_emalloc (memory)
  7 B in 7 blocks at script:5, leak_emalloc (memory)
