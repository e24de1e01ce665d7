--TEST--
memory.track in php-fpm (pool php_admin_value, the extension loaded by the pool too): each request's JSON line has its own leaks only (3 x 1000 B at the leak page's call, then none), in the same child, and the child serves on
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Server\Server;

$fpm = Server::start('fpm', ['ini' => ['memory.track' => 1, 'memory.report' => 1, 'memory.report_format' => 'json']]);
$queries = [['allocator' => 'emalloc', 'bytes' => 1000, 'count' => 3], ['allocator' => 'none'], ['allocator' => 'emalloc', 'bytes' => 1000, 'count' => 3], ['allocator' => 'malloc', 'bytes' => 100]];
$pids = [];
foreach ($queries as $query) {
    $pids[] = $fpm->requestJson('/leak.php', $query)['pid'];
}
$reports = [];
for ($deadline = microtime(true) + 10; count($reports) < count($queries) && microtime(true) < $deadline; usleep(20000)) {
    $reports = [];
    foreach (explode("\n", $fpm->log()) as $line) {
        if (preg_match('/PHP message: (\{.*\})$/', $line, $m)) {
            $reports[] = json_decode($m[1], true);
        }
    }
}
$fpm->stop();
echo 'one child served them all: ', count(array_unique($pids)) === 1 ? 'yes' : implode(' ', $pids), "\n";
foreach ($reports as $r) {
    $sites = array_map(fn ($s) => basename($s['file']) . " {$s['function']} ({$s['extension']}) {$s['blocks']} blocks {$s['bytes']} B", $r['leaks']);
    echo "request {$r['request']}: {$r['leaked_blocks']} blocks, {$r['leaked_bytes']} B", $sites ? ': ' . implode('; ', $sites) : '', "\n";
}
?>
--EXPECTF--
one child served them all: yes
request %d: 3 blocks, 3000 B: LeakPage.php leak_emalloc (memory) 3 blocks 3000 B
request %d: 0 blocks, 0 B
request %d: 3 blocks, 3000 B: LeakPage.php leak_emalloc (memory) 3 blocks 3000 B
request %d: 0 blocks, 0 B
