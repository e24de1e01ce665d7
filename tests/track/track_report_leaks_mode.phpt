--TEST--
memory.report=leaks: with memory.track, only a request that leaves emalloc blocks behind is reported (as a debug build reports), so an extension's run-tests with -d memory.track=1 -d memory.report=leaks fails the leaking test and passes the clean one on a release PHP; without tracking it says why it cannot report; a bad value is PHP's INI warning
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

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\RunDir;

$leaks = ['memory.report' => 'leaks', 'memory.report_format' => 'text'];

echo "-- a request that leaks nothing: stderr\n";
$run = MemoryLab\Test\tracked_code('$a = str_repeat("x", 5000); $o = new ArrayObject([1, 2]); echo "done\n";', $leaks);
echo $run['stdout'], json_encode($run['stderr']), "\n";

echo "-- a request that leaks 777 B and 778 B\n";
$run = MemoryLab\Test\tracked_code("leak_emalloc(777);\nleak_emalloc(778);", $leaks);
echo str_replace($run['file'], 'SCRIPT', $run['stderr']);

echo "-- memory.track off\n";
$run = MemoryLab\Test\tracked_code('echo "x\n";', $leaks + ['memory.track' => '0']);
echo $run['stderr'];

echo "-- a bad value\n";
$run = Exec::run([PHP_BINARY, '-n', '-d', 'extension=' . Php::memorySo(), '-d', 'memory.report=sometimes',
    '-r', 'var_dump(ini_get("memory.report"));'], 60);
echo trim($run['stdout']), "\n";

echo "-- run-tests with -d memory.track=1 -d memory.report=leaks\n";
$dir = RunDir::sub('leaks-mode');
file_put_contents("$dir/clean.phpt", "--TEST--\nclean\n--FILE--\n<?php\n\$s = str_repeat('a', 100000);\necho strlen(\$s), \"\\n\";\n?>\n--EXPECT--\n100000\n");
file_put_contents("$dir/leaky.phpt", "--TEST--\nleaky\n--FILE--\n<?php\n" . MemoryLab\Test\NO_LEAK_REPORT . "\nleak_emalloc(4096);\necho \"ok\\n\";\n?>\n--EXPECT--\nok\n");
$runTests = dirname(__DIR__, 2) . '/run-tests.php';
$env = ['PATH' => getenv('PATH'), 'NO_INTERACTION' => '1', 'TMPDIR' => $dir, 'HOME' => $dir];
$run = Exec::run([PHP_BINARY, $runTests, '-q', '--no-color', '-p', PHP_BINARY, '-n', '-d', 'extension=' . Php::memorySo(),
    '-d', 'memory.track=1', '-d', 'memory.report=leaks', "$dir/clean.phpt", "$dir/leaky.phpt"], 300, $env, null, null, false);
// 8.6's run-tests runs tests in parallel unless told -j1, so their order varies: by name.
preg_match_all('/\b(PASS|FAIL) (\w+) \[/', $run['stdout'], $m, PREG_SET_ORDER);
$results = array_column($m, 1, 2);
ksort($results);
foreach ($results as $name => $result) {
    echo "$result $name\n";
}
echo str_replace($dir . '/', '', preg_replace('/pid \d+/', 'pid N', file_get_contents("$dir/leaky.out"))), "\n";
?>
--EXPECTF--
-- a request that leaks nothing: stderr
done
""
-- a request that leaks 777 B and 778 B
memory: pid %d request 1: zend peak %s
memory: pid %d request 1: emalloc leaks: 2 blocks, 1555 bytes still allocated at request end, reclaimed now:
memory:   778 bytes in 1 block at SCRIPT:3, leak_emalloc (memory)
memory:   777 bytes in 1 block at SCRIPT:2, leak_emalloc (memory)
-- memory.track off
memory: pid %d request 1: memory.report=leaks reports emalloc leaks, but memory.track did not track this request (memory.track was off when it started)
-- a bad value
Warning: Invalid "memory.report" setting. Expected "0", "1" or "leaks", "sometimes" given in Unknown on line 0
string(1) "0"
-- run-tests with -d memory.track=1 -d memory.report=leaks
PASS clean
FAIL leaky
ok
memory: pid N request 1: zend peak %s
memory: pid N request 1: emalloc leaks: 1 block, 4096 bytes still allocated at request end, reclaimed now:
memory:   4096 bytes in 1 block at leaky.php:3, leak_emalloc (memory)
