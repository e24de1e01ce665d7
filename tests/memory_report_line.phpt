--TEST--
memory.report=1: one line at request end says what is reclaimed now and what the process retains
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

$code = MemoryLab\Test\NO_LEAK_REPORT . 'leak_emalloc(2097152); leak_malloc(1000); leak_pemalloc(24); echo "pid ", getmypid(), "\n";';
$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-d', 'memory.report=1', '-r', $code];
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
proc_close($p);
echo $out, $err;
$pid = (int) substr($out, 4);
var_dump(str_contains($err, "memory: pid $pid request 1:"));
?>
--EXPECTF--
pid %d
memory: pid %d request 1: reclaimed now: emalloc 2097152 B; retained: malloc 1000 B, pemalloc 24 B this request, malloc 1000 B, pemalloc 24 B by this process
bool(true)
