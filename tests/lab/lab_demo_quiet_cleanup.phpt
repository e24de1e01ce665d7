--TEST--
lab: a demo in every lifecycle prints only its notes and progress on stderr (no /proc noise) and leaves no process and no temporary file
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('fpm', 'cgi-fcgi');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

// The demo's temporary folder goes into one of ours, to see what it leaves there.
$tmp = RunDir::sub('tmp');
// The four lifecycles of every PHP (not swoole, which runs where Swoole is installed).
$run = DemoProcess::run(['--requests', '2', '--bytes', '64K', '--only', 'cli-server,fpm,fpm-max-requests,worker', '--leak', 'malloc', '--no-plot', '--max-requests', '3'],
    Php::memorySo(), 90.0, null, ['TMPDIR' => $tmp]);
echo "status {$run->status}\n";
$lines = explode("\n", rtrim($run->stderr));
$notes = array_filter($lines, fn ($l) => str_starts_with($l, 'memlab demo: '));
$progress = array_filter($lines, fn ($l) => preg_match('/^\[ ?\d+\/\d+\] \S+ +\S+ +\[[#.]+\]/', $l) === 1);
echo count($notes), ' notes, ', count($progress), " progress lines\n";
foreach (array_diff_key($lines, $notes, $progress) as $other) {
    echo "other: $other\n";
}
$scenarios = $run->summary()['scenarios'];
echo implode(' ', array_map(fn ($s) => $s['lifecycle'] . ':' . ($s['error'] === null ? 'ran' : 'failed'), $scenarios)), "\n";
$pids = array_merge(...array_column($scenarios, 'pids'));
// One process per lifecycle, and the fpm lifecycle's pool of four children.
echo count($pids) >= 7 ? 'served by 7+ processes' : 'too few pids: ' . count($pids), ', ', count(array_filter($pids, [Proc::class, 'alive'])), " alive\n";
echo 'left in its temporary folder: ', implode(' ', array_diff(scandir($tmp), ['.', '..'])) ?: 'nothing', "\n";
$run->clean();
?>
--EXPECT--
status 0
2 notes, 4 progress lines
cli-server:ran fpm:ran fpm-max-requests:ran worker:ran
served by 7+ processes, 0 alive
left in its temporary folder: nothing
