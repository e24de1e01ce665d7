--TEST--
lab: --alloc, the old name of --leak, still works and says once that it is deprecated
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;

$run = DemoProcess::run(['--requests', '2', '--bytes', '64K', '--only', 'cli-server', '--alloc', 'malloc+touch,emalloc', '--no-plot'], MemoryLab\Lab\Php::memorySo());
echo "status {$run->status}\n";
$lines = explode("\n", rtrim($run->stderr));
echo $lines[0], "\n";
echo count(array_filter($lines, fn ($l) => str_contains($l, 'deprecated'))), " deprecation line\n";
// It picked the leaks it names, and summary.json names them as leaks.
foreach ($run->summary()['scenarios'] as $s) {
    echo $s['lifecycle'], ' ', $s['leak'], ' ', $s['allocator'], ' ', var_export($s['touch'], true), ' ', $s['error'] ?? 'ran', "\n";
}
echo implode(' ', $run->files()), "\n";
$run->clean();
?>
--EXPECT--
status 0
memlab demo: --alloc is deprecated; use --leak
1 deprecation line
cli-server malloc+touch malloc true ran
cli-server emalloc emalloc false ran
cli-server_emalloc.csv cli-server_malloc-touch.csv summary.json
