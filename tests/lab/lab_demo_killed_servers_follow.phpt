--TEST--
lab: a demo killed outright (SIGKILL, no clean-up) takes its servers with it: php-fpm's master and children, by the kernel's parent-death signal
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Build;
use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\Lifecycle;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

$tmp = RunDir::sub('tmp');
$out = RunDir::sub('out');
$env = ['MEMORY_SO' => Php::memorySo(), 'TMPDIR' => $tmp] + getenv();
$demo = proc_open(DemoProcess::command(['--only', 'fpm', '--leak', 'malloc', '--bytes', '4K', '--requests', '1000', '--no-plot'], $out),
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes, Build::root(), $env);
$pid = proc_get_status($demo)['pid'];
$fpm = [];
try {
    // php-fpm's master (the demo's child, in a process group of its own) and its pool's children.
    for ($i = 0; $i < 1000; $i++) {
        foreach (Proc::children($pid) as $child) {
            if (str_contains(implode(' ', Proc::cmdline($child) ?? []), 'php-fpm')) {
                $fpm = array_merge([$child], Proc::children($child));
            }
        }
        if (count($fpm) >= 1 + Lifecycle::FPM_CHILDREN) {
            break;
        }
        usleep(10000);
    }
    echo count($fpm), " php-fpm processes\n";
    Proc::kill($pid, Proc::SIGKILL);
} finally {
    proc_close($demo);
}
// They go by themselves; give them time.
for ($i = 0; $i < 1000 && array_filter($fpm, [Proc::class, 'alive']) !== []; $i++) {
    usleep(10000);
}
echo count(array_filter($fpm, [Proc::class, 'alive'])), " alive\n";
?>
--EXPECT--
5 php-fpm processes
0 alive
