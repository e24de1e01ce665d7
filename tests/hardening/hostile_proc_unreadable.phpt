--TEST--
memory_breakdown(), memory_release(), memory_stats(): a /proc without the files, or with lines missing (an older kernel's smaps_rollup has no Pss_Anon), is an Error naming the file and the line
--EXTENSIONS--
memory
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
if (MemoryLab\Lab\Php::find('unshare') === null) {
    die("skip unshare is not installed (Debian: util-linux)\n");
}
if (str_contains((string) getenv('LD_PRELOAD'), 'libasan')) {
    die("skip ASan's runtime reads /proc/self itself (maps, exe) and cannot start without it\n");
}
if (MemoryLab\Lab\Exec::run(['unshare', '-m', '--propagation', 'private', 'true'], 30)['status'] !== 0) {
    die("skip needs to mount in a mount namespace of its own (root)\n");
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;

/* Run PHP with a private, empty tmpfs on /proc holding only $files (name => contents) in
 * /proc/self, and print what each call throws or returns. */
function with_proc(string $what, array $files): void
{
    $setup = 'mount -t tmpfs none /proc && mkdir /proc/self';
    foreach ($files as $name => $text) {
        $setup .= ' && printf %s ' . escapeshellarg($text) . " > /proc/self/$name";
    }
    $code = 'foreach (["memory_breakdown", "memory_release", "memory_stats"] as $f) {
        try { $n = count($f()); echo "  $f(): array($n)\n"; }
        catch (Error $e) { echo "  ", get_class($e), ": ", $e->getMessage(), "\n"; } }';
    $php = implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension=' . Php::memorySo(), '-r', $code]));
    $run = Exec::run(['unshare', '-m', '--propagation', 'private', 'sh', '-c', "$setup && exec $php"], 60);
    echo "$what:\n", $run['stdout'], $run['stderr'];
}

$status = "Name:\tphp\nVmRSS:\t  100 kB\nRssAnon:\t   10 kB\nRssFile:\t   90 kB\nRssShmem:\t    0 kB\n";
$rollup = "00400000-7fff00000000 ---p 00000000 00:00 0  [rollup]\nRss:  100 kB\nPss:   60 kB\nPss_Anon:  10 kB\n"
    . "Private_Clean:  4 kB\nPrivate_Dirty:  8 kB\nSwap:  0 kB\n";
with_proc('no files', []);
with_proc('status without RssShmem', ['status' => str_replace("RssShmem:\t    0 kB\n", '', $status)]);
with_proc('status, no smaps_rollup', ['status' => $status]);
with_proc('smaps_rollup without Pss_Anon', ['status' => $status, 'smaps_rollup' => str_replace("Pss_Anon:  10 kB\n", '', $rollup)]);
with_proc('all three files', ['status' => $status, 'smaps_rollup' => $rollup, 'statm' => "100 25 0 0 0 0 0\n"]);
?>
--EXPECT--
no files:
  Error: memory_breakdown(): cannot read /proc/self/status: No such file or directory
  Error: memory_release(): cannot read /proc/self/statm: No such file or directory
  Error: memory_stats(): cannot read /proc/self/statm: No such file or directory
status without RssShmem:
  Error: memory_breakdown(): /proc/self/status has no "RssShmem:" line
  Error: memory_release(): cannot read /proc/self/statm: No such file or directory
  Error: memory_stats(): cannot read /proc/self/statm: No such file or directory
status, no smaps_rollup:
  Error: memory_breakdown(): cannot read /proc/self/smaps_rollup: No such file or directory
  Error: memory_release(): cannot read /proc/self/statm: No such file or directory
  Error: memory_stats(): cannot read /proc/self/statm: No such file or directory
smaps_rollup without Pss_Anon:
  Error: memory_breakdown(): /proc/self/smaps_rollup has no "Pss_Anon:" line
  Error: memory_release(): cannot read /proc/self/statm: No such file or directory
  Error: memory_stats(): cannot read /proc/self/statm: No such file or directory
all three files:
  memory_breakdown(): array(13)
  memory_release(): array(6)
  memory_stats(): array(13)
