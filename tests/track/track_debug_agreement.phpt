--TEST--
memory.track agrees with a debug build's own leak report: the same scripts (leak_emalloc() of 1 B x 7, 12,345 B x 3 and 3 MiB x 2; 5 B x 2 and 777 B from functions; no leak at all) give the same number of blocks in PHP's "=== Total N memory leaks detected ===" (and its Freeing / "Last leak repeated" lines) as in memory.track's report, every size a Freeing line names is one memory.track reports (PHP groups a file and line's blocks whatever their sizes, so it names fewer), and, with tracking on, PHP's report names memory_leak.cpp, the caller, not the tracker; skipped on a release build
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
if (!ZEND_DEBUG_BUILD) {
    die('skip needs a debug build of PHP (ZEND_DEBUG_BUILD), whose own leak report is compared; this PHP is a release build (./memlab test --php-config /path/to/debug/php-config)');
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;

$scripts = [
    'odd sizes' => 'for ($i = 0; $i < 7; $i++) { leak_emalloc(1); }
for ($i = 0; $i < 3; $i++) { leak_emalloc(12345); }
leak_emalloc(3 * 1024 * 1024); leak_emalloc(3 * 1024 * 1024);',
    'from functions' => 'function f(int $n) { leak_emalloc($n); }
function g() { leak_emalloc(777); }
f(5); $a = array_map(fn ($x) => $x * 2, range(1, 100)); g(); f(5);',
    'no leak' => '$a = range(1, 1000); $s = str_repeat("x", 100000); $o = new ArrayObject($a); unset($a, $s, $o);',
];
/* A debug report: the size on each "Freeing ... (N bytes)" line, and the blocks it counts
 * (the line itself and "Last leak repeated N times", which groups a file and line's blocks
 * whatever their sizes). */
function debug_report(string $stderr): array
{
    $sizes = [];
    $blocks = 0;
    foreach (explode("\n", $stderr) as $line) {
        if (preg_match('/Freeing 0x[0-9a-f]+ \((\d+) bytes\)/', $line, $m)) {
            $sizes[] = (int) $m[1];
            $blocks++;
        } elseif (preg_match('/Last leak repeated (\d+) times?/', $line, $m)) {
            $blocks += (int) $m[1];
        }
    }
    return [$blocks, $sizes];
}
foreach ($scripts as $what => $code) {
    $file = tempnam(sys_get_temp_dir(), 'agree') . '.php';
    file_put_contents($file, "<?php\n$code\n");
    $run = Exec::run([PHP_BINARY, '-n', '-d', 'extension=' . Php::memorySo(), '-d', 'report_memleaks=1', '-d', 'memory.track=1', '-d', 'memory.report=1', '-d', 'memory.report_format=json', $file], 120);
    unlink($file);
    [$debugBlocks, $debugSizes] = debug_report($run['stderr']);
    preg_match('/=== Total (\d+) memory leaks detected ===/', $run['stderr'], $total);
    $report = null;
    foreach (explode("\n", $run['stderr']) as $line) {
        if (str_starts_with($line, '{')) {
            $report = json_decode($line, true);
        }
    }
    /* memory.track's sites: each script's sites make blocks of one size, so a site's size is
     * bytes / blocks. */
    $trackedSizes = [];
    foreach ($report['leaks'] ?? [] as $s) {
        $trackedSizes[] = intdiv($s['bytes'], $s['blocks']);
    }
    $unknown = array_diff($debugSizes, $trackedSizes);
    $named = array_map(fn ($s) => "{$s['function']}:{$s['line']} {$s['blocks']} x " . intdiv($s['bytes'], $s['blocks']) . ' B', $report['leaks'] ?? []);
    /* The file a debug report names for each block: with the handlers relaying the caller's
     * file and line, memory_leak.cpp, where leak_emalloc() calls emalloc(). */
    preg_match_all('/^(\S+)\(\d+\) :  Freeing/m', $run['stderr'], $files);
    echo "$what: debug build $debugBlocks blocks (total line: ", $total[1] ?? 'none', '), memory.track ', $report['leaked_blocks'] ?? 'no report', ' blocks; ',
        $unknown ? 'debug sizes memory.track does not report: ' . implode(' ', $unknown) : 'every debug size among memory.track\'s', '; allocated in ',
        implode(' ', array_unique(array_map('basename', $files[1]))) ?: 'nothing', '; memory.track: ', implode(', ', $named) ?: 'none', "\n";
}
?>
--EXPECT--
odd sizes: debug build 12 blocks (total line: 12), memory.track 12 blocks; every debug size among memory.track's; allocated in memory_leak.cpp; memory.track: leak_emalloc:4 2 x 3145728 B, leak_emalloc:3 3 x 12345 B, leak_emalloc:2 7 x 1 B
from functions: debug build 3 blocks (total line: 3), memory.track 3 blocks; every debug size among memory.track's; allocated in memory_leak.cpp; memory.track: leak_emalloc:3 1 x 777 B, leak_emalloc:2 2 x 5 B
no leak: debug build 0 blocks (total line: none), memory.track 0 blocks; every debug size among memory.track's; allocated in nothing; memory.track: none
