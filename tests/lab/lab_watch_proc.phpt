--TEST--
lab: watch finds the listening sockets of a port in /proc/net/tcp and prints changes with their delta
--INI--
pcre.jit=0
--FILE--
<?php
date_default_timezone_set('UTC');
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Watch;

// Port 8080 = 0x1F90. Only LISTEN (st 0A) rows count.
$table = <<<'TCP'
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0000000000000000 100 0 0 10 0
TCP;
var_dump(Proc::listeningInodes($table, 8080), Proc::listeningInodes($table, 80));

echo Watch::line(0.25, 42, ['vsz_kb' => 58908, 'rss_kb' => 15728], ['vsz_kb' => 56856, 'rss_kb' => 15704]) === gmdate('H:i:s', 0) . ".250  pid 42      VIRT    57.5m  RES    15.4m   VIRT +2,052 KiB, RES +24 KiB" ? "line ok\n" : "line differs\n";
echo Watch::delta(-4), ' ', Watch::delta(2052), "\n";

// A real listener: this process, on a port of its own.
$server = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
var_dump(Proc::listeners($port)["pids"] === [getmypid()]);
fclose($server);
var_dump(Proc::listeners($port)["pids"]);

// Watching itself for a moment: the first line, then the total; bounded by --for.
$out = fopen('php://memory', 'w+');
Watch::run([getmypid()], null, 10, 0.05, $out, fn () => false);
rewind($out);
$text = stream_get_contents($out);
// (Sizes as top prints them; under ASan VIRT is in terabytes.)
var_dump(preg_match('/^\d\d:\d\d:\d\d\.\d{3}  pid \d+ +VIRT +[0-9.]+[kmgt]  RES +[0-9.]+[kmgt]$/m', $text), str_contains($text, 'since the watch began: VIRT +'));
?>
--EXPECT--
array(1) {
  [0]=>
  string(3) "111"
}
array(0) {
}
line ok
-4 KiB +2,052 KiB
bool(true)
array(0) {
}
int(1)
bool(true)
