--TEST--
lab (page log): memory.report's JSON line with memory.track, rewritten by ReportText, reads word for word as the extension's own text lines for the same requests (a 1,000-byte emalloc leak and a plain request, only the numbers differ); the figures are the JSON's
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\RunDir;
use MemoryLab\Lab\Ui\ReportText;

$dir = RunDir::sub('report-text');
file_put_contents("$dir/leak.php", "<?php\nleak_emalloc(1000);\n");
file_put_contents("$dir/plain.php", "<?php\necho '';\n");

/* The lines memory.report writes to the error log ($dir/FORMAT.log) for $script. */
$report = function (string $script, string $format) use ($dir): array {
    @unlink("$dir/$format.log");
    $run = Exec::run([PHP_BINARY, '-n', '-d', 'extension=' . Php::memorySo(), '-d', 'memory.track=1', '-d', 'memory.report=1',
        '-d', "memory.report_format=$format", '-d', "error_log=$dir/$format.log", "$dir/$script"], 60);
    if ($run['status'] !== 0) {
        throw new RuntimeException($run['stderr']);
    }
    $lines = file("$dir/$format.log", FILE_IGNORE_NEW_LINES);
    return array_map(fn ($l) => preg_replace('/^\[[^\]]*\] /', '', $l), $lines);
};
$words = fn (string $line) => preg_replace('/[+-]?\d+/', 'N', $line);

foreach (['leak.php', 'plain.php'] as $script) {
    $text = $report($script, 'text');
    $json = $report($script, 'json');
    $decoded = json_decode($json[0], true);
    $mine = ReportText::lines($decoded);
    echo "$script: ", count($json), " JSON line -> ", count($mine), " lines; the extension's text: ", count($text), " lines\n";
    echo '  the same words: ', var_export(array_map($words, $mine) === array_map($words, $text), true), "\n";
    foreach ($mine as $line) {
        echo '  ', $words($line), "\n";
    }
    if ($script === 'leak.php') {
        echo '  the figures are the JSON\'s: ', var_export(str_contains($mine[0], "zend peak {$decoded['zend_peak']} B,")
            && str_contains($mine[2], "{$decoded['leaks'][0]['bytes']} bytes in 1 block at $dir/leak.php:2, leak_emalloc (memory)"), true), "\n";
    }
}
echo 'not a report: ', json_encode(ReportText::lines(['error' => 'x'])), "\n";
?>
--EXPECTF--
leak.php: 1 JSON line -> 3 lines; the extension's text: 3 lines
  the same words: true
  memory: pid N request N: zend peak N B, back to the Zend MM at request end N B, held by the Zend MM N B; malloc in use N B (N B), free in arenas N B; VSZ N B (N B), RSS N B (N B) across the request; leak_*(): reclaimed now: emalloc N B; retained: malloc N B, pemalloc N B this request, malloc N B, pemalloc N B by this process
  memory: pid N request N: emalloc leaks: N block, N bytes still allocated at request end, reclaimed now:
  memory:   N bytes in N block at /%s
  the figures are the JSON's: true
plain.php: 1 JSON line -> 2 lines; the extension's text: 2 lines
  the same words: true
  memory: pid N request N: zend peak N B, back to the Zend MM at request end N B, held by the Zend MM N B; malloc in use N B (N B), free in arenas N B; VSZ N B (N B), RSS N B (N B) across the request
  memory: pid N request N: emalloc leaks: N blocks, N bytes still allocated at request end, reclaimed now
not a report: []
