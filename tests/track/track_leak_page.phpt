--TEST--
memory.track: the lab's leak page (lab/pages/leak.php) reports 0 leaked blocks when it leaks nothing (allocator=none, and malloc, which the tracker does not see) and exactly its emalloc leaks (count=5, bytes=1000) at its leak call
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

$page = realpath(__DIR__ . '/../../lab/pages/leak.php');
foreach (['allocator=none', 'allocator=malloc&bytes=1000', 'allocator=emalloc&bytes=1000&count=5'] as $query) {
    $run = tracked_code('parse_str(' . var_export($query, true) . ', $_GET); require ' . var_export($page, true) . ';');
    $answer = json_decode($run['stdout'], true);
    echo $query, ': ', $answer['error'] ?? 'answered', "\n", leak_lines($run['report']);
}
?>
--EXPECTF--
allocator=none: answered
0 blocks, 0 bytes
allocator=malloc&bytes=1000: answered
0 blocks, 0 bytes
allocator=emalloc&bytes=1000&count=5: answered
5 blocks, 5000 bytes
  5000 B in 5 blocks at LeakPage.php:%d, leak_emalloc (memory)
