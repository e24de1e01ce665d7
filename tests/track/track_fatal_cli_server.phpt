--TEST--
memory.track after a fatal error in php -S and php-fpm: a page that leaks 3 x 12,345 B and then hits memory_limit inside a function reports exactly those 3 blocks at its line, the next request in the same process reports its own leak only, and a page that dies without leaking reports 0 blocks
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

use MemoryLab\Lab\Server\Server;

$docroot = sys_get_temp_dir() . '/track-fatal-' . getmypid();
@mkdir($docroot);
file_put_contents("$docroot/fatal.php", '<?php
if (!empty($_GET["leak"])) { for ($i = 0; $i < 3; $i++) { leak_emalloc(12345); } }
function fill() { $s = str_repeat("x", 5000); $k = []; for (;;) { $k[] = str_repeat("k", 100); } }
if (!empty($_GET["die"])) { fill(); }
echo "{}";');
$kinds = ['cli-server'];
$lines = [];
if (MemoryLab\Lab\Php::fpm() !== null && MemoryLab\Lab\Php::cgiFcgi() !== null) {
    $kinds[] = 'fpm';
}
try {
    foreach ($kinds as $kind) {
        $server = Server::start($kind, ['docroot' => $docroot, 'ini' => ['memory.track' => '1', 'memory.report' => '1', 'memory.report_format' => 'json', 'memory_limit' => '16M']]);
        $queries = [['leak' => 1, 'die' => 1], ['leak' => 1], ['die' => 1]];
        foreach ($queries as $q) {
            $server->request('/fatal.php', $q);
        }
        $reports = [];
        for ($deadline = microtime(true) + 10; count($reports) < count($queries) && microtime(true) < $deadline; usleep(20000)) {
            preg_match_all('/(\{"pid".*\})/', $server->log(), $m);
            $reports = array_map(fn ($j) => json_decode($j, true), $m[1]);
        }
        $server->stop();
        $lines[$kind] = '';
        foreach ($reports as $i => $r) {
            $sites = array_map(fn ($s) => basename($s['file']) . ":{$s['line']} {$s['function']} {$s['blocks']} blocks {$s['bytes']} B", $r['leaks']);
            $lines[$kind] .= '  ' . http_build_query($queries[$i]) . ': ' . ($r['fatal_error'] ? 'after a fatal error, ' : '') . "{$r['leaked_blocks']} blocks, {$r['leaked_bytes']} B" . ($sites ? ': ' . implode('; ', $sites) : '') . "\n";
        }
    }
    echo "php -S:\n", $lines['cli-server'];
    echo 'php-fpm: ', !isset($lines['fpm']) ? "not installed here\n" : ($lines['fpm'] === $lines['cli-server'] ? "the same\n" : "\n" . $lines['fpm']);
} finally {
    unlink("$docroot/fatal.php");
    rmdir($docroot);
}
?>
--EXPECTF--
php -S:
  leak=1&die=1: after a fatal error, 3 blocks, 37035 B: fatal.php:2 leak_emalloc 3 blocks 37035 B
  leak=1: 3 blocks, 37035 B: fatal.php:2 leak_emalloc 3 blocks 37035 B
  die=1: after a fatal error, 0 blocks, 0 B
php-fpm: %r(the same|not installed here)%r
