--TEST--
php-fpm, opcache on, two children: each child's PSS is below its RSS (shared pages divided), opcache's segment shows as RssShmem, and memory_breakdown() agrees with /proc/PID read from outside
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('fpm', 'cgi-fcgi', 'opcache');
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\RunDir;
use MemoryLab\Lab\Server\Server;

/* One "Name:   N kB" field of a /proc file, in KiB; null when absent. */
function kb(string $text, string $field): ?int
{
    $at = strpos($text, "\n$field:");
    return $at === false ? null : (int) trim(substr($text, $at + strlen($field) + 2, 24));
}

/* RSS, RssShmem, PSS and USS of a process from /proc/PID/status and smaps_rollup, in KiB. */
function outside(int $pid): array
{
    $status = (string) file_get_contents("/proc/$pid/status");
    $rollup = (string) file_get_contents("/proc/$pid/smaps_rollup");
    return [
        'rss' => kb($status, 'VmRSS'),
        'rss_shmem' => kb($status, 'RssShmem'),
        'pss' => kb($rollup, 'Pss'),
        'uss' => kb($rollup, 'Private_Clean') + kb($rollup, 'Private_Dirty'),
    ];
}

// A page with 2,000 functions for opcache to cache in its shared segment, which reports
// memory_breakdown() and whether opcache cached it.
$docroot = RunDir::sub('pages');
$code = "<?php\n";
for ($i = 0; $i < 2000; $i++) {
    $code .= "function f$i(array \$a): array { return array_map(fn (\$x) => \$x * $i + strlen('f$i'), \$a); }\n";
}
$code .= <<<'PHP'
header('Content-Type: application/json');
echo json_encode(['pid' => getmypid(), 'cached' => opcache_is_script_cached(__FILE__), 'breakdown' => memory_breakdown()]), "\n";
PHP;
file_put_contents("$docroot/big.php", $code);
touch("$docroot/big.php", time() - 60); // opcache skips files changed in the last 2 s

$fpm = Server::start('fpm', ['children' => 2, 'docroot' => $docroot, 'opcache' => true]);
$last = [];
for ($i = 0; $i < 8; $i++) {
    $page = $fpm->requestJson('/big.php');
    $last[$page['pid']] = $page;
}
echo 'opcache cached the page: ', $page['cached'] ? 'yes' : 'no', "\n";

foreach ($last as $pid => $page) {
    $out = outside($pid);
    $in = array_map(fn ($bytes) => intdiv($bytes, 1024), $page['breakdown']);
    $ok = $out['pss'] < $out['rss'] && $in['pss'] < $in['rss'] && $out['uss'] <= $out['pss'];
    echo 'a child: USS <= PSS < RSS, from outside and inside: ', $ok ? 'yes' : json_encode([$out, $in]), "\n";
    echo 'a child: opcache\'s segment is resident as RssShmem: ', $out['rss_shmem'] > 0 && $in['rss_shmem'] > 0 ? 'yes' : json_encode([$out, $in]), "\n";
    // The page read itself while answering; the child has done little since.
    $agree = abs($in['rss'] - $out['rss']) <= 512 && abs($in['rss_shmem'] - $out['rss_shmem']) <= 512;
    echo 'a child: memory_breakdown() agrees with /proc/PID within 512 KiB: ', $agree ? 'yes' : json_encode([$out, $in]), "\n";
}
echo 'children that answered: ', count($last), "\n";
$fpm->stop();
?>
--EXPECT--
opcache cached the page: yes
a child: USS <= PSS < RSS, from outside and inside: yes
a child: opcache's segment is resident as RssShmem: yes
a child: memory_breakdown() agrees with /proc/PID within 512 KiB: yes
a child: USS <= PSS < RSS, from outside and inside: yes
a child: opcache's segment is resident as RssShmem: yes
a child: memory_breakdown() agrees with /proc/PID within 512 KiB: yes
children that answered: 2
