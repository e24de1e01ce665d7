--TEST--
lab: Checkpoint::lines() at every size: nothing left, one block, singular and plural, a file under the root shown relative to it, an internal function's extension, and more sites than are kept
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Checkpoint;

$site = fn (string $file, int $line, string $function, ?string $extension, int $blocks, int $bytes) => compact('file', 'line', 'function', 'extension', 'blocks', 'bytes');
$show = fn (array $left) => print(implode("\n", Checkpoint::lines($left, '/srv/app')) . "\n---\n");

$show(['blocks' => 0, 'bytes' => 0, 'sites' => [], 'more_sites' => 0]);
$show(['blocks' => 1, 'bytes' => 1, 'sites' => [$site('/srv/app/h.php', 3, 'leak_emalloc', 'memory', 1, 1)], 'more_sites' => 0]);
$show(['blocks' => 3, 'bytes' => 3145728 + 24, 'sites' => [
    $site('/srv/app/src/Cache.php', 120, 'Cache::put', null, 2, 3145728),
    $site('/srv/application/x.php', 7, '{closure}', null, 1, 24),
], 'more_sites' => 0]);
$many = [];
for ($i = 0; $i < Checkpoint::SITES; $i++) {
    $many[] = $site('/srv/app/loop.php', 100 + $i, 'str_repeat', 'standard', 1, 1000 - $i);
}
$lines = Checkpoint::lines(['blocks' => 1025, 'bytes' => 1048576, 'sites' => $many, 'more_sites' => 1005], '/srv/app');
echo $lines[0], "\n", $lines[1], "\n", count($lines) - 2, " site lines\n", end($lines), "\n";
?>
--EXPECT--
left behind: nothing
---
left behind: 1 B in 1 block at 1 site
  1 B in 1 block at h.php:3, leak_emalloc (memory)
---
left behind: 3,145,752 B in 3 blocks at 2 sites
  3,145,728 B in 2 blocks at src/Cache.php:120, Cache::put
  24 B in 1 block at /srv/application/x.php:7, {closure}
---
left behind: 1,048,576 B in 1,025 blocks at 1,025 sites
  1,000 B in 1 block at loop.php:100, str_repeat (standard)
20 site lines
  … and 1,005 more sites (the 20 largest are shown)
