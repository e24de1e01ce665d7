--TEST--
lab: serve on a taken port says which process holds it in one line, exit 1, before any build or banner; a bad --port is exit 2
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Proc;

/* A memory.so that does not exist: a serve that went on to build or copy would say so. */
$env = ['MEMORY_SO' => '/nonexistent/memory.so'];
$memlab = __DIR__ . '/../../lab/memlab.php';

/* The listener: a process of its own (memlab, started from here, would inherit a socket of this one). */
$listener = proc_open([PHP_BINARY, '-n', '-r', '$s = stream_socket_server("tcp://127.0.0.1:0"); echo stream_socket_get_name($s, false), "\n"; sleep(60);'],
    [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$listenerPid = proc_get_status($listener)['pid'];
try {
    $port = (int) substr(strrchr(trim((string) fgets($pipes[1])), ':'), 1);
    $run = Exec::run([PHP_BINARY, $memlab, 'serve', '--port', (string) $port], 60, $env);
    echo 'status ', $run['status'], ', stdout ', var_export($run['stdout'], true), "\n";
    echo str_replace([" $port ", "pid $listenerPid (" . basename(PHP_BINARY) . ')'], [' P ', 'pid LISTENER (PHP)'], $run['stderr']);
    echo 'the port is still only the listener\'s: ', var_export(Proc::listeners($port)['pids'] === [$listenerPid], true), "\n";
} finally {
    Proc::kill($listenerPid, Proc::SIGKILL);
    fclose($pipes[1]);
    proc_close($listener);
}

foreach (['0', '65536', 'http'] as $bad) {
    $run = Exec::run([PHP_BINARY, $memlab, 'serve', '--port', $bad], 60, $env);
    echo 'status ', $run['status'], ': ', $run['stderr'];
}
?>
--EXPECT--
status 1, stdout ''
memlab serve: port P on 127.0.0.1 is taken by pid LISTENER (PHP); choose another with --port N
the port is still only the listener's: true
status 2: memlab serve: --port: "0" given; expected a whole number from 1 to 65535 (see ./memlab serve --help)
status 2: memlab serve: --port: "65536" given; expected a whole number from 1 to 65535 (see ./memlab serve --help)
status 2: memlab serve: --port: "http" given; expected a whole number from 1 to 65535 (see ./memlab serve --help)
