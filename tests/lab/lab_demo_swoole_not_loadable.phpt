--TEST--
lab: ./memlab demo --swoole PATH that does not load Swoole: one line and exit 2, before anything is built or started
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;
use MemoryLab\Lab\RunDir;

$text = RunDir::sub('not-swoole') . '/swoole.so';
file_put_contents($text, "not a library\n");
// MEMORY_SO names no file: had the demo gone as far as copying memory.so (let alone building
// it or starting a server), it would end with status 1 and "no such memory.so".
foreach (['/nonexistent.so' => '/nonexistent.so', $text => 'TEXT', MemoryLab\Lab\Php::memorySo() => 'MEMORY_SO'] as $path => $shown) {
    $run = DemoProcess::run(['--swoole', $path, '--no-plot'], '/nonexistent/memory.so');
    $lines = explode("\n", rtrim($run->stderr));
    printf("%d %d line%s, stdout %d bytes, %d files: %s\n", $run->status, count($lines), count($lines) === 1 ? '' : 's',
        strlen($run->stdout), count($run->files()), str_replace($path, $shown, $lines[0]));
    $run->clean();
}
?>
--EXPECTF--
2 1 line, stdout 0 bytes, 0 files: memlab demo: --swoole: "/nonexistent.so" given; expected a swoole.so this PHP loads (no such file) (see ./memlab demo --help)
2 1 line, stdout 0 bytes, 0 files: memlab demo: --swoole: "TEXT" given; expected a swoole.so this PHP loads (PHP %s does not load it: Unable to load dynamic library: TEXT: %s) (see ./memlab demo --help)
2 1 line, stdout 0 bytes, 0 files: memlab demo: --swoole: "MEMORY_SO" given; expected a swoole.so this PHP loads (it loads, but php -m lists no swoole: it is not Swoole) (see ./memlab demo --help)
