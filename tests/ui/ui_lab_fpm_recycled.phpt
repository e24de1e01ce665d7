--TEST--
memlab lab, php-fpm with pm.max_requests = 5: malloc presses grow a child by 2,052 KiB of VIRT each; after its 5th request it is recycled: an exit event with why recycled, 5 requests and its peak VIRT (its first sample plus the 5 leaks), and the master forks a new child pid, sampled from its start
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

use function MemoryLab\Test\{lab_start, sse_open, hello, act, sse_until, lab_kill};

$lab = lab_start('--lifecycles', 'fpm');
$sse = sse_open($lab['port']);
echo 'lifecycle: ', hello($sse)['lifecycles'][0]['title'], "\n";
for ($i = 0; $i < 16; $i++) {
    $r = act($sse, $lab['port'], ['lifecycle' => 'fpm', 'kind' => 'leak', 'allocator' => 'malloc', 'bytes' => '2M']);
    $ok[] = $r['ok'];
    $reports[] = str_starts_with($r['report'][0] ?? '', "memory: pid {$r['pid']} request ");
}
echo '16 requests answered, each with its report line: ', json_encode([array_unique($ok), array_unique($reports)]), "\n";
/* The exits of the children that served their 5 (the next sample at the latest reports them). */
$last = end($sse['events'])['t'];
sse_until($sse, fn ($e) => $e['type'] === 'sample' && $e['t'] > $last + 1100);
$exits = array_values(array_filter($sse['events'], fn ($e) => $e['type'] === 'exit'));
echo 'children recycled: at least 2: ', json_encode(count($exits) >= 2), "\n";
foreach ($exits as $exit) {
    $samples = array_values(array_filter($sse['events'], fn ($e) => $e['type'] === 'sample' && $e['pid'] === $exit['pid']));
    $growth = $exit['peak_vsz_kb'] - $samples[0]['vsz_kb'];
    $rows[] = sprintf('why %s, requests %d, role %s, peak VIRT - first VIRT within 5 x 2052 KiB .. + 2 MiB: %s', $exit['why'], $exit['requests'], $samples[0]['role'],
        json_encode($growth >= 5 * 2052 && $growth <= 5 * 2052 + 2048 ? true : $growth));
}
echo implode("\n", array_unique($rows)), "\n";
$children = array_unique(array_column(array_filter($sse['events'], fn ($e) => $e['type'] === 'sample' && $e['role'] === 'child'), 'pid'));
echo 'child pids seen: at least 4: ', json_encode(count($children) >= 4), "\n";
lab_kill($lab);
?>
--EXPECT--
lifecycle: php-fpm (pm.max_requests = 5)
16 requests answered, each with its report line: [[true],[true]]
children recycled: at least 2: true
why recycled, requests 5, role child, peak VIRT - first VIRT within 5 x 2052 KiB .. + 2 MiB: true
child pids seen: at least 4: true
