--TEST--
lab: the leak page's release=1 calls memory_release() after the leaks when this memory.so has it and answers its array as release (null without the function; no release key unless asked); the demo's line says RSS before and after
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\LeakPage;
use MemoryLab\Lab\Report;

$plain = LeakPage::handle(['allocator' => 'none']);
echo 'without release=1: ', implode(',', array_keys($plain)), "\n";
$native = function_exists('memory_release');
$asked = LeakPage::handle(['allocator' => 'none', 'release' => '1']);
echo 'with release=1: ', implode(',', array_keys($asked)), "\n";
echo 'release is memory_release()\'s array when it exists, else null: ',
    var_export($native ? array_slice(array_keys($asked['release']), 0, 4) === ['zend_mm', 'malloc', 'rss_before', 'rss_after'] : $asked['release'] === null, true), "\n";
// A bad value is the page's error, and nothing leaks.
$bad = LeakPage::handle(['allocator' => 'emalloc', 'release' => 'yes']);
echo $bad['error'], ', result ', var_export($bad['result'], true), "\n";

// Where the function exists, its answer reaches the JSON as it is; here a stand-in shows the
// plumbing when this memory.so has none.
if (!$native) {
    eval('function memory_release(): array { return ["zend_mm" => 2097152, "malloc" => 131072, "rss_before" => 41955328, "rss_after" => 7249920]; }');
}
$released = LeakPage::handle(['allocator' => 'none', 'release' => '1'])['release'];
// The four keys the demo reads come first (memory_release() has more).
echo implode(',', array_slice(array_keys($released), 0, 4)), "\n";
// The demo's line for one fpm child, from what the Runner keeps (Runner::$release).
echo Report::releaseLine(['pid' => 4242, 'release' => ['zend_mm' => 2097152, 'malloc' => 131072, 'rss_before' => 41955328, 'rss_after' => 7249920], 'rss_kb' => 7080]);
echo var_export(Report::releaseLine(['pid' => 4242, 'release' => null, 'rss_kb' => 7080]), true), ' ', var_export(Report::releaseLine(null), true), "\n";
?>
--EXPECT--
without release=1: pid,result,stats,error
with release=1: pid,result,release,stats,error
release is memory_release()'s array when it exists, else null: true
release must be an integer, result NULL
zend_mm,malloc,rss_before,rss_after
  after memory_release() (pid 4242): RSS 40,972 KiB → 7,080 KiB (the Zend MM gave back 2.00 MiB, glibc 128.0 KiB)
'' ''
