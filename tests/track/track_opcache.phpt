--TEST--
memory.track with opcache on (scripts and interned strings in shared memory, no request interned string table): exact leaks at the right line, and 0 false leaks for a script with output, includes, closures and cycles, and for php-parser
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
if (MemoryLab\Lab\Php::opcacheIni() === null) die('skip opcache cannot be loaded');
?>
--FILE--
<?php
require __DIR__ . '/../inc/track.inc';

use function MemoryLab\Test\leak_lines;
use function MemoryLab\Test\tracked_code;

$ini = MemoryLab\Lab\Php::opcacheIni() + ['opcache.enable_cli' => '1'];
$inc = tempnam(sys_get_temp_dir(), 'inc');
file_put_contents($inc, '<?php return fn($x) => str_repeat("i", $x);');
$run = tracked_code('echo "status ", opcache_get_status() ? "on" : "off", "\n";
$f = include ' . var_export($inc, true) . ';
$o = new stdClass(); $o->self = $o; $o->s = $f(500);
echo "output\n";
for ($i = 0; $i < 4; $i++) { leak_emalloc(333); }', $ini);
echo $run['stdout'], leak_lines($run['report'], $run['file']);
$run = tracked_code('echo "output ", str_repeat("x", 10), "\n"; $c = array_map(fn($i) => fn() => $i, range(1, 50));', $ini);
echo $run['stdout'], leak_lines($run['report'], $run['file']);
unlink($inc);
?>
--EXPECT--
status on
output
4 blocks, 1332 bytes
  1332 B in 4 blocks at script:6, leak_emalloc (memory)
output xxxxxxxxxx
0 blocks, 0 bytes
