--TEST--
php-fpm with memory.report=1: the error log has the request-end report line of every request
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('fpm', 'cgi-fcgi');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Server\Server;

$fpm = Server::start('fpm', ['ini' => ['memory.report' => 1]]);

$served = [];
foreach ([['allocator' => 'malloc'], ['allocator' => 'emalloc'], ['allocator' => 'pemalloc', 'bytes' => 4096]] as $query) {
    $page = $fpm->requestJson('/leak.php', $query);
    $served[] = "pid {$page['pid']} request {$page['stats']['request']}:";
}

// The children's output reaches the master through a pipe: wait (bounded) for the three lines.
$lines = [];
for ($deadline = microtime(true) + 10; count($lines) < 3 && microtime(true) < $deadline; usleep(20000)) {
    $lines = array_values(array_filter(explode("\n", $fpm->log()), fn ($l) => strpos($l, 'memory: pid') !== false));
}
echo implode("\n", $lines), "\n";
$match = count($lines) === 3;
foreach ($lines as $i => $line) {
    $match = $match && strpos($line, $served[$i]) !== false;
}
echo 'each line names the pid and request the page reported: ', $match ? 'yes' : 'no', "\n";
$fpm->stop();
?>
--EXPECTF--
NOTICE: PHP message: memory: pid %d request %d: zend peak %d B, back to the Zend MM at request end %d B, held by the Zend MM %d B; malloc in use %d B (%s B), free in arenas %d B; VSZ %d B (%s B), RSS %d B (%s B) across the request; leak_*(): reclaimed now: emalloc 0 B; retained: malloc 2097152 B, pemalloc 0 B this request, malloc 2097152 B, pemalloc 0 B by this process
NOTICE: PHP message: memory: pid %d request %d: zend peak %d B, back to the Zend MM at request end %d B, held by the Zend MM %d B; malloc in use %d B (%s B), free in arenas %d B; VSZ %d B (%s B), RSS %d B (%s B) across the request; leak_*(): reclaimed now: emalloc 2097152 B; retained: malloc 0 B, pemalloc 0 B this request, malloc 2097152 B, pemalloc 0 B by this process
NOTICE: PHP message: memory: pid %d request %d: zend peak %d B, back to the Zend MM at request end %d B, held by the Zend MM %d B; malloc in use %d B (%s B), free in arenas %d B; VSZ %d B (%s B), RSS %d B (%s B) across the request; leak_*(): reclaimed now: emalloc 0 B; retained: malloc 0 B, pemalloc 4096 B this request, malloc 2097152 B, pemalloc 4096 B by this process
each line names the pid and request the page reported: yes
