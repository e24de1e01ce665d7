--TEST--
lab: serve --handler that is missing, a folder, does not parse or does not return a callable, or comes without --worker: one line, exit 2, no worker started
--EXTENSIONS--
memory
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/serve.inc';

use function MemoryLab\Test\{handler_file, serve_run};

$log = dirname(handler_file('')) . '/loaded';
$cases = [
    'a missing file' => ['--worker', '--handler', '/nonexistent/handler.php'],
    'a folder' => ['--worker', '--handler', __DIR__],
    'a parse error' => ['--worker', '--handler', handler_file('return function (array $request): string {')],
    'no callable' => ['--worker', '--handler', handler_file("file_put_contents('$log', implode(' ', \$_SERVER['argv']) . \"\\n\", FILE_APPEND);\nreturn 'hello';")],
    'no --worker' => ['--handler', __DIR__ . '/../../lab/handlers/array.php'],
];
foreach ($cases as $what => $args) {
    $run = serve_run('--port', (string) MemoryLab\Lab\Proc::freePort(), ...$args);
    $lines = explode("\n", rtrim($run['stderr']));
    printf("%s: exit %d, %d line, stdout %d bytes: %s\n", $what, $run['status'], count($lines), strlen($run['stdout']),
        str_replace([end($args), __DIR__], ['FILE', 'DIR'], $lines[0]));
}
// The file that returns no callable was loaded once, by the check, and by no worker.
$loads = file($log, FILE_IGNORE_NEW_LINES);
echo 'loaded ', count($loads), ' time(s), with --check: ', var_export(str_ends_with($loads[0], ' --check'), true), "\n";
?>
--EXPECTF--
a missing file: exit 2, 1 line, stdout 0 bytes: memlab serve: --handler: "FILE" given; no such readable file (see ./memlab serve --help)
a folder: exit 2, 1 line, stdout 0 bytes: memlab serve: --handler: "FILE" given; no such readable file (see ./memlab serve --help)
a parse error: exit 2, 1 line, stdout 0 bytes: memlab serve: --handler FILE: loading it threw ParseError: %s (FILE:%d) (see ./memlab serve --help)
no callable: exit 2, 1 line, stdout 0 bytes: memlab serve: --handler FILE returns string, not a callable (end the file with: return function (array $request): string { ... };) (see ./memlab serve --help)
no --worker: exit 2, 1 line, stdout 0 bytes: memlab serve: --handler runs your code in the long-running worker: add --worker (see ./memlab serve --help)
loaded 1 time(s), with --check: true
