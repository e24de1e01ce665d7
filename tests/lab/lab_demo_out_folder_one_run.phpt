--TEST--
lab: an output folder holds exactly one run's files: a smaller run or one with nothing to plot leaves none of the earlier run's, and plot.gp names files relative to the folder
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'gnuplot');
?>
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\RunDir;

$out = RunDir::sub('out');
// A file of the user's: the demo never touches what it did not write.
file_put_contents("$out/notes.txt", "mine\n");
$names = fn (DemoProcess $run) => implode(' ', $run->files());

// Two lifecycles, every leak, with the plots.
$a = DemoProcess::run(['--requests', '2', '--bytes', '64K', '--only', 'cli-server,worker'], Php::memorySo(), 90.0, $out);
echo "A: status {$a->status}: ", $names($a), "\n";
// plot.gp names the CSVs and the figures relative to the folder, so a copy of the folder draws
// again anywhere.
$gp = file_get_contents("$out/plot.gp");
var_dump(str_contains($gp, $out), str_contains($gp, '"/'), str_contains($gp, 'set output "memory.png"'), str_contains($gp, '"worker_malloc-touch.csv" using'));
$copy = RunDir::sub('copy');
foreach (array_filter($a->files(), fn ($f) => str_ends_with($f, '.csv') || $f === 'plot.gp') as $f) {
    copy("$out/$f", "$copy/$f");
}
$again = Exec::run([Php::find('gnuplot'), 'plot.gp'], 30, [], $copy);
echo 'gnuplot in a copy: ', $again['status'], ', memory.png ', is_file("$copy/memory.png") && filesize("$copy/memory.png") > 0 ? 'drawn' : 'missing', "\n";

// The seed's lifecycle only, into the same folder: none of A's worker CSVs stay.
$b = DemoProcess::run(['--only', 'cli-server', '--requests', '5'], Php::memorySo(), 90.0, $out);
echo "B: status {$b->status}: ", $names($b), "\n";
$summary = $b->summary();
echo count($summary['scenarios']), ' scenarios, ', $summary['requests'], ' requests; ',
    str_contains(file_get_contents("$out/memory.svg"), 'worker (memory_limit') ? 'the plot shows the worker' : 'the plot shows cli-server only', "\n";

// A run whose only scenario dies before its first reading: nothing to plot, and no figure of
// B's left to pass for this run's.
$c = DemoProcess::run(['--only', 'worker', '--leak', 'emalloc', '--bytes', '1536K', '--worker-memory-limit', '2M', '--requests', '2'], Php::memorySo(), 90.0, $out);
echo "C: status {$c->status}: ", $names($c), "\n";
echo implode("\n", array_filter(explode("\n", $c->stderr), fn ($l) => str_contains($l, 'plot'))), "\n";
echo file_get_contents("$out/notes.txt");
?>
--EXPECT--
A: status 0: cli-server_emalloc-small.csv cli-server_emalloc.csv cli-server_malloc-touch.csv cli-server_malloc.csv cli-server_pemalloc.csv memory.png memory.svg notes.txt plot.gp summary.json worker_emalloc-small.csv worker_emalloc.csv worker_malloc-touch.csv worker_malloc.csv worker_pemalloc.csv
bool(false)
bool(false)
bool(true)
bool(true)
gnuplot in a copy: 0, memory.png drawn
B: status 0: cli-server_emalloc-small.csv cli-server_emalloc.csv cli-server_malloc-touch.csv cli-server_malloc.csv cli-server_pemalloc.csv memory.png memory.svg notes.txt plot.gp summary.json
5 scenarios, 5 requests; the plot shows cli-server only
C: status 1: notes.txt summary.json worker_emalloc.csv
memlab demo: no readings to plot
mine
