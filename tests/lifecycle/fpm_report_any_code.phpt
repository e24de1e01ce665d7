--TEST--
php-fpm with memory.report=1: a request that calls none of the extension's functions (realpath() on 3,000 distinct files) gets a measured report line: glibc's in-use growth (the persistent realpath cache) and RSS growth, in text and, set by ini_set(), in JSON; no leak_*() part
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;
use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\check_range;

// 6,000 files in a private folder with a long name, and a page that resolves 3,000 of them from
// ?first; with ?json=1 it asks for the JSON report. Nothing from the extension is called.
$files = RunDir::sub('files-with-a-long-name-like-a-deployed-application-has');
for ($i = 0; $i < 6000; $i++) {
    touch("$files/src-component-$i.php");
}
$docroot = RunDir::sub('pages');
file_put_contents("$docroot/realpath.php", <<<'PHP'
<?php
if (!empty($_GET['json'])) {
    ini_set('memory.report_format', 'json');
}
for ($i = (int) $_GET['first'], $end = $i + 3000; $i < $end; $i++) {
    realpath($_GET['dir'] . "/src-component-$i.php");
}
header('Content-Type: application/json');
echo json_encode(['pid' => getmypid()]), "\n";
PHP);
file_put_contents("$docroot/hello.php", "<?php echo json_encode(['pid' => getmypid()]);\n");

$fpm = Server::start('fpm', ['children' => 1, 'docroot' => $docroot, 'ini' => ['memory.report' => 1]]);
$fpm->requestJson('/hello.php');
$pid = $fpm->requestJson('/hello.php')['pid'];

/* The report lines the child has logged so far (they reach the master's log through a pipe). */
function lines(Server $fpm, int $count): array
{
    $lines = [];
    for ($deadline = microtime(true) + 10; count($lines) < $count && microtime(true) < $deadline; usleep(20000)) {
        $lines = array_values(array_filter(explode("\n", $fpm->log()), fn ($l) => str_contains($l, 'PHP message: ')));
    }
    return array_map(fn ($l) => substr($l, strpos($l, 'PHP message: ') + 13), $lines);
}

$before = Proc::mem($pid);
$fpm->requestJson('/realpath.php', ['dir' => $files, 'first' => 0]);
$text = lines($fpm, 3)[2];
$after = Proc::mem($pid);
$fpm->requestJson('/realpath.php', ['dir' => $files, 'first' => 3000, 'json' => 1]);
$json = json_decode(lines($fpm, 4)[3], true);

echo 'text: ', preg_replace('/\d+/', 'N', preg_replace('/[+-]\d+ B/', '±N B', $text)), "\n";
preg_match('/malloc in use (\d+) B \(([+-]\d+) B\)/', $text, $malloc);
preg_match('/RSS (\d+) B \(([+-]\d+) B\) across/', $text, $rss);
check_range('text: glibc in use growth, KiB', (int) $malloc[2] / 1024, 300, 1024);
check_range('text: RSS growth, KiB', (int) $rss[2] / 1024, 300, 2048);
// What the child kept, read from outside after the request: the realpath cache stays.
check_range('RSS of the child after the request, above before, from /proc/PID, KiB', $after['rss_kb'] - $before['rss_kb'], 300, 2048);

echo 'json: one object, keys: ', implode(' ', array_keys($json)), "\n";
echo 'json: pid and request: ', $json['pid'] === $pid && $json['request'] === 4 ? 'yes' : json_encode($json), "\n";
check_range('json: malloc_in_use_growth, KiB', $json['malloc_in_use_growth'] / 1024, 300, 1024);
check_range('json: rss_growth, KiB', $json['rss_growth'] / 1024, 300, 2048);
echo 'json: no leak_*() moved: ', $json['leaked_emalloc'] + $json['request_leaked_malloc'] + $json['request_leaked_pemalloc'] === 0 ? 'yes' : 'no', "\n";
$fpm->stop();
?>
--EXPECT--
text: memory: pid N request N: zend peak N B, back to the Zend MM at request end N B, held by the Zend MM N B; malloc in use N B (±N B), free in arenas N B; VSZ N B (±N B), RSS N B (±N B) across the request
text: glibc in use growth, KiB: within 300 to 1024 KiB
text: RSS growth, KiB: within 300 to 2048 KiB
RSS of the child after the request, above before, from /proc/PID, KiB: within 300 to 2048 KiB
json: one object, keys: pid request zend_peak zend_usage zend_real_usage malloc_in_use malloc_free vsz rss malloc_in_use_growth vsz_growth rss_growth leaked_emalloc request_leaked_malloc request_leaked_pemalloc leaked_malloc leaked_pemalloc
json: pid and request: yes
json: malloc_in_use_growth, KiB: within 300 to 1024 KiB
json: rss_growth, KiB: within 300 to 2048 KiB
json: no leak_*() moved: yes
