--TEST--
memory.report is off by default: nothing is logged at request end
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-r', MemoryLab\Test\NO_LEAK_REPORT . 'leak_emalloc(); leak_malloc(10); echo "done\n";'];
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]);
var_dump(stream_get_contents($pipes[2]));
proc_close($p);
var_dump(ini_get('memory.report'));
?>
--EXPECT--
done
string(0) ""
string(1) "0"
