--TEST--
lab: serve --worker --handler whose handler throws, returns no string, calls exit or dies on memory_limit: the client gets 500 with the reason, serve says it in one line and exits 1, no process left
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
/* memory_limit is the Zend MM's: the valgrind and ASan lanes replace it (USE_ZEND_ALLOC=0). */
MemoryLab\Test\skip_unless('native');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/serve.inc';

use MemoryLab\Lab\Proc;
use function MemoryLab\Test\{handler_file, serve_get, serve_line, serve_wait, serve_worker};

$handlers = [
    'throws' => 'return function (array $request): string { throw new RuntimeException("no such user"); };',
    'returns an int' => 'return fn (array $request) => 42;',
    'calls exit' => 'return function (array $request): string { exit(3); };',
    'dies on memory_limit' => 'ini_set("memory_limit", "16M");
return function (array $request): string {
    $rows = [];
    while (true) {
        $rows[] = str_repeat("x", 100);
    }
};',
];
foreach ($handlers as $what => $code) {
    $file = handler_file("/* The first request is served; the second $what. */\n\$n = 0;\n\$fail = (static function (): callable { $code })();\n"
        . 'return function (array $request) use (&$n, $fail) { return ++$n === 1 ? "first\n" : $fail($request); };');
    $serve = serve_worker('--handler', $file);
    $first = serve_get($serve, '/');
    serve_line($serve, 1);
    $second = serve_get($serve, '/again');
    $status = serve_wait($serve);
    $err = file($serve['err'], FILE_IGNORE_NEW_LINES);
    $normal = fn (string $s): string => str_replace([$file, "pid {$serve['worker']})"], ['HANDLER', 'pid N)'], $s);
    echo "a handler that $what:\n",
        "  first request: {$first['status']} ", trim($first['body']), "; second: {$second['status']} ", $normal(trim($second['body'])), "\n",
        "  serve: exit status ", var_export($status, true), ", last line: ", $normal(end($err)), "\n",
        "  the worker gone: ", var_export(!Proc::alive($serve['worker']), true), ", the port free: ", var_export(Proc::portFree($serve['port']), true),
        ", stdout: the ready line and request 1's: ", var_export(count(file($serve['out'])) === 2, true), "\n";
}
?>
--EXPECTF--
a handler that throws:
  first request: 200 first; second: 500 the handler threw RuntimeException: no such user (HANDLER:4)
  serve: exit status 1, last line: memlab serve: the long-running worker (pid N) ended at request 2: the handler threw RuntimeException: no such user (HANDLER:4); exit status 1
  the worker gone: true, the port free: true, stdout: the ready line and request 1's: true
a handler that returns an int:
  first request: 200 first; second: 500 the handler returned int, not a string
  serve: exit status 1, last line: memlab serve: the long-running worker (pid N) ended at request 2: the handler returned int, not a string; exit status 1
  the worker gone: true, the port free: true, stdout: the ready line and request 1's: true
a handler that calls exit:
  first request: 200 first; second: 500 the handler called exit
  serve: exit status 1, last line: memlab serve: the long-running worker (pid N) ended at request 2: the handler called exit; exit status 3
  the worker gone: true, the port free: true, stdout: the ready line and request 1's: true
a handler that dies on memory_limit:
  first request: 200 first; second: 500 the handler died: Allowed memory size of 16777216 bytes exhausted%S (tried to allocate %d bytes) (HANDLER:%d)
  serve: exit status 1, last line: memlab serve: the long-running worker (pid N) ended at request 2: the handler died: Allowed memory size of 16777216 bytes exhausted%S (tried to allocate %d bytes) (HANDLER:%d); exit status 255
  the worker gone: true, the port free: true, stdout: the ready line and request 1's: true
