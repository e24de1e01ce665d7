--TEST--
php-fpm: memory_stats()['request'] counts a worker's requests from 1, although php_admin_value[extension] runs RINIT once at load
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
if (MemoryLab\fpm_binary() === null) die('skip php-fpm is not installed');
if (MemoryLab\cgi_fcgi_binary() === null) die('skip cgi-fcgi (libfcgi-bin) is not installed');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Server;
use function MemoryLab\pid_file;

Server::trackPidsIn(pid_file('fpm_request_counting'));
$server = Server::start('fpm', ['children' => 1]);
$pids = [];
foreach (['malloc', 'emalloc', 'malloc'] as $alloc) {
    $page = $server->requestJson('/leak.php', ['alloc' => $alloc, 'bytes' => 4096]);
    $s = $page['stats'];
    $pids[$page['pid']] = true;
    printf("%-8s request %d, leaked_malloc %d, leaked_emalloc %d, sapi %s\n",
        $alloc, $s['request'], $s['leaked_malloc'], $s['leaked_emalloc'], $s['sapi']);
}
echo count($pids), " worker\n";
$server->stop();
?>
--CLEAN--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\stop_pids(MemoryLab\pid_file('fpm_request_counting'));
?>
--EXPECT--
malloc   request 1, leaked_malloc 4096, leaked_emalloc 0, sapi fpm-fcgi
emalloc  request 2, leaked_malloc 4096, leaked_emalloc 4096, sapi fpm-fcgi
malloc   request 3, leaked_malloc 8192, leaked_emalloc 0, sapi fpm-fcgi
1 worker
