--TEST--
php-fpm: 64 MiB of huge emalloc blocks go back at request end; after 62.5 MiB in 16 KiB blocks the child stays about 31 MiB above idle while it idles (the Zend MM's cached chunks), which gc_mem_caches() leaves and memory_release() gives back, per layer
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

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;
use MemoryLab\Lab\Server\Server;
use function MemoryLab\Test\check_range;

// Two pages: one leaks ?count emalloc blocks of 16 KiB and ?huge of 4 MiB, every page written (reclaimed at
// request end: back to the Zend MM); one runs gc_mem_caches() alone, then memory_release(),
// reading its own RSS around the first (statm). Both answer their pid.
$docroot = RunDir::sub('pages');
file_put_contents("$docroot/small.php", <<<'PHP'
<?php
for ($i = 0, $n = (int) ($_GET['count'] ?? 0); $i < $n; $i++) {
    leak_emalloc(16384, true);
}
for ($i = 0, $n = (int) ($_GET['huge'] ?? 0); $i < $n; $i++) {
    leak_emalloc(4194304, true);
}
header('Content-Type: application/json');
echo json_encode(['pid' => getmypid()]), "\n";
PHP);
file_put_contents("$docroot/release.php", <<<'PHP'
<?php
$before = memory_stats()['rss'];
gc_mem_caches();
$gc = $before - memory_stats()['rss'];
$released = memory_release();
header('Content-Type: application/json');
echo json_encode(['pid' => getmypid(), 'gc_mem_caches' => $gc, 'released' => $released]), "\n";
PHP);

$fpm = Server::start('fpm', ['children' => 1, 'docroot' => $docroot]);
$rss = fn (int $pid): int => Proc::mem($pid)['rss_kb'];

// Idle: after two small requests (a child makes memory of its own resident in its first two).
$fpm->requestJson('/small.php', ['count' => 1]);
$pid = $fpm->requestJson('/small.php', ['count' => 1])['pid'];
$idle = $rss($pid);

// The same 64 MiB as huge blocks: each its own mmap, unmapped at request end.
$fpm->requestJson('/small.php', ['huge' => 16]);
check_range('RSS above idle after 16 x 4 MiB huge blocks', $rss($pid) - $idle, -1024, 1024);

// 4,000 x 16 KiB = 62.5 MiB of emalloc, all given back to the Zend MM at request end.
$fpm->requestJson('/small.php', ['count' => 4000]);
$after = $rss($pid);
usleep(500000);
$idled = $rss($pid);
check_range('RSS above idle after the request', $after - $idle, 24 * 1024, 40 * 1024);
check_range('RSS above idle after half a second idle', $idled - $idle, 24 * 1024, 40 * 1024);

$page = $fpm->requestJson('/release.php');
$released = $page['released'];
$final = $rss($pid);
echo 'served by the same child: ', $page['pid'] === $pid ? 'yes' : 'no', "\n";
// zend_mm_gc() alone leaves the cached chunks where they are.
check_range('RSS given back by gc_mem_caches() alone (the page\'s own statm)', $page['gc_mem_caches'] / 1024, -1024, 1024);
check_range('RSS above idle after memory_release()', $final - $idle, -1024, 4 * 1024);
check_range("memory_release()['zend_mm'], KiB", $released['zend_mm'] / 1024, 20 * 1024, 40 * 1024);
check_range("memory_release()['zend_mm_cached'], KiB", $released['zend_mm_cached'] / 1024, 20 * 1024, 40 * 1024);
check_range("rss_before - rss_after = zend_mm + malloc, B", $released['rss_before'] - $released['rss_after']
    - $released['zend_mm'] - $released['malloc'], 0, 0, 'B');
// The page's own reading and the reading from outside agree.
check_range("memory_release()['rss_after'] vs /proc/PID, KiB", $released['rss_after'] / 1024 - $final, -2048, 2048);
$fpm->stop();
?>
--EXPECT--
RSS above idle after 16 x 4 MiB huge blocks: within -1024 to 1024 KiB
RSS above idle after the request: within 24576 to 40960 KiB
RSS above idle after half a second idle: within 24576 to 40960 KiB
served by the same child: yes
RSS given back by gc_mem_caches() alone (the page's own statm): within -1024 to 1024 KiB
RSS above idle after memory_release(): within -1024 to 4096 KiB
memory_release()['zend_mm'], KiB: within 20480 to 40960 KiB
memory_release()['zend_mm_cached'], KiB: within 20480 to 40960 KiB
rss_before - rss_after = zend_mm + malloc, B: within 0 to 0 B
memory_release()['rss_after'] vs /proc/PID, KiB: within -2048 to 2048 KiB
