--TEST--
memory.track with memory.report_format=json: the request's JSON object gains leaks (file, line, function, extension, blocks, bytes per site, largest first), leaked_blocks and leaked_bytes, fatal_error (false) and held_by_interrupted_blocks/bytes (0 without a fatal error); a clean request has an empty list
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

use function MemoryLab\Test\tracked_code;

$run = tracked_code('leak_emalloc(5); leak_emalloc(5);
leak_emalloc(777);');
$r = $run['report'];
echo 'keys end with: ', implode(' ', array_slice(array_keys($r), -9)), "\n";
echo json_encode([$r['fatal_error'], $r['held_by_interrupted_blocks'], $r['held_by_interrupted_bytes']]), "\n";
foreach ($r['leaks'] as $s) {
    $s['file'] = $s['file'] === $run['file'] ? 'script' : $s['file'];
    echo json_encode($s), "\n";
}
echo $r['leaked_blocks'], ' blocks, ', $r['leaked_bytes'], " bytes\n";
$clean = tracked_code('$a = range(1, 1000); echo count($a), "\n";')['report'];
echo json_encode([$clean['leaks'], $clean['leaked_blocks'], $clean['leaked_bytes']]), "\n";
?>
--EXPECT--
keys end with: request_leaked_pemalloc leaked_malloc leaked_pemalloc leaks leaked_blocks leaked_bytes fatal_error held_by_interrupted_blocks held_by_interrupted_bytes
[false,0,0]
{"file":"script","line":3,"function":"leak_emalloc","extension":"memory","blocks":1,"bytes":777}
{"file":"script","line":2,"function":"leak_emalloc","extension":"memory","blocks":2,"bytes":10}
3 blocks, 787 bytes
[[],0,0]
