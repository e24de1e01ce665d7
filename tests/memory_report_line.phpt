--TEST--
memory.report=1: one line at request end gives the request's measured figures, then what its leak_*() calls left: reclaimed now, and what the process retains
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

$code = MemoryLab\Test\NO_LEAK_REPORT . 'leak_emalloc(2097152); leak_malloc(1000); leak_pemalloc(24); echo "pid ", getmypid(), "\n";';
$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-d', 'memory.report=1', '-r', $code];
['stdout' => $out, 'stderr' => $err] = MemoryLab\Lab\Exec::run($cmd, 60);
echo $out, $err;
$pid = (int) substr($out, 4);
var_dump(str_contains($err, "memory: pid $pid request 1:"));
?>
--EXPECTF--
pid %d
memory: pid %d request 1: zend peak %d B, back to the Zend MM at request end %d B, held by the Zend MM %d B; malloc in use %d B (+%d B), free in arenas %d B; VSZ %d B (+%d B), RSS %d B (+%d B) across the request; leak_*(): reclaimed now: emalloc 2097152 B; retained: malloc 1000 B, pemalloc 24 B this request, malloc 1000 B, pemalloc 24 B by this process
bool(true)
