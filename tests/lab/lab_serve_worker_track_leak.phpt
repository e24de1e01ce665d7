--TEST--
lab: serve --worker --track with a handler that leaks emalloc at two lines per request: under each request's line, what it left behind, by call site (file:line, function, extension), exact in blocks and bytes
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
use function MemoryLab\Test\{handler_file, serve_left, serve_requests, serve_run, serve_wait, serve_worker};

$help = serve_run('--help');
echo '--help says how tracking is switched on: ', str_contains($help['stdout'], '--track runs the server with -d memory.track=1') ? 'yes' : 'no', "\n";

// The file's line 1 is "<?php": leak_emalloc(3000) is on line 3, the two of 500 B on line 4.
$handler = handler_file(<<<'PHP'
return static function (array $request): string {
    leak_emalloc(3000);
    leak_emalloc(500); leak_emalloc(500);
    return "ok\n";
};
PHP);
$serve = serve_worker('--track', '--handler', $handler);
$lines = serve_requests($serve, 6);
$left = [];
for ($n = 1; $n <= 6; $n++) {
    $left[$n] = implode("\n", serve_left($serve, $n));
}
echo 'serve exits 0 on Ctrl-C: ', var_export(serve_wait($serve, Proc::SIGINT), true), ', the worker gone: ', var_export(!Proc::alive($serve['worker']), true), "\n";
echo 'the same for each of the 6 requests: ', count(array_unique($left)) === 1 ? 'yes' : "no\n" . print_r($left, true), "\n";
echo str_replace(dirname($handler), 'DIR', $left[1]), "\n";
// The worker's own figures agree: Zend usage grows by at least the 4,000 B each request.
$growth = array_map(fn ($a, $b) => $b['zend_usage'] - $a['zend_usage'], array_slice($lines, 0, -1), array_slice($lines, 1));
echo 'Zend usage grew by at least 4,000 B after each request: ', min($growth) >= 4000 ? 'yes' : 'no: ' . implode(', ', $growth), "\n";
?>
--EXPECT--
--help says how tracking is switched on: yes
serve exits 0 on Ctrl-C: 0, the worker gone: true
the same for each of the 6 requests: yes
left behind: 4,000 B in 3 blocks at 2 sites
  3,000 B in 1 block at DIR/handler.php:3, leak_emalloc (memory)
  1,000 B in 2 blocks at DIR/handler.php:4, leak_emalloc (memory)
Zend usage grew by at least 4,000 B after each request: yes
