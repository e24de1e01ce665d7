<?php
/* ./memlab bench's allocation-heavy workload for memory.track's cost: arrays of strings and
 * objects built and dropped, so nearly every opcode emallocs or efrees (small blocks of many
 * sizes, some large ones, a few huge ones).
 *
 *   php lab/bench/track_alloc.php [ROUNDS]
 *
 * Prints one JSON line: the CPU and wall nanoseconds of its loop, and a checksum that keeps
 * the work from being skipped. Run with and without -d memory.track=1 (and under valgrind). */

declare(strict_types=1);

final class Point
{
    public function __construct(public int $x, public string $label, public array $tags = [])
    {
    }
}

/* One round: build a few thousand strings, arrays and objects, keep some, drop the rest. */
function round_of_work(int $r): int
{
    $sum = 0;
    $strings = [];
    for ($i = 0; $i < 2000; $i++) {
        $strings[] = str_repeat(chr(97 + $i % 26), 1 + ($i * 7 + $r) % 200) . $i;
    }
    $points = [];
    foreach ($strings as $i => $s) {
        $points[] = new Point($i, $s, ['k' . ($i % 10) => $i, 'len' => strlen($s)]);
    }
    $byKey = [];
    foreach ($points as $p) {
        $byKey[$p->label][] = $p->x;
        $sum += $p->tags['len'];
    }
    $joined = implode(',', array_slice($strings, 0, 500));
    $sum += strlen($joined) + count($byKey);
    $parts = explode(',', $joined);
    $sum += count(array_map('strtoupper', $parts));
    /* A large block (a packed array of 20,000 ints: about 320 KiB) and, now and then, a huge one. */
    $big = range(0, 19999);
    $sum += $big[$r % 20000];
    if ($r % 8 === 0) {
        $sum += strlen(str_repeat('h', 3 * 1048576));
    }
    return $sum;
}

$rounds = (int) ($argv[1] ?? 200);
$r = getrusage();
$cpu = ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1000000000 + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) * 1000;
$wall = hrtime(true);
$sum = 0;
for ($i = 0; $i < $rounds; $i++) {
    $sum += round_of_work($i);
}
$wall = hrtime(true) - $wall;
$r = getrusage();
$cpu = ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1000000000 + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) * 1000 - $cpu;
echo json_encode(['cpu' => $cpu, 'wall' => $wall, 'rounds' => $rounds, 'sum' => $sum]), "\n";
