--TEST--
memlab lab, bad input: a size beyond memory.max_leak or memory_limit, a count of 0, text in a number field, a negative count, a size that is not one (the demo's words), an unknown allocator: each a request event with ok false and the API's own message; malformed commands get 400 from the page's server; nothing crashes, the same server pid serves the next request and the samples keep coming
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

use function MemoryLab\Test\{lab_start, sse_open, hello, act, post_action, sse_until, lab_kill};

$lab = lab_start('--lifecycles', 'cli-server,worker');
$sse = sse_open($lab['port']);
$hello = hello($sse);
echo 'limits: max_leak ', $hello['limits']['max_leak'], ', memory_limit ', $hello['limits']['memory_limit'], "\n";
$first = act($sse, $lab['port'], ['lifecycle' => 'cli-server', 'kind' => 'plain']);
echo 'a plain request: ', json_encode($first['ok']), "\n";

$bad = [
    'malloc 2G (beyond memory.max_leak)' => ['allocator' => 'malloc', 'bytes' => '2G'],
    'pemalloc 1025M' => ['allocator' => 'pemalloc', 'bytes' => '1025M'],
    'emalloc 17M (beyond memory_limit)' => ['allocator' => 'emalloc', 'bytes' => '17M'],
    'count 0' => ['allocator' => 'malloc', 'bytes' => '2M', 'count' => 0],
    'count -5' => ['allocator' => 'malloc', 'bytes' => '2M', 'count' => -5],
    'count "-5"' => ['allocator' => 'malloc', 'bytes' => '2M', 'count' => '-5'],
    'count "abc"' => ['allocator' => 'malloc', 'bytes' => '2M', 'count' => 'abc'],
    'bytes "abc"' => ['allocator' => 'malloc', 'bytes' => 'abc'],
    'bytes "1.5M"' => ['allocator' => 'malloc', 'bytes' => '1.5M'],
    'bytes "99999999999999999999"' => ['allocator' => 'malloc', 'bytes' => '99999999999999999999'],
    'bytes "0"' => ['allocator' => 'malloc', 'bytes' => '0'],
    'bytes "-5"' => ['allocator' => 'emalloc', 'bytes' => '-5'],
    'allocator "calloc"' => ['allocator' => 'calloc', 'bytes' => '2M'],
];
foreach (['cli-server', 'worker'] as $lifecycle) {
    echo "$lifecycle:\n";
    foreach ($bad as $what => $command) {
        $r = act($sse, $lab['port'], ['lifecycle' => $lifecycle, 'kind' => 'leak'] + $command);
        echo "  $what: ok ", json_encode($r['ok']), ': ', $r['error'], "\n";
    }
}
$demo = MemoryLab\Lab\Exec::run([PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'demo', '--bytes', '1.5M'], 60);
echo 'the demo on the same size: status ', $demo['status'], ': ', $demo['stderr'];
foreach ([
    'not JSON' => '{"kind":',
    'unknown kind' => ['lifecycle' => 'worker', 'kind' => 'explode'],
    'unknown lifecycle' => ['lifecycle' => 'apache', 'kind' => 'plain'],
    'an id that is text' => ['id' => 'x', 'lifecycle' => 'worker', 'kind' => 'plain'],
] as $what => $body) {
    $answer = post_action($lab['port'], $body);
    echo "POST $what: ", $answer['status'], ' ', json_encode($answer['body']), "\n";
}
$last = act($sse, $lab['port'], ['lifecycle' => 'cli-server', 'kind' => 'leak', 'allocator' => 'malloc', 'bytes' => '64K']);
echo 'then a good request: ok ', json_encode($last['ok']), ', the same pid: ', json_encode($last['pid'] === $first['pid']), "\n";
$worker = act($sse, $lab['port'], ['lifecycle' => 'worker', 'kind' => 'plain']);
echo 'the worker still serves: ', json_encode($worker['ok']), "\n";
$t = $last['t'];
sse_until($sse, fn ($e) => ($e['type'] ?? '') === 'sample' && $e['lifecycle'] === 'worker' && $e['t'] > $t + 1000, 10);
echo "samples keep coming\n";
echo 'no exit or state event: ', json_encode(array_filter($sse['events'], fn ($e) => in_array($e['type'], ['exit', 'state'], true)) === []), "\n";
lab_kill($lab);
?>
--EXPECTF--
limits: max_leak 1073741824, memory_limit 16777216
a plain request: true
cli-server:
  malloc 2G (beyond memory.max_leak): ok false: leak_malloc(): Leaking 2147483648 bytes would exceed memory.max_leak (1073741824 bytes): this process has already leaked 0 bytes through malloc and pemalloc
  pemalloc 1025M: ok false: leak_pemalloc(): Leaking 1074790400 bytes would exceed memory.max_leak (1073741824 bytes): this process has already leaked 0 bytes through malloc and pemalloc
  emalloc 17M (beyond memory_limit): ok false: leak_emalloc(): Argument #1 ($bytes) must be at most memory_limit (16777216 bytes)
  count 0: ok false: count must be at least 1
  count -5: ok false: count must be at least 1
  count "-5": ok false: count must be at least 1
  count "abc": ok false: count must be an integer
  bytes "abc": ok false: size: "abc" given; expected a size in bytes, such as 400, 64K, 2M or 1G
  bytes "1.5M": ok false: size: "1.5M" given; expected a size in bytes, such as 400, 64K, 2M or 1G
  bytes "99999999999999999999": ok false: bytes must be at most 9223372036854775807
  bytes "0": ok false: leak_malloc(): Argument #1 ($bytes) must be greater than 0
  bytes "-5": ok false: size: "-5" given; expected a size in bytes, such as 400, 64K, 2M or 1G
  allocator "calloc": ok false: allocator must be malloc, emalloc, pemalloc or none
worker:
  malloc 2G (beyond memory.max_leak): ok false: leak_malloc(): Leaking 2147483648 bytes would exceed memory.max_leak (1073741824 bytes): this process has already leaked 0 bytes through malloc and pemalloc
  pemalloc 1025M: ok false: leak_pemalloc(): Leaking 1074790400 bytes would exceed memory.max_leak (1073741824 bytes): this process has already leaked 0 bytes through malloc and pemalloc
  emalloc 17M (beyond memory_limit): ok false: leak_emalloc(): Argument #1 ($bytes) must be at most memory_limit (16777216 bytes)
  count 0: ok false: count must be at least 1
  count -5: ok false: count must be at least 1
  count "-5": ok false: count must be at least 1
  count "abc": ok false: count must be an integer
  bytes "abc": ok false: size: "abc" given; expected a size in bytes, such as 400, 64K, 2M or 1G
  bytes "1.5M": ok false: size: "1.5M" given; expected a size in bytes, such as 400, 64K, 2M or 1G
  bytes "99999999999999999999": ok false: bytes must be at most 9223372036854775807
  bytes "0": ok false: leak_malloc(): Argument #1 ($bytes) must be greater than 0
  bytes "-5": ok false: size: "-5" given; expected a size in bytes, such as 400, 64K, 2M or 1G
  allocator "calloc": ok false: allocator must be malloc, emalloc, pemalloc or none
the demo on the same size: status 2: memlab demo: --bytes: "1.5M" given; expected a size in bytes, such as 400, 64K, 2M or 1G (see ./memlab demo --help)
POST not JSON: 400 {"ok":false,"error":"the body is not JSON"}
POST unknown kind: 400 {"ok":false,"error":"kind must be one of leak, release, plain, restart"}
POST unknown lifecycle: 400 {"ok":false,"error":"lifecycle must be one of cli-server, worker"}
POST an id that is text: 400 {"ok":false,"error":"id must be a whole number"}
then a good request: ok true, the same pid: true
the worker still serves: true
samples keep coming
no exit or state event: true
