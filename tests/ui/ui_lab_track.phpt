--TEST--
memlab lab --track: php -S and php-fpm run with memory.track and the JSON report; each request event carries its request-end report, the same in memory.report's text words (report line, leak summary, a line per site), and its leak sites (an emalloc of 2M: one block of 2,097,152 bytes at leak_emalloc, in LeakPage.php); a plain request has none
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
    /* The page's log shows it in memory.report's text words (numbers as N, this test's paths as DIR). */
    foreach ($r['report_text'] as $line) {
        echo '  | ', preg_replace(['~(?<=at )/\S+/~', '/[+-]?\d+/'], ['DIR/', 'N'], $line), "\n";
    }
    foreach ($r['leaks'] ?? [] as $site) {
        printf("  %s (%s) at %s: %d block, %d bytes\n", $site['function'], $site['extension'], basename($site['file']), $site['blocks'], $site['bytes']);
    }
    $plain = act($sse, $lab['port'], ['lifecycle' => $lifecycle, 'kind' => 'plain']);
    echo '  a plain request: leaks ', json_encode($plain['leaks']), "\n";
    foreach ($plain['report_text'] as $line) {
        echo '  | ', preg_replace('/[+-]?\d+/', 'N', $line), "\n";
    }
}
lab_kill($lab);
?>
--EXPECT--
track: true
cli-server: the report is the request's JSON: true
  | memory: pid N request N: zend peak N B, back to the Zend MM at request end N B, held by the Zend MM N B; malloc in use N B (N B), free in arenas N B; VSZ N B (N B), RSS N B (N B) across the request; leak_*(): reclaimed now: emalloc N B; retained: malloc N B, pemalloc N B this request, malloc N B, pemalloc N B by this process
  | memory: pid N request N: emalloc leaks: N block, N bytes still allocated at request end, reclaimed now:
  | memory:   N bytes in N block at DIR/LeakPage.php:N, leak_emalloc (memory)
  leak_emalloc (memory) at LeakPage.php: 1 block, 2097152 bytes
  a plain request: leaks []
  | memory: pid N request N: zend peak N B, back to the Zend MM at request end N B, held by the Zend MM N B; malloc in use N B (N B), free in arenas N B; VSZ N B (N B), RSS N B (N B) across the request
  | memory: pid N request N: emalloc leaks: N blocks, N bytes still allocated at request end, reclaimed now
fpm: the report is the request's JSON: true
  | memory: pid N request N: zend peak N B, back to the Zend MM at request end N B, held by the Zend MM N B; malloc in use N B (N B), free in arenas N B; VSZ N B (N B), RSS N B (N B) across the request; leak_*(): reclaimed now: emalloc N B; retained: malloc N B, pemalloc N B this request, malloc N B, pemalloc N B by this process
  | memory: pid N request N: emalloc leaks: N block, N bytes still allocated at request end, reclaimed now:
  | memory:   N bytes in N block at DIR/LeakPage.php:N, leak_emalloc (memory)
  leak_emalloc (memory) at LeakPage.php: 1 block, 2097152 bytes
  a plain request: leaks []
  | memory: pid N request N: zend peak N B, back to the Zend MM at request end N B, held by the Zend MM N B; malloc in use N B (N B), free in arenas N B; VSZ N B (N B), RSS N B (N B) across the request
  | memory: pid N request N: emalloc leaks: N blocks, N bytes still allocated at request end, reclaimed now
