--TEST--
php-fpm: memory_stats()['request'] counts a child's requests from 1, although php_admin_value[extension] runs RINIT once at load
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

$server = Server::start('fpm', ['children' => 1]);
$pids = [];
foreach (['malloc', 'emalloc', 'malloc'] as $allocator) {
    $page = $server->requestJson('/leak.php', ['allocator' => $allocator, 'bytes' => 4096]);
    $s = $page['stats'];
    $pids[$page['pid']] = true;
    printf("%-8s request %d, leaked_malloc %d, leaked_emalloc %d, sapi %s\n",
        $allocator, $s['request'], $s['leaked_malloc'], $s['leaked_emalloc'], $s['sapi']);
}
echo count($pids), " child\n";
$server->stop();
?>
--EXPECT--
malloc   request 1, leaked_malloc 4096, leaked_emalloc 0, sapi fpm-fcgi
emalloc  request 2, leaked_malloc 4096, leaked_emalloc 4096, sapi fpm-fcgi
malloc   request 3, leaked_malloc 8192, leaked_emalloc 0, sapi fpm-fcgi
1 child
