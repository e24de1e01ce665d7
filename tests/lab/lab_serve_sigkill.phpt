--TEST--
lab: serve killed with SIGKILL takes php -S down with it (setpriv --pdeathsig): the port is free again
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
if (MemoryLab\Lab\Php::find('setpriv') === null) {
    die("skip setpriv is not installed (Debian: util-linux)\n");
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

$port = Proc::freePort();
$log = RunDir::sub('serve') . '/serve.log';
$proc = proc_open(
    [PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'serve', '--port', (string) $port],
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']],
    $pipes, null, ['MEMORY_SO' => Php::memorySo()] + getenv()
);
$pid = proc_get_status($proc)['pid'];
$server = 0;
$runDir = null;
try {
    for ($deadline = microtime(true) + 30; $server === 0 && microtime(true) < $deadline; usleep(20000)) {
        if (preg_match('/php -S \(pid (\d+)\)/', (string) file_get_contents($log), $m)) {
            $server = (int) $m[1];
        }
    }
    echo 'php -S listens on the port: ', var_export($server > 0 && Proc::listeners($port)['pids'] === [$server], true), "\n";
    $so = substr((string) current(preg_grep('/^extension=/', Proc::cmdline($server) ?? [])), strlen('extension='));
    $runDir = $so !== '' ? dirname($so, 2) : null;

    Proc::kill($pid, Proc::SIGKILL);
    for ($deadline = microtime(true) + 10; (Proc::alive($server) || !Proc::portFree($port)) && microtime(true) < $deadline; usleep(20000)) {
    }
    $status = proc_get_status($proc);
    echo 'memlab: ', $status['signaled'] ? 'killed by signal ' . $status['termsig'] : 'not killed', "\n";
    echo 'php -S gone: ', var_export(!Proc::alive($server), true),
        ', nothing listens on the port: ', var_export(Proc::listeners($port)['pids'] === [] && Proc::portFree($port), true), "\n";
} finally {
    Proc::kill($pid, Proc::SIGKILL);
    proc_close($proc);
    if ($server > 0 && Proc::alive($server)) {
        Proc::kill($server, Proc::SIGKILL);
    }
    /* A killed process removes nothing: the private copy of memory.so is left in its folder. */
    if ($runDir !== null && str_starts_with(basename($runDir), 'memlab-run-')) {
        RunDir::remove($runDir);
    }
}
?>
--EXPECT--
php -S listens on the port: true
memlab: killed by signal 9
php -S gone: true, nothing listens on the port: true
