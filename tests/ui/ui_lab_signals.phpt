--TEST--
memlab lab ended by SIGTERM or Ctrl-C (SIGINT): every process it started (php -S, php-fpm's master and children, the worker, node) is gone, the ports are free; exit status 143 and 130, "memlab lab: interrupted"
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

use MemoryLab\Lab\Proc;
use function MemoryLab\Test\{lab_start, lab_wait, sse_open, hello, lab_kill};

foreach (['SIGTERM' => Proc::SIGTERM, 'SIGINT' => Proc::SIGINT] as $name => $signal) {
    $lab = lab_start('--lifecycles', 'cli-server,fpm,worker');
    $sse = sse_open($lab['port']);
    $hello = hello($sse);
    $ports = array_merge([$lab['port']], array_map(fn ($l) => (int) parse_url($l['url'], PHP_URL_PORT), $hello['lifecycles']));
    $pids = $lab['pids'];
    echo "$name: ", count($pids) >= 6 ? 'at least 6 processes' : json_encode($pids), ' (php -S, php-fpm and 2 children, the worker, node)', "\n";
    Proc::kill($lab['pid'], $signal);
    $status = lab_wait($lab, 30);
    echo '  exit status ', json_encode($status), ', last line: ', trim((string) shell_exec('tail -n 1 ' . escapeshellarg($lab['err']))), "\n";
    echo '  still alive: ', json_encode(array_values(array_filter($pids, [Proc::class, 'alive']))),
        ', ports free: ', json_encode(array_values(array_filter($ports, fn ($p) => !Proc::portFree($p)))), "\n";
    lab_kill($lab);
}
?>
--EXPECT--
SIGTERM: at least 6 processes (php -S, php-fpm and 2 children, the worker, node)
  exit status 143, last line: memlab lab: interrupted
  still alive: [], ports free: []
SIGINT: at least 6 processes (php -S, php-fpm and 2 children, the worker, node)
  exit status 130, last line: memlab lab: interrupted
  still alive: [], ports free: []
