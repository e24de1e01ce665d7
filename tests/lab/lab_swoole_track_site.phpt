--TEST--
lab: real Swoole with memory.track=1: each request is a checkpoint; the worker writes what each request left behind, by call site, and the leak page's answer holds it: exact for emalloc leaks, nothing for a request that leaks nothing or a 404
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'swoole');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Server\Server;

$swoole = Server::start('swoole', ['swoole_so' => MemoryLab\Test\swoole_so(), 'ini' => ['memory.track' => 1]]);
$answers = [];
foreach ([['allocator' => 'emalloc', 'bytes' => 3000, 'count' => 2], ['allocator' => 'emalloc', 'bytes' => 3000, 'count' => 2], ['allocator' => 'none'], ['allocator' => 'malloc', 'bytes' => 4096]] as $query) {
    $answers[] = $swoole->requestJson('/leak.php', $query);
}
$notFound = $swoole->request('/nothing');
// The worker writes its lines once the response is out: wait for the fifth.
for ($deadline = microtime(true) + 10; !str_contains($swoole->log(), ' request 5: ') && microtime(true) < $deadline; usleep(10000)) {
}
$log = $swoole->log();
$processes = array_merge([$swoole->pid()], $swoole->children());
$swoole->stop();

foreach ($answers as $i => $a) {
    $left = $a['left'];
    echo 'answer ', $i + 1, ': ', $left['blocks'], ' blocks, ', $left['bytes'], ' B; ',
        implode('; ', array_map(fn ($s) => basename($s['file']) . " {$s['function']} ({$s['extension']}) {$s['blocks']} x " . ($s['bytes'] / $s['blocks']), $left['sites'])), "\n";
}
echo "404: status {$notFound['status']}\n";
foreach (explode("\n", $log) as $line) {
    if (preg_match('/^swoole\.php: (worker pid \d+ request \d+: .*|  .*)$/', $line, $m)) {
        echo preg_replace(['/pid \d+/', '/:\d+,/'], ['pid PID', ':N,'], $m[1]), "\n";
    }
}
echo 'master, manager and worker stopped: ', array_filter($processes, [Proc::class, 'alive']) === [] ? 'yes' : 'no', "\n";
?>
--EXPECT--
answer 1: 2 blocks, 6000 B; LeakPage.php leak_emalloc (memory) 2 x 3000
answer 2: 2 blocks, 6000 B; LeakPage.php leak_emalloc (memory) 2 x 3000
answer 3: 0 blocks, 0 B; 
answer 4: 0 blocks, 0 B; 
404: status 404
worker pid PID request 1: left behind: 6,000 B in 2 blocks at 1 site
  6,000 B in 2 blocks at lab/src/LeakPage.php:N, leak_emalloc (memory)
worker pid PID request 2: left behind: 6,000 B in 2 blocks at 1 site
  6,000 B in 2 blocks at lab/src/LeakPage.php:N, leak_emalloc (memory)
worker pid PID request 3: left behind: nothing
worker pid PID request 4: left behind: nothing
worker pid PID request 5: left behind: nothing
master, manager and worker stopped: yes
