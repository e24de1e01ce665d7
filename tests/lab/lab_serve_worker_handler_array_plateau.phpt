--TEST--
lab: serve --worker --handler with a local 1 MiB array per request: Zend usage and RSS plateau (the array dies with each request)
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
require __DIR__ . '/../inc/checks.inc';
require __DIR__ . '/../inc/serve.inc';

use MemoryLab\Lab\Proc;
use function MemoryLab\Test\{check_between, check_flat, emalloc_block, serve_requests, serve_wait, serve_worker};

$serve = serve_worker('--handler', __DIR__ . '/../../lab/handlers/array.php');
$lines = serve_requests($serve, 30);
echo 'serve exits 0 on Ctrl-C: ', var_export(serve_wait($serve, Proc::SIGINT), true), ', the worker gone: ', var_export(!Proc::alive($serve['worker']), true), "\n";

// Each request builds 16,384 strings of 20 bytes (48-byte slots; 80-byte on a debug build,
// whose blocks carry a header) in a packed array of 16,384 zvals: 1,048,576 B (1,572,864 B on
// a debug build), plus what the request itself takes, its blocks' headers too: 1,112,520 B in
// all here, 1,692,032 B on a debug build (PHP 8.2).
$array = 16384 * emalloc_block(24 + 20 + 1) + 16384 * 16;
$own = ZEND_DEBUG_BUILD ? 196608 : 131072;
check_between('Zend peak minus the usage after the request', array_map(fn ($l) => $l['zend_peak'] - $l['zend_usage'], $lines), $array, $array + $own, 'B');
// The first requests size the worker's own tables (960 B once, at the 7th here); from the 10th
// on nothing moves: the next array takes the pages of the last one.
$tail = array_slice($lines, 9);
check_flat('Zend usage after requests 10-30', array_column($tail, 'zend_usage'), 0, 'B');
check_flat('RSS after requests 10-30', array_column($tail, 'rss_kb'), 8);
?>
--EXPECTF--
serve exits 0 on Ctrl-C: 0, the worker gone: true
Zend peak minus the usage after the request: each of 30 within %d to %d B
Zend usage after requests 10-30: 21 readings within 0 B of each other
RSS after requests 10-30: 21 readings within 8 KiB of each other
