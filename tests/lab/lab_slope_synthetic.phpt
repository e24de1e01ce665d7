--TEST--
lab: the slope is a least-squares fit per serving process, on synthetic series
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Analysis;

// A straight line: 2,052 KiB per request.
$x = range(1, 30);
$y = array_map(fn ($r) => 56856 + 2052 * $r, $x);
var_dump(Analysis::slope($x, $y, array_fill(0, 30, 1)));

// Flat, with a one-page wobble: about zero.
$flat = array_map(fn ($r) => 56856 + ($r % 2) * 4, $x);
var_dump(abs(Analysis::slope($x, $flat, array_fill(0, 30, 1))) < 1.0);

// A sawtooth: three processes, each climbing from the same floor. One fit over all
// of it would say ~0; per process it is the climb.
$g = array_map(fn ($r) => intdiv($r, 10), $x);
$saw = array_map(fn ($r) => 60000 + 2052 * ($r % 10), $x);
var_dump(Analysis::slope($x, $saw, $g));

// Not enough points to fit: null. Mismatched lengths: an error.
var_dump(Analysis::slope([1], [5], [1]), Analysis::slope([1, 2], [5, 6], [1, 2]));
try {
    Analysis::slope([1, 2], [5], [1, 1]);
} catch (InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
float(2052)
bool(true)
float(2052)
NULL
NULL
x, y and group must have the same length
