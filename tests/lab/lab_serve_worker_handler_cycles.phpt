--TEST--
lab: serve --worker --handler with 1,000 cyclic objects per request: the worker grows by each request's cycles with the cycle collector off, and stays flat with it on
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
use function MemoryLab\Test\{check_between, check_flat, check_range, diffs, emalloc_block, serve_requests, serve_wait, serve_worker};

$handlers = __DIR__ . '/../../lab/handlers';

echo "collector off (gc_disable() in the handler file):\n";
$serve = serve_worker('--handler', "$handlers/cycles_gc_off.php");
$off = serve_requests($serve, 30);
serve_wait($serve, Proc::SIGINT);
// 1,000 stdClass objects (40 B), their property tables (56 B) and the tables' buckets (320 B):
// 416,000 B per request, 560,000 B on a debug build, whose blocks carry a header; the root
// buffer, which keeps growing, adds to some (8-64 KiB; 128 KiB when it doubles past 16,384
// roots). RSS follows, by 428 KiB per request here and 570 KiB on a debug build.
$cycles = 1000 * (emalloc_block(40) + emalloc_block(56) + emalloc_block(320));
check_between('  Zend usage growth per request', diffs(array_column($off, 'zend_usage')), $cycles, $cycles + 131072 + 16384, 'B');
[$least, $most] = ZEND_DEBUG_BUILD ? [520, 620] : [380, 480];
check_range('  RSS growth from request 1 to 30, per request', (end($off)['rss_kb'] - $off[0]['rss_kb']) / 29, $least, $most);
echo '  gc_status() after 30 requests: runs ', end($off)['runs'], ', roots ', number_format(end($off)['roots']), "\n";

echo "collector on (cycles.php):\n";
$serve = serve_worker('--handler', "$handlers/cycles.php");
$on = serve_requests($serve, 30);
serve_wait($serve, Proc::SIGINT);
// The root buffer fills at 10,000 roots, in the 10th request, 20th and 30th: each run frees
// the cycles of 10 requests, and Zend usage falls back to where it was after the last run.
echo '  gc_status() runs after requests 9, 10, 20, 30: ', implode(', ', array_map(fn ($i) => $on[$i - 1]['runs'], [9, 10, 20, 30])), "\n";
// Each run leaves the few objects still in use then (the last one made) to the next.
check_range('  gc_status() collected after 30 requests', end($on)['collected'], 29900, 30000, 'objects');
check_flat('  Zend usage after requests 10, 20 and 30 (right after each run)', [$on[9]['zend_usage'], $on[19]['zend_usage'], $on[29]['zend_usage']], 4096, 'B');
check_flat('  Zend usage peak of every 10 requests', array_map(fn ($ten) => max(array_column($ten, 'zend_usage')), array_chunk($on, 10)), 4096, 'B');
check_flat('  RSS after requests 10-30', array_column(array_slice($on, 9), 'rss_kb'), 64);
?>
--EXPECTF--
collector off (gc_disable() in the handler file):
  Zend usage growth per request: each of 29 within %d to %d B
  RSS growth from request 1 to 30, per request: within %d to %d KiB
  gc_status() after 30 requests: runs 0, roots 30,003
collector on (cycles.php):
  gc_status() runs after requests 9, 10, 20, 30: 0, 1, 2, 3
  gc_status() collected after 30 requests: within 29900 to 30000 objects
  Zend usage after requests 10, 20 and 30 (right after each run): 3 readings within 4096 B of each other
  Zend usage peak of every 10 requests: 3 readings within 4096 B of each other
  RSS after requests 10-30: 21 readings within 64 KiB of each other
