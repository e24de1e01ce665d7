--TEST--
memory.report is off by default: nothing is logged at request end
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . MemoryLab\Lab\Php::memorySo(), '-r', MemoryLab\Test\NO_LEAK_REPORT . 'leak_emalloc(); leak_malloc(10); echo "done\n";'];
$run = MemoryLab\Lab\Exec::run($cmd, 60);
echo $run['stdout'];
var_dump($run['stderr']);
var_dump(ini_get('memory.report'));
?>
--EXPECT--
done
string(0) ""
string(1) "0"
