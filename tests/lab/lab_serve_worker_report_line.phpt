--TEST--
lab: serve --worker's line per request, from a given report of the worker and RSS: Zend usage and peak in bytes, gc_status(), RSS in KiB, the changes since the line before
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\WorkerReport;

$ready = ['ready' => true, 'zend_usage' => 551488, 'zend_real' => 2097152, 'zend_peak' => 600000, 'gc' => ['runs' => 0, 'collected' => 0, 'roots' => 3]];
$one = ['request' => 1, 'method' => 'GET', 'target' => '/?i=1', 'status' => 200, 'bytes' => 11, 'zend_usage' => 967960, 'zend_real' => 2097152, 'zend_peak' => 976608, 'gc' => ['runs' => 0, 'collected' => 0, 'roots' => 1003]];
echo WorkerReport::line($ready, 15688, null), "\n";
echo WorkerReport::line($one, 16056, ['zend_usage' => 551488, 'rss_kb' => 15688]), "\n";
echo WorkerReport::line($one, null, ['zend_usage' => 551488, 'rss_kb' => 15688]), "\n";
?>
--EXPECT--
ready: Zend usage 551,488 B; gc_status(): runs 0, collected 0, roots 3; RSS 15,688 KiB
request 1: GET /?i=1 -> 200, 11 B; Zend usage 967,960 B (+416,472 B), peak 976,608 B; gc_status(): runs 0, collected 0, roots 1,003; RSS 16,056 KiB (+368 KiB)
request 1: GET /?i=1 -> 200, 11 B; Zend usage 967,960 B (+416,472 B), peak 976,608 B; gc_status(): runs 0, collected 0, roots 1,003; RSS ? (the worker is gone)
