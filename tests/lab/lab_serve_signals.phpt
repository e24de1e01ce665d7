--TEST--
lab: serve ended by SIGTERM, SIGHUP or Ctrl-C stops php -S by pid, frees the port and removes its private memory.so (exit 143, 129, 0)
--EXTENSIONS--
memory
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

/* Starts `memlab serve --port $port` on the memory.so under test (nothing is built) and waits
 * for its banner; returns [proc_open handle, its pid, php -S's pid from the banner, log file]. */
function start_serve(int $port): array
{
    $log = RunDir::sub('serve') . '/serve.log';
    $proc = proc_open(
        [PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'serve', '--port', (string) $port],
        [0 => ['file', '/dev/null', 'r'], 1 => ['file', $log, 'a'], 2 => ['file', $log, 'a']],
        $pipes, null, ['MEMORY_SO' => Php::memorySo()] + getenv()
    );
    $pid = proc_get_status($proc)['pid'];
    for ($deadline = microtime(true) + 30; microtime(true) < $deadline; usleep(20000)) {
        if (preg_match('/php -S \(pid (\d+)\)/', (string) file_get_contents($log), $m)) {
            return [$proc, $pid, (int) $m[1], $log];
        }
        if (!proc_get_status($proc)['running']) {
            break;
        }
    }
    Proc::kill($pid, Proc::SIGKILL);
    throw new RuntimeException("serve did not start:\n" . file_get_contents($log));
}

/* The pids whose command line names $path. */
function naming(string $path): array
{
    return array_values(array_filter(Proc::pids(), fn (int $pid) => str_contains(implode(' ', Proc::cmdline($pid) ?? []), $path)));
}

foreach (['SIGTERM' => Proc::SIGTERM, 'SIGHUP' => Proc::SIGHUP, 'SIGINT' => Proc::SIGINT] as $name => $signal) {
    $port = Proc::freePort();
    [$proc, $pid, $server, $log] = start_serve($port);
    $so = null;
    try {
        $argv = Proc::cmdline($server) ?? [];
        $so = substr((string) current(preg_grep('/^extension=/', $argv)), strlen('extension='));
        $runDir = dirname($so, 2);
        echo "$name: php -S listens on the port: ", var_export(Proc::listeners($port)['pids'] === [$server], true),
            ', on a private copy of memory.so: ', var_export($so !== Php::memorySo() && is_file($so) && str_starts_with(basename($runDir), 'memlab-run-'), true), "\n";

        Proc::kill($pid, $signal);
        /* proc_get_status() gives the exit status once, on the first call after the exit. */
        for ($deadline = microtime(true) + 20; ($status = proc_get_status($proc))['running'] && microtime(true) < $deadline; usleep(20000)) {
        }
        $lines = file($log, FILE_IGNORE_NEW_LINES);
        echo "  exit status: ", $status['running'] ? 'still running' : $status['exitcode'], ", last line: ", end($lines), "\n";
        echo "  php -S gone: ", var_export(!Proc::alive($server), true),
            ", nothing listens on the port: ", var_export(Proc::listeners($port)['pids'] === [] && Proc::portFree($port), true),
            ", no process names the private copy: ", var_export(naming($so) === [], true),
            ", its run folder removed: ", var_export(!file_exists($runDir), true), "\n";
    } finally {
        if (Proc::alive($pid)) {
            Proc::kill($pid, Proc::SIGKILL);
        }
        proc_close($proc);
        foreach ($so !== null && $so !== '' ? naming($so) : [] as $left) {
            Proc::kill($left, Proc::SIGKILL);
        }
    }
}
?>
--EXPECTF--
SIGTERM: php -S listens on the port: true, on a private copy of memory.so: true
  exit status: 143, last line: memlab serve: interrupted
  php -S gone: true, nothing listens on the port: true, no process names the private copy: true, its run folder removed: true
SIGHUP: php -S listens on the port: true, on a private copy of memory.so: true
  exit status: 129, last line: memlab serve: interrupted
  php -S gone: true, nothing listens on the port: true, no process names the private copy: true, its run folder removed: true
SIGINT: php -S listens on the port: true, on a private copy of memory.so: true
  exit status: 0, last line: memlab serve: stopped php -S (pid %d)
  php -S gone: true, nothing listens on the port: true, no process names the private copy: true, its run folder removed: true
