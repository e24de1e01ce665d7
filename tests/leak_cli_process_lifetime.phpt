--TEST--
CLI: each php process is one request, so its malloc, pemalloc and emalloc leaks all end with it
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

$code = 'leak_malloc(); leak_pemalloc(); leak_emalloc(); echo json_encode(memory_stats());';
for ($run = 1; $run <= 2; $run++) {
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . MemoryLab\memory_so(), '-r', $code];
    $p = proc_open($cmd, [1 => ['pipe', 'w']], $pipes);
    $s = json_decode(stream_get_contents($pipes[1]), true);
    proc_close($p);
    echo "run $run: request {$s['request']}, leaked malloc {$s['leaked_malloc']}, pemalloc {$s['leaked_pemalloc']}, emalloc {$s['leaked_emalloc']}\n";
}
?>
--EXPECT--
run 1: request 1, leaked malloc 2097152, pemalloc 2097152, emalloc 2097152
run 2: request 1, leaked malloc 2097152, pemalloc 2097152, emalloc 2097152
