--TEST--
memory.report_format=json: one JSON object per request on one line, every documented key, right for a 1 B malloc, an odd 12,345 B emalloc and a huge 64 MiB emalloc
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/inc/checks.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;
use function MemoryLab\Test\check_range;
use const MemoryLab\Test\NO_LEAK_REPORT;

/* Run $code in a php with the JSON report on (and a debug build's leak report off: $code may
 * leak emalloc) and $env; the report decoded, and its pid printed by $code. */
function report(string $code, array $env = []): array
{
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=' . Php::memorySo(), '-d', 'memory_limit=-1',
        '-d', 'memory.report=1', '-d', 'memory.report_format=json', '-r', NO_LEAK_REPORT . $code . ' echo getmypid();'];
    $run = Exec::run($cmd, 60, $env);
    $lines = explode("\n", trim($run['stderr']));
    $report = json_decode($lines[0], true);
    echo 'one line of JSON, from the same process: ',
        count($lines) === 1 && is_array($report) && $report['pid'] === (int) $run['stdout'] ? 'yes' : $run['stderr'], "\n";
    return $report;
}

$mib = 1048576;
// mallinfo2() counts glibc's per-thread cache (tcache) as in use: a 32 B chunk that PHP's
// startup left there serves the 1 B malloc unseen (so on a debug NTS build of 8.2). With the
// cache off the malloc always shows, against a request that makes none: the request's other
// frees go back to the arena then, and its own growth is below 0.
$noTcache = ['GLIBC_TUNABLES' => 'glibc.malloc.tcache_count=0'];
$none = report('', $noTcache);
$r = report('leak_malloc(1);', $noTcache);
echo 'keys: ', implode(' ', array_keys($r)), "\n";
echo 'all ints: ', array_filter($r, 'is_int') === $r ? 'yes' : json_encode($r), "\n";
echo 'request, leaks: ', json_encode([$r['request'], $r['request_leaked_malloc'], $r['leaked_malloc'], $r['leaked_emalloc']]), "\n";
check_range('1 B malloc: malloc_in_use_growth above a bare request\'s', $r['malloc_in_use_growth'] - $none['malloc_in_use_growth'], 1, 4096, 'B');

// A large run of 4 pages, still emalloc'd at RSHUTDOWN: the usage is a call without it plus 16 KiB.
$bare = report('leak_emalloc(1);');
$r = report('leak_emalloc(12345, true);');
check_range('12,345 B emalloc: leaked_emalloc', $r['leaked_emalloc'], 12345, 12345, 'B');
check_range('12,345 B emalloc: zend_usage above leak_emalloc(1)\'s', $r['zend_usage'] - $bare['zend_usage'], 16384 - 1024, 16384 + 1024, 'B');
check_range('12,345 B emalloc: zend_peak - zend_usage', $r['zend_peak'] - $r['zend_usage'], 0, 128 * 1024, 'B');

// A huge block is still live at RSHUTDOWN: it is in the usage, the peak, the real size, VSZ
// and (written) RSS, and leaves only at request end.
$r = report('leak_emalloc(64 * 1048576, true);');
check_range('64 MiB emalloc: zend_usage', $r['zend_usage'], 64 * $mib, 65 * $mib, 'B');
check_range('64 MiB emalloc: zend_real_usage', $r['zend_real_usage'], 66 * $mib, 68 * $mib, 'B');
check_range('64 MiB emalloc: vsz_growth', $r['vsz_growth'], 64 * $mib, 65 * $mib, 'B');
check_range('64 MiB emalloc: rss_growth', $r['rss_growth'], 64 * $mib, 66 * $mib, 'B');
check_range('64 MiB emalloc: malloc_in_use_growth', $r['malloc_in_use_growth'], -4096, 4096, 'B');
?>
--EXPECT--
one line of JSON, from the same process: yes
one line of JSON, from the same process: yes
keys: pid request zend_peak zend_usage zend_real_usage malloc_in_use malloc_free vsz rss malloc_in_use_growth vsz_growth rss_growth leaked_emalloc request_leaked_malloc request_leaked_pemalloc leaked_malloc leaked_pemalloc
all ints: yes
request, leaks: [1,1,1,0]
1 B malloc: malloc_in_use_growth above a bare request's: within 1 to 4096 B
one line of JSON, from the same process: yes
one line of JSON, from the same process: yes
12,345 B emalloc: leaked_emalloc: within 12345 to 12345 B
12,345 B emalloc: zend_usage above leak_emalloc(1)'s: within 15360 to 17408 B
12,345 B emalloc: zend_peak - zend_usage: within 0 to 131072 B
one line of JSON, from the same process: yes
64 MiB emalloc: zend_usage: within 67108864 to 68157440 B
64 MiB emalloc: zend_real_usage: within 69206016 to 71303168 B
64 MiB emalloc: vsz_growth: within 67108864 to 68157440 B
64 MiB emalloc: rss_growth: within 67108864 to 69206016 B
64 MiB emalloc: malloc_in_use_growth: within -4096 to 4096 B
