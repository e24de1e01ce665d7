--TEST--
memlab lab, php -S: five malloc presses of 2M raise the server pid's VIRT by 2,052 KiB each, as pushed in the event stream; five emalloc presses leave it flat (the Zend MM frees the block at request end), while the page's Zend usage showed them
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'node');
?>
--FILE--
<?php
require __DIR__ . '/lab.inc';
require __DIR__ . '/../inc/checks.inc';

use function MemoryLab\Test\{lab_start, sse_open, hello, act, sample_after, check_each, check_flat, lab_kill};

$lab = lab_start('--lifecycles', 'cli-server');
$sse = sse_open($lab['port']);
$hello = hello($sse);
echo 'lifecycles: ', implode(', ', array_column($hello['lifecycles'], 'id')), "\n";

/* A warm-up of each kind first: the first request maps what every request needs. */
$warm = act($sse, $lab['port'], ['lifecycle' => 'cli-server', 'kind' => 'leak', 'allocator' => 'emalloc', 'bytes' => '2M', 'count' => 1]);
$pid = $warm['pid'];
$before = sample_after($sse, $pid, $warm)['vsz_kb'];
$malloc = [];
for ($i = 0; $i < 5; $i++) {
    $r = act($sse, $lab['port'], ['lifecycle' => 'cli-server', 'kind' => 'leak', 'allocator' => 'malloc', 'bytes' => '2M', 'touch' => false, 'count' => 1]);
    $s = sample_after($sse, $pid, $r);
    $malloc[] = $s['vsz_kb'] - $before;
    $before = $s['vsz_kb'];
    $ok[] = $r['ok'] && $r['pid'] === $pid && $s['role'] === 'server';
}
echo 'five malloc requests answered by the server pid: ', json_encode(array_unique($ok)), "\n";
check_each('malloc 2M: VIRT growth per press', $malloc, 2052, 4);

$vsz = [];
$zend = [];
for ($i = 0; $i < 5; $i++) {
    $r = act($sse, $lab['port'], ['lifecycle' => 'cli-server', 'kind' => 'leak', 'allocator' => 'emalloc', 'bytes' => '2M', 'count' => 1]);
    $vsz[] = sample_after($sse, $pid, $r)['vsz_kb'];
    $zend[] = $r['zend_usage'];
}
check_flat('emalloc 2M: VIRT after each press', $vsz, 0);
echo 'Zend usage during each emalloc request at least 2 MiB: ', json_encode(min($zend) >= 2097152), "\n";
echo 'the report line of each request: ', json_encode(str_starts_with($r['report'][0] ?? '', "memory: pid $pid request ")), "\n";
lab_kill($lab);
?>
--EXPECT--
lifecycles: cli-server
five malloc requests answered by the server pid: [true]
malloc 2M: VIRT growth per press: each of 5 within 2052 ± 4 KiB
emalloc 2M: VIRT after each press: 5 readings within 0 KiB of each other
Zend usage during each emalloc request at least 2 MiB: true
the report line of each request: true
