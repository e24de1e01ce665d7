--TEST--
lab: a short real soak (--requests 200 --warmup 20) passes its nine checks on php -S and php-fpm (the emalloc drift with memory.track=1 too)
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

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;

$run = Exec::run([PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'soak', '--requests', '200', '--warmup', '20'], 120, ['MEMORY_SO' => Php::memorySo()]);
echo 'status ', $run['status'], "\n";
$lines = explode("\n", rtrim($run['stdout']));
foreach ($lines as $line) {
    if (preg_match('/^(PASS|FAIL) ([^:]+):/', $line, $m)) {
        echo $m[1] === 'PASS' ? "PASS {$m[2]}\n" : "$line\n";
    }
}
echo end($lines), "\n";
echo 'stderr: ', var_export($run['stderr'], true), "\n";
?>
--EXPECT--
status 0
PASS cli-server emalloc drift
PASS fpm emalloc drift
PASS cli-server tracked drift
PASS fpm tracked drift
PASS cli-server memory.max_leak=32M
PASS fpm memory.max_leak=32M
PASS cli-server memory_limit fatal
PASS fpm memory_limit fatal
PASS fpm SIGKILL mid-request
9 passed, 0 failed
stderr: ''
