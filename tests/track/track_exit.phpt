--TEST--
memory.track: a request ended by exit() inside a function reports its leaks exactly (3 blocks of 100 B at the call's line) and nothing else; exit() from a shutdown function is a bailout (PHP marks the shutdown unclean, and a debug build stays silent), and the report still names its leak exactly (1 block of 64 B at the closure's line)
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

$run = tracked_code('$o = new ArrayObject([1, 2, 3]);
function stop() { for ($i = 0; $i < 3; $i++) { leak_emalloc(100); } $local = str_repeat("l", 999); exit(3); }
stop();');
echo 'exit status ', $run['status'], "\n", leak_lines($run['report'], $run['file']);
$run = tracked_code('register_shutdown_function(function () { leak_emalloc(64); exit(0); });
$a = range(1, 100);');
echo 'exit status ', $run['status'], "\n", leak_lines($run['report'], $run['file']);
?>
--EXPECT--
exit status 3
3 blocks, 300 bytes
  300 B in 3 blocks at script:3, leak_emalloc (memory)
exit status 0
after a fatal error: 1 blocks, 64 bytes
  64 B in 1 blocks at script:2, leak_emalloc (memory)
