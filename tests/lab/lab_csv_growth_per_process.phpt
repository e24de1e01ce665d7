--TEST--
lab: the CSV's d_vsz_kb/d_rss_kb and the table's VIRT witness count each serving process's growth from its own warm-up (php-fpm children that take turns, whose idle RSS differs, start at 0 each), and a process that replaced a recycled one without a warm-up from the scenario's first warm-up (its first leaking request shows the leak, not +0 B); synthetic series
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Analysis;
use MemoryLab\Lab\Leak;
use MemoryLab\Lab\Report;

$sample = fn (int $r, int $pid, int $vsz, int $rss) => ['request' => $r, 'pid' => $pid, 'ok' => true, 'vsz_kb' => $vsz, 'rss_kb' => $rss,
    'zend_usage' => 400000, 'malloc_in_use' => 2000000, 'pid_request' => 1, 'error' => null];

echo "-- two children taking turns, idle RSS 12,324 and 10,096 KiB, 2,052 KiB per leak\n";
$pool = [$sample(0, 11, 192260, 12324), $sample(0, 12, 192260, 10096)];
for ($r = 1; $r <= 4; $r++) {
    $n = intdiv($r + 1, 2);
    $pool[] = $r % 2 ? $sample($r, 11, 192260 + 2052 * $n, 12324 + 2052 * $n) : $sample($r, 12, 192260 + 2052 * $n, 10096 + 2052 * $n);
}
foreach (Report::parseCsv(Report::csv($pool)) as $row) {
    echo "request {$row['request']} pid {$row['pid']}: d_vsz_kb {$row['d_vsz_kb']}, d_rss_kb {$row['d_rss_kb']}\n";
}

echo "-- recycled after 2 requests: the replacement (pid 22) has no warm-up\n";
$recycled = [$sample(0, 21, 58700, 9300), $sample(1, 21, 60752, 11352), $sample(2, 21, 62804, 13404),
    ['request' => 3, 'pid' => 21, 'ok' => false, 'dead' => false, 'recycled' => true, 'error' => 'pid 21 exited after this request (recycled)'],
    $sample(4, 22, 60752, 11352), $sample(5, 22, 62804, 13404)];
foreach (Report::parseCsv(Report::csv($recycled)) as $row) {
    echo "request {$row['request']} pid {$row['pid']}: d_vsz_kb '{$row['d_vsz_kb']}', d_rss_kb '{$row['d_rss_kb']}'\n";
}
$leak = new Leak('malloc');
$table = Report::table('fpm-max-requests · malloc', $leak, $recycled, Analysis::analyze($recycled, $leak));
preg_match_all('/^ +(\d+) +(\d+) .* (\S+ \S+)$/m', $table, $m, PREG_SET_ORDER);
foreach ($m as [, $r, $pid, $witness]) {
    echo "table request $r pid $pid: witness $witness\n";
}
?>
--EXPECT--
-- two children taking turns, idle RSS 12,324 and 10,096 KiB, 2,052 KiB per leak
request 0 pid 11: d_vsz_kb 0, d_rss_kb 0
request 0 pid 12: d_vsz_kb 0, d_rss_kb 0
request 1 pid 11: d_vsz_kb 2052, d_rss_kb 2052
request 2 pid 12: d_vsz_kb 2052, d_rss_kb 2052
request 3 pid 11: d_vsz_kb 4104, d_rss_kb 4104
request 4 pid 12: d_vsz_kb 4104, d_rss_kb 4104
-- recycled after 2 requests: the replacement (pid 22) has no warm-up
request 0 pid 21: d_vsz_kb '0', d_rss_kb '0'
request 1 pid 21: d_vsz_kb '2052', d_rss_kb '2052'
request 2 pid 21: d_vsz_kb '4104', d_rss_kb '4104'
request 3 pid 21: d_vsz_kb '', d_rss_kb ''
request 4 pid 22: d_vsz_kb '2052', d_rss_kb '2052'
request 5 pid 22: d_vsz_kb '4104', d_rss_kb '4104'
table request 0 pid 21: witness +0 B
table request 1 pid 21: witness +2.00 MiB
table request 2 pid 21: witness +4.01 MiB
table request 4 pid 22: witness +2.00 MiB
table request 5 pid 22: witness +4.01 MiB
