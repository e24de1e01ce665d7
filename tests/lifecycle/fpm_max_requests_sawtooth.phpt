--TEST--
php-fpm: pm.max_requests=4 replaces the leaking child after 4 requests and VmSize drops back to the baseline (a sawtooth)
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

use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\{check_each, measure};

$fpm = Server::start('fpm', ['children' => 1, 'max_requests' => 4]);
// The helper waits for the child to finish each request (or exit) before reading it.
$rows = measure($fpm, 12, ['allocator' => 'malloc'], true);

$pids = array_column($rows, 'pid');
$lives = array_chunk($pids, 4);
$ok = count(array_unique($pids)) === 3;
foreach ($lives as $life) {
    $ok = $ok && count(array_unique($life)) === 1;
}
echo 'a new child pid every 4 requests: ', $ok ? 'yes' : 'no: ' . implode(' ', $pids), "\n";

$exited = array_filter($rows, fn ($r) => $r['vsz_kb'] === null);
echo 'the child is gone after requests: ', implode(', ', array_map(fn ($i) => $i + 1, array_keys($exited))), "\n";

// Within a life each request adds 2,052 KiB.
$growth = [];
$firsts = [];
foreach (array_chunk($rows, 4) as $life) {
    $firsts[] = $life[0]['vsz_kb'];
    for ($i = 1; $i < 3; $i++) {
        $growth[] = $life[$i]['vsz_kb'] - $life[$i - 1]['vsz_kb'];
    }
}
check_each('VmSize growth per request within a child', $growth, 2052, 20.52);
// Each new child starts from the master's image: after its first request it is where the
// first child was after its first, 2 x 2,052 KiB below where the old one was last read.
check_each('VmSize after a new child\'s first request, minus the first child\'s',
    array_map(fn ($v) => $v - $firsts[0], array_slice($firsts, 1)), 0, 8);
check_each('VmSize drop from a child\'s 3rd request to the next child\'s 1st',
    [$rows[2]['vsz_kb'] - $rows[4]['vsz_kb'], $rows[6]['vsz_kb'] - $rows[8]['vsz_kb']], 4104, 41.04);
$fpm->stop();
?>
--EXPECT--
a new child pid every 4 requests: yes
the child is gone after requests: 4, 8, 12
VmSize growth per request within a child: each of 6 within 2052 ± 20.52 KiB
VmSize after a new child's first request, minus the first child's: each of 2 within 0 ± 8 KiB
VmSize drop from a child's 3rd request to the next child's 1st: each of 2 within 4104 ± 41.04 KiB
