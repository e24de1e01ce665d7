--TEST--
memory.track after a fatal error: a request that leaks 3 x 12,345 B through leak_emalloc() and then dies (memory_limit inside a function with live locals, a user E_ERROR from trigger_error(), an uncaught exception, exit() in a shutdown function) reports exactly those 3 blocks, 37,035 B at the leak's line; without the leak, a memory_limit fatal caught by a shutdown function reports 0 leaked blocks; the blocks the interrupted function still held are counted apart, never as leaks
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

$leak = 'for ($i = 0; $i < 3; $i++) { leak_emalloc(12345); }';
$endings = [
    'memory_limit in a function' => 'function fill() { $s = str_repeat("x", 5000); $a = [1, str_repeat("y", 300)]; $k = []; for (;;) { $k[] = str_repeat("k", 100); } }
fill();',
    'trigger_error(E_USER_ERROR)' => 'function stop() { $s = str_repeat("x", 5000); $a = [1, str_repeat("y", 300)]; trigger_error("stop", E_USER_ERROR); }
stop();',
    'uncaught exception' => 'function fail() { $s = str_repeat("x", 5000); throw new RuntimeException("fail"); }
fail();',
    'exit() in a shutdown function' => 'register_shutdown_function(function () { $s = str_repeat("x", 5000); exit(1); });',
];
foreach ($endings as $what => $ending) {
    foreach (['with the leak' => "$leak\n", 'without' => "\n"] as $how => $first) {
        $run = tracked_code('register_shutdown_function(function () { echo "shutdown function ran\n"; });
' . $first . $ending, ['memory_limit' => '16M']);
        echo "$what, $how: ", str_contains($run['stdout'], 'shutdown function ran') ? 'shutdown function ran; ' : 'no shutdown function; ', leak_lines($run['report'], $run['file']);
    }
}
/* The same, read from the text report. */
$run = tracked_code("$leak\n" . $endings['trigger_error(E_USER_ERROR)'], ['memory.report_format' => 'text']);
echo preg_replace('/^memory: pid \d+ request 1: zend peak .*\n/', '', str_replace($run['file'], 'script', $run['stderr']));
?>
--EXPECTF--
memory_limit in a function, with the leak: shutdown function ran; after a fatal error: 3 blocks, 37035 bytes
  37035 B in 3 blocks at script:3, leak_emalloc (memory)
memory_limit in a function, without: shutdown function ran; after a fatal error: 0 blocks, 0 bytes
trigger_error(E_USER_ERROR), with the leak: shutdown function ran; after a fatal error: 3 blocks, 37035 bytes
  37035 B in 3 blocks at script:3, leak_emalloc (memory)
trigger_error(E_USER_ERROR), without: shutdown function ran; after a fatal error: 0 blocks, 0 bytes
uncaught exception, with the leak: shutdown function ran; 3 blocks, 37035 bytes
  37035 B in 3 blocks at script:3, leak_emalloc (memory)
uncaught exception, without: shutdown function ran; 0 blocks, 0 bytes
exit() in a shutdown function, with the leak: shutdown function ran; after a fatal error: 3 blocks, 37035 bytes
  37035 B in 3 blocks at script:3, leak_emalloc (memory)
exit() in a shutdown function, without: shutdown function ran; after a fatal error: 0 blocks, 0 bytes
memory: pid %d request 1: emalloc leaks after a fatal error: 3 blocks, 37035 bytes still allocated at request end, reclaimed now:
memory:   37035 bytes in 3 blocks at script:2, leak_emalloc (memory)
memory:   not counted: %d blocks, %d bytes held by the code the fatal error interrupted (its variables, temporaries and compiled script, which PHP does not free after a fatal error)
