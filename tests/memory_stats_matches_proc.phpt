--TEST--
memory_stats(): vsz and rss agree with /proc/self/status, and zend_* with memory_get_usage()
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/inc/memlab.inc';

use MemoryLab\Lab\Proc;

$pid = getmypid();
Proc::mem($pid);
leak_malloc(2097152, true);
$proc = Proc::mem($pid);
$s = memory_stats();
echo 'vsz: ', abs($s['vsz'] / 1024 - $proc['vsz_kb']) <= 64 ? 'agrees' : "{$s['vsz']} vs {$proc['vsz_kb']} KiB", "\n";
echo 'rss: ', abs($s['rss'] / 1024 - $proc['rss_kb']) <= 64 ? 'agrees' : "{$s['rss']} vs {$proc['rss_kb']} KiB", "\n";
echo 'zend_usage: ', abs($s['zend_usage'] - memory_get_usage()) < 4096 ? 'agrees' : 'differs', "\n";
echo 'zend_real_usage: ', $s['zend_real_usage'] === memory_get_usage(true) ? 'agrees' : 'differs', "\n";
echo 'zend_peak: ', $s['zend_peak'] <= memory_get_peak_usage() && $s['zend_peak'] >= $s['zend_usage'] ? 'agrees' : 'differs', "\n";
?>
--EXPECT--
vsz: agrees
rss: agrees
zend_usage: agrees
zend_real_usage: agrees
zend_peak: agrees
