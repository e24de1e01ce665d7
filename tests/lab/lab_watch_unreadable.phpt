--TEST--
lab: watch --port as another user, against root's listener, says the process is not readable (not "nothing listens"), exit 1
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
/* The effective uid, from /proc (ext/posix may not be loaded). */
preg_match('/^Uid:\s+\d+\s+(\d+)/m', (string) file_get_contents('/proc/self/status'), $uid);
if ((int) ($uid[1] ?? -1) !== 0) {
    die("skip needs root, to run watch as the user nobody against a process of root's\n");
}
$setpriv = MemoryLab\Lab\Php::find('setpriv') ?? die("skip setpriv is not installed (Debian: util-linux)\n");
$check = MemoryLab\Lab\Exec::run([$setpriv, '--reuid=65534', '--regid=65534', '--clear-groups', 'test', '-r', __DIR__ . '/../../lab/memlab.php'], 10);
if ($check['status'] !== 0) {
    die("skip the user nobody cannot read lab/memlab.php in this tree\n");
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;

/* The listener: a process of root's. Not this one: the watch, started from here, would
 * inherit the socket and find itself listening. */
/* The lab's command line, not the extension, runs as nobody: without the ASan lane's runtime,
 * whose reports go to a folder of root's that nobody cannot write. */
$withoutSanitizer = ['LD_PRELOAD' => false, 'ASAN_OPTIONS' => false, 'LSAN_OPTIONS' => false, 'UBSAN_OPTIONS' => false];
$listener = proc_open([PHP_BINARY, '-n', '-r', '$s = stream_socket_server("tcp://127.0.0.1:0"); echo stream_socket_get_name($s, false), "\n"; sleep(60);'],
    [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$listenerPid = proc_get_status($listener)['pid'];
try {
    $port = (int) substr(strrchr(trim((string) fgets($pipes[1])), ':'), 1);
    echo 'root listens on the port: ', var_export(Proc::listeners($port)['pids'] === [$listenerPid], true), "\n";
    $asNobody = [Php::find('setpriv'), '--reuid=65534', '--regid=65534', '--clear-groups', PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'watch', '--port', (string) $port, '--for', '1'];
    $run = Exec::run($asNobody, 30, $withoutSanitizer);
    echo 'status ', $run['status'], ', stdout ', var_export($run['stdout'], true), "\n";
    echo str_replace(" $port,", ' P,', $run['stderr']);
} finally {
    Proc::kill($listenerPid, Proc::SIGKILL);
    fclose($pipes[1]);
    proc_close($listener);
}

/* The same command once the listener is gone: nothing listens, and it says that instead. */
$run = Exec::run($asNobody, 30, $withoutSanitizer);
echo 'status ', $run['status'], ': ', str_replace((string) $port, 'P', $run['stderr']);
?>
--EXPECT--
root listens on the port: true
status 1, stdout ''
memlab watch: something listens on port P, but its process is not readable by this user (uid 65534): run watch as its owner or as root
status 1: memlab watch: nothing listens on port P (start a server with ./memlab serve --port P)
