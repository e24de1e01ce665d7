--TEST--
php -S: memory_stats() counts the process's requests; leaked_malloc accumulates across them, leaked_emalloc restarts at 0
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Server\Server;

$server = Server::start('cli-server');

$plan = [
    ['allocator' => 'malloc'],
    ['allocator' => 'emalloc', 'count' => 2],
    ['allocator' => 'emalloc'],
    ['allocator' => 'none'],
    ['allocator' => 'malloc'],
];
foreach ($plan as $query) {
    $page = $server->requestJson('/leak.php', $query);
    $s = $page['stats'];
    printf("%-28s request %d, leaked_malloc %d, leaked_emalloc %d, same pid: %s\n",
        http_build_query($query), $s['request'], $s['leaked_malloc'], $s['leaked_emalloc'],
        $page['pid'] === $server->pid() ? 'yes' : 'no');
}
$server->stop();
?>
--EXPECT--
allocator=malloc             request 1, leaked_malloc 2097152, leaked_emalloc 0, same pid: yes
allocator=emalloc&count=2    request 2, leaked_malloc 2097152, leaked_emalloc 4194304, same pid: yes
allocator=emalloc            request 3, leaked_malloc 2097152, leaked_emalloc 2097152, same pid: yes
allocator=none               request 4, leaked_malloc 2097152, leaked_emalloc 0, same pid: yes
allocator=malloc             request 5, leaked_malloc 4194304, leaked_emalloc 0, same pid: yes
