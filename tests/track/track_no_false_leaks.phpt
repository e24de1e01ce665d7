--TEST--
memory.track: a script with closures, generators, exceptions, includes, cycles, static variables, classes and interned strings reports 0 leaked blocks: what the engine frees after RSHUTDOWN is not a leak
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

$inc = tempnam(sys_get_temp_dir(), 'inc');
file_put_contents($inc, '<?php class Included { public array $a = []; public $self; function __construct() { $this->a[] = str_repeat("i", 300); } } return fn($x) => $x * 2;');
$code = <<<PHP
\$double = include '$inc';
\$objs = [];
for (\$i = 0; \$i < 200; \$i++) { \$o = new Included(); \$o->self = \$o; \$objs[] = \$o; }
function counter() { static \$n = []; \$n[] = str_repeat('s', 50); return count(\$n); }
for (\$i = 0; \$i < 20; \$i++) { counter(); }
function gen() { try { for (\$i = 0; \$i < 50; \$i++) { yield \$i => str_repeat('g', \$i); } } finally { \$x = 1; } }
foreach (gen() as \$k => \$v) { if (\$k === 30) break; }
\$pending = gen(); \$pending->current();
\$closures = array_map(fn(\$i) => function () use (\$i) { return \$i * 2; }, range(1, 100));
try { array_map(function () { throw new LogicException('boom'); }, [1]); } catch (LogicException \$e) { \$kept = \$e; }
\$s = ''; for (\$i = 0; \$i < 500; \$i++) { \$s .= \$double(\$i); }
\$interned = constant('PHP_VERSION') . 'x';
eval('\$z = ["a" => 1, "b" => [1, 2, 3]];');
\$a = ['x' => &\$a];
echo "ok\n";
PHP;
$run = tracked_code($code);
unlink($inc);
echo $run['stdout'], leak_lines($run['report'], $run['file']);
?>
--EXPECT--
ok
0 blocks, 0 bytes
