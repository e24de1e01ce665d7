--TEST--
lab: serve --worker --track with handlers that leave nothing (a local 1 MiB array per request, a page that only answers): every request left behind nothing; without --track serve prints no such line
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../inc/serve.inc';

use MemoryLab\Lab\Proc;
use function MemoryLab\Test\{handler_file, serve_left, serve_requests, serve_wait, serve_worker};

$handlers = [
    'lab/handlers/array.php' => __DIR__ . '/../../lab/handlers/array.php',
    'a handler that only answers' => handler_file('return static fn (array $request): string => "hello " . ($request["query"]["i"] ?? "") . "\n";'),
];
foreach ($handlers as $name => $file) {
    $serve = serve_worker('--track', '--handler', $file);
    serve_requests($serve, 12);
    $left = [];
    for ($n = 1; $n <= 12; $n++) {
        $left[] = implode(' / ', serve_left($serve, $n));
    }
    serve_wait($serve, Proc::SIGINT);
    $counts = array_count_values($left);
    echo "$name, 12 requests: ", json_encode($counts), "\n";
}

$serve = serve_worker('--handler', $handlers['lab/handlers/array.php']);
serve_requests($serve, 3);
serve_wait($serve, Proc::SIGINT);
echo 'without --track: ', str_contains(file_get_contents($serve['out']), 'left behind') ? 'a left-behind line' : 'no left-behind line', "\n";
?>
--EXPECT--
lab/handlers/array.php, 12 requests: {"left behind: nothing":12}
a handler that only answers, 12 requests: {"left behind: nothing":12}
without --track: no left-behind line
