--TEST--
memlab lab: bad options exit 2 with one line and start nothing; a taken port (named with the process that holds it, as serve does) and a missing node exit 1, the latter saying how to install Node.js
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('node');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

function lab_run(array $env, string ...$args): array
{
    $dir = RunDir::sub('lab');
    $proc = proc_open(
        array_merge([PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'lab'], $args),
        [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$dir/out", 'w'], 2 => ['file', "$dir/err", 'w']],
        $pipes, null, $env + ['MEMORY_SO' => Php::memorySo()] + getenv()
    );
    $status = proc_close($proc);
    return [$status, trim(file_get_contents("$dir/out") . file_get_contents("$dir/err"))];
}

$taken = stream_socket_server('tcp://127.0.0.1:0');
$takenPort = (int) substr(strrchr(stream_socket_get_name($taken, false), ':'), 1);
$cases = [
    [[], ['--port', '0']],
    [[], ['--port', 'http']],
    [[], ['--port', '65536']],
    [[], ['--lifecycles', 'cli-server,apache']],
    [[], ['--swoole', '/nonexistent/swoole.so']],
    [[], ['--port', (string) $takenPort, '--lifecycles', 'cli-server']],
    [['MEMLAB_NODE' => '/nonexistent/node'], ['--lifecycles', 'cli-server']],
];
foreach ($cases as [$env, $args]) {
    [$status, $said] = lab_run($env, ...$args);
    $line = implode(' ', array_map(fn ($k, $v) => "$k=$v", array_keys($env), $env)) . ($env ? ' ' : '') . implode(' ', $args) . " -> $status: $said";
    /* The holder is this process: its name is what the lab reads from /proc (under valgrind, valgrind's). */
    $line = str_replace((string) $takenPort, 'PORT', $line);
    $at = strpos($line, 'pid ' . getmypid() . ' (');
    if ($at !== false) {
        $line = substr_replace($line, 'pid TEST (PHP)', $at, strpos($line, ')', $at) - $at + 1);
    }
    echo $line, "\n";
}
fclose($taken);
?>
--EXPECT--
--port 0 -> 2: memlab lab: --port: "0" given; expected a whole number from 1 to 65535 (see ./memlab lab --help)
--port http -> 2: memlab lab: --port: "http" given; expected a whole number from 1 to 65535 (see ./memlab lab --help)
--port 65536 -> 2: memlab lab: --port: "65536" given; expected a whole number from 1 to 65535 (see ./memlab lab --help)
--lifecycles cli-server,apache -> 2: memlab lab: --lifecycles: "cli-server,apache" given; expected one or more of cli-server, fpm, worker, swoole, comma-separated (see ./memlab lab --help)
--swoole /nonexistent/swoole.so -> 2: memlab lab: --swoole: "/nonexistent/swoole.so" given; expected a swoole.so this PHP loads: no such file (see ./memlab lab --help)
--port PORT --lifecycles cli-server -> 1: memlab lab: port PORT on 127.0.0.1 is taken by pid TEST (PHP); choose another with --port N, or leave it out for a free one
MEMLAB_NODE=/nonexistent/node --lifecycles cli-server -> 1: memlab lab: MEMLAB_NODE=/nonexistent/node is not an executable file; the page's server runs on Node.js: install it with apt-get install nodejs (Debian's package), or name one with MEMLAB_NODE=/path/to/node
