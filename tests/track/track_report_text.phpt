--TEST--
memory.track with memory.report=1 (text): the request's report line, a summary line (blocks, bytes, reclaimed now), then a line per site, largest first: bytes, blocks, file:line, function, extension ("1 block", "1 byte" in the singular)
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

$code = 'function f() { leak_emalloc(3000); }
for ($i = 0; $i < 4; $i++) { f(); }
leak_emalloc(20000);
$kept = str_repeat("k", 100);
leak_emalloc(1);';
$run = MemoryLab\Test\tracked_code($code, ['memory.report_format' => 'text']);
echo str_replace($run['file'], 'SCRIPT', $run['stderr']);
?>
--EXPECTF--
memory: pid %d request 1: zend peak %s; leak_*(): reclaimed now: emalloc 32001 B; retained: malloc 0 B, pemalloc 0 B this request, malloc 0 B, pemalloc 0 B by this process
memory: pid %d request 1: emalloc leaks: 6 blocks, 32001 bytes still allocated at request end, reclaimed now:
memory:   20000 bytes in 1 block at SCRIPT:4, leak_emalloc (memory)
memory:   12000 bytes in 4 blocks at SCRIPT:2, leak_emalloc (memory)
memory:   1 byte in 1 block at SCRIPT:6, leak_emalloc (memory)
