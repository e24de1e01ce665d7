--TEST--
memory_track_live(): the live tracked blocks allocated after a mark, by site, largest first, in the documented shape; freed blocks leave it; since 0 covers the whole request; the list's own blocks are not in it
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../inc/track.inc';

use function MemoryLab\Test\tracked_code;

$code = '$m = memory_track_mark();
echo count(memory_track_live($m)), " sites right after the mark\n";
class Cache { public static array $rows = []; static function add(int $i): void { self::$rows[] = str_repeat("r", 1000 + $i); } }
for ($i = 0; $i < 3; $i++) { Cache::add($i); }
leak_emalloc(4096);
$tmp = str_repeat("t", 50000); unset($tmp);
$live = memory_track_live($m);
foreach ($live as $s) { if (in_array($s["function"], ["leak_emalloc", "str_repeat", "Cache::add"], true)) echo basename($s["file"]), ":", $s["line"], " ", $s["function"], " ", $s["extension"] ?? "null", " ", $s["blocks"], " ", $s["bytes"], "\n"; }
echo implode(",", array_keys($live[0])), "\n";
echo in_array("memory_track_live", array_column($live, "function"), true) ? "its own list is in it\n" : "its own list is not in it\n";
$all = memory_track_live();
echo count($all) > count($live) ? "since 0: more sites\n" : "since 0: no more\n";
$m2 = memory_track_mark();
echo $m2 > $m ? "marks grow\n" : "marks do not grow\n";
echo json_encode(memory_track_live($m2)), "\n";';
$run = tracked_code($code, ['memory.report' => '0']);
echo $run['stdout'], $run['stderr'];
?>
--EXPECTF--
0 sites right after the mark
%s:6 leak_emalloc memory 1 4096
%s:4 str_repeat standard 3 %d
%s:4 Cache::add null %d %d
file,line,function,extension,blocks,bytes
its own list is not in it
since 0: more sites
marks grow
[]
