--TEST--
lab: a real run draws memory.png and memory.svg with gnuplot, and lists them in summary.json
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('gnuplot');
?>
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;

$run = DemoProcess::run(['--requests', '3', '--only', 'cli-server,worker', '--leak', 'malloc,emalloc'], MemoryLab\Lab\Php::memorySo());
echo "status {$run->status}\n";
echo implode(',', $run->summary()['plots']), "\n";
var_dump(substr(file_get_contents("{$run->out}/memory.png"), 0, 8) === "\x89PNG\r\n\x1a\n");
$svg = file_get_contents("{$run->out}/memory.svg");
var_dump(str_contains($svg, '<svg'), str_contains($svg, 'cli-server (php -S): VIRT'), str_contains($svg, 'worker (memory_limit = 32M): RES'));
$run->clean();
?>
--EXPECT--
status 0
memory.png,memory.svg
bool(true)
bool(true)
bool(true)
bool(true)
