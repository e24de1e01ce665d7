--TEST--
memlab lab --track: php -S and php-fpm run with memory.track and the JSON report; each request event carries its request-end report and its leak sites (an emalloc of 2M: one block of 2,097,152 bytes at leak_emalloc, in LeakPage.php); a plain request has none
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'node', 'fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/lab.inc';

use function MemoryLab\Test\{lab_start, sse_open, hello, act, lab_kill};

$lab = lab_start('--lifecycles', 'cli-server,fpm', '--track');
$sse = sse_open($lab['port']);
echo 'track: ', json_encode(hello($sse)['track']), "\n";
foreach (['cli-server', 'fpm'] as $lifecycle) {
    $r = act($sse, $lab['port'], ['lifecycle' => $lifecycle, 'kind' => 'leak', 'allocator' => 'emalloc', 'bytes' => '2M']);
    $report = json_decode($r['report'][0] ?? '', true);
    echo "$lifecycle: the report is the request's JSON: ", json_encode(($report['pid'] ?? null) === $r['pid'] && ($report['leaked_emalloc'] ?? null) === 2097152), "\n";
    foreach ($r['leaks'] ?? [] as $site) {
        printf("  %s (%s) at %s: %d block, %d bytes\n", $site['function'], $site['extension'], basename($site['file']), $site['blocks'], $site['bytes']);
    }
    $plain = act($sse, $lab['port'], ['lifecycle' => $lifecycle, 'kind' => 'plain']);
    echo '  a plain request: leaks ', json_encode($plain['leaks']), "\n";
}
lab_kill($lab);
?>
--EXPECT--
track: true
cli-server: the report is the request's JSON: true
  leak_emalloc (memory) at LeakPage.php: 1 block, 2097152 bytes
  a plain request: leaks []
fpm: the report is the request's JSON: true
  leak_emalloc (memory) at LeakPage.php: 1 block, 2097152 bytes
  a plain request: leaks []
