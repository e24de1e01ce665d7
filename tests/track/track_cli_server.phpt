--TEST--
memory.track in php -S, 40 requests in one process: each request's leak report names its own block only, the heap is reset between requests as without tracking (memory_get_usage() at the page's start the same in every request, and the same as in an untracked php -S), marks grow across requests, and a mark from an earlier request covers the whole of the current one
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

$docroot = sys_get_temp_dir() . '/track-docroot-' . getmypid();
@mkdir($docroot);
file_put_contents("$docroot/track.php", '<?php
$start = memory_get_usage();
$mark = ini_get("memory.track") ? memory_track_mark() : 0;
leak_emalloc(1000);
$since = isset($_GET["since"]) ? memory_track_live((int) $_GET["since"]) : [];
$sites = array_column($since, "function");
echo json_encode(["start" => $start, "mark" => $mark, "since_sites" => $sites]);');
$server = Server::start('cli-server', ['docroot' => $docroot, 'ini' => ['memory.track' => '1', 'memory.report' => '1']]);
$rows = [];
for ($i = 0; $i < 40; $i++) {
    $rows[] = $server->requestJson('/track.php', $i === 39 ? ['since' => $rows[0]['mark']] : []);
}
$log = $server->log();
$server->stop();
$plain = Server::start('cli-server', ['docroot' => $docroot, 'ini' => ['memory.track' => '0']]);
$plainStarts = [];
for ($i = 0; $i < 39; $i++) {
    $plainStarts[] = $plain->requestJson('/track.php')['start'];
}
$plain->stop();
unlink("$docroot/track.php");
rmdir($docroot);

$starts = array_column(array_slice($rows, 2, 37), 'start');
echo 'memory_get_usage() at the start, requests 3-39: ', count(array_unique($starts)) === 1 ? 'the same in every one' : implode(' ', array_unique($starts)), "\n";
echo 'the same as untracked: ', $starts === array_slice($plainStarts, 2, 37) ? 'yes' : implode(' ', array_unique(array_slice($plainStarts, 2, 37))), "\n";
$marks = array_column($rows, 'mark');
echo 'marks grow: ', $marks === array_values(array_unique($marks)) && $marks == array_values(array_filter($marks, fn ($m) => $m > 0)) && $marks === (function ($m) { sort($m); return $m; })($marks) ? 'yes' : implode(' ', $marks), "\n";
echo 'a mark from request 1, in request 40, finds this request\'s leak: ', in_array('leak_emalloc', $rows[39]['since_sites'], true) ? 'yes' : json_encode($rows[39]['since_sites']), "\n";
preg_match_all('/emalloc leaks: (\d+) blocks?, (\d+) bytes/', $log, $m, PREG_SET_ORDER);
$counts = array_count_values(array_map(fn ($x) => "$x[1] blocks, $x[2] bytes", $m));
foreach ($counts as $what => $n) {
    echo "$n requests: $what\n";
}
preg_match_all('/memory:   1000 bytes in 1 block at \S+track\.php:4, leak_emalloc \(memory\)/', $log, $sites);
echo count($sites[0]), " site lines at track.php:4\n";
?>
--EXPECT--
memory_get_usage() at the start, requests 3-39: the same in every one
the same as untracked: yes
marks grow: yes
a mark from request 1, in request 40, finds this request's leak: yes
40 requests: 1 blocks, 1000 bytes
40 site lines at track.php:4
