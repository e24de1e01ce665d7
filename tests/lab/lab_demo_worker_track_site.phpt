--TEST--
lab: under the demo's long-running worker's tables, what the page left behind in each leaking request, by call site (LeakPage.php:N, leak_emalloc, memory), exact for emalloc, nothing for malloc and pemalloc (not tracked), from a worker of its own with memory.track=1, so the measured worker's VIRT carries no tracker shadows (2 MiB per 2 MiB leak, small blocks too); summary.json holds the same
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native');
?>
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;

$run = DemoProcess::run(['--requests', '4', '--only', 'worker', '--leak', 'malloc,emalloc,emalloc-small,pemalloc', '--bytes', '2M', '--no-plot'], MemoryLab\Lab\Php::memorySo());
echo "status {$run->status}\n";
$lines = explode("\n", $run->stdout);
foreach ($lines as $i => $line) {
    if (str_starts_with($line, 'worker · ')) {
        echo strtok($line, '('), "\n";
    }
    if (str_starts_with($line, '  memory.track, ')) {
        for ($j = $i; $j < count($lines) && str_starts_with($lines[$j], '  '); $j++) {
            echo $lines[$j], "\n";
        }
    }
}
$e = $run->scenario('worker', 'emalloc');
$site = $e['left'][0]['sites'][0] ?? [];
echo 'summary.json: ', json_encode([$e['left'][0]['requests'] ?? null, $e['left'][0]['blocks'] ?? null, $e['left'][0]['bytes'] ?? null,
    basename($site['file'] ?? '?'), $site['function'] ?? null, $site['extension'] ?? null]), "\n";
echo 'the site is the leak call of LeakPage.php: ', ($site['line'] ?? 0) > 0 && str_contains(file(dirname(__DIR__, 2) . '/lab/src/LeakPage.php')[$site['line'] - 1], '$leak($bytes, $touch)') ? 'yes' : 'no', "\n";
foreach (['emalloc', 'emalloc-small'] as $name) {
    // Tracked, the 128 small blocks' shadow slots added about 1 MiB of VIRT per 2 MiB chunk.
    $slope = $run->scenario('worker', $name)['slope_vsz_kib'];
    echo "VIRT per request, $name: 2,048 KiB, the leak alone: ", abs($slope - 2048) <= 64 ? 'yes' : "no, $slope KiB", "\n";
}
echo 'malloc in summary.json: ', json_encode($run->scenario('worker', 'malloc')['left']), "\n";
$run->clean();
?>
--EXPECTF--
status 0
worker · malloc 
  memory.track, in a server of its own (its shadows would weigh on VIRT and RES above), what the page left
  behind in each of 3 leaking requests (memory_track_mark() before it, memory_track_live() after it):
    all 3: nothing (memory.track sees emalloc only: malloc is not tracked)
worker · emalloc 
  memory.track, in a server of its own (its shadows would weigh on VIRT and RES above), what the page left
  behind in each of 3 leaking requests (memory_track_mark() before it, memory_track_live() after it):
    all 3: 2,097,152 B in 1 block at 1 site
      2,097,152 B in 1 block at lab/src/LeakPage.php:%d, leak_emalloc (memory)
worker · emalloc-small 
  memory.track, in a server of its own (its shadows would weigh on VIRT and RES above), what the page left
  behind in each of 3 leaking requests (memory_track_mark() before it, memory_track_live() after it):
    all 3: 2,097,152 B in 128 blocks at 1 site
      2,097,152 B in 128 blocks at lab/src/LeakPage.php:%d, leak_emalloc (memory)
worker · pemalloc 
  memory.track, in a server of its own (its shadows would weigh on VIRT and RES above), what the page left
  behind in each of 3 leaking requests (memory_track_mark() before it, memory_track_live() after it):
    all 3: nothing (memory.track sees emalloc only: pemalloc is not tracked)
summary.json: [3,1,2097152,"LeakPage.php","leak_emalloc","memory"]
the site is the leak call of LeakPage.php: yes
VIRT per request, emalloc: 2,048 KiB, the leak alone: yes
VIRT per request, emalloc-small: 2,048 KiB, the leak alone: yes
malloc in summary.json: [{"requests":3,"blocks":0,"bytes":0,"sites":[],"more_sites":0}]
