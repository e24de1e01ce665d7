--TEST--
CLI: each php process is one request; its malloc and emalloc leaks are held while it runs and end with it
--EXTENSIONS--
memory
--FILE--
<?php
require __DIR__ . '/../inc/checks.inc';

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Php;
use function MemoryLab\Test\check_each;

// The child leaks 2 MiB through each allocator between two lines of stdin, so the test can
// read its /proc/PID/status before and after, and then let it end.
$child = MemoryLab\Test\NO_LEAK_REPORT . <<<'PHP'
leak_malloc(1); leak_emalloc(1);
echo "ready\n"; fgets(STDIN);
leak_malloc(); leak_emalloc();
echo json_encode(memory_stats()), "\n"; fgets(STDIN);
PHP;

$growth = [];
for ($run = 1; $run <= 2; $run++) {
    $proc = proc_open([PHP_BINARY, '-n', '-d', 'extension=' . Php::memorySo(), '-r', $child],
        [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
    $pid = proc_get_status($proc)['pid'];
    register_shutdown_function(function () use ($pid) {
        if (MemoryLab\Lab\Proc::alive($pid)) {
            MemoryLab\Lab\Proc::kill($pid, MemoryLab\Lab\Proc::SIGKILL);
        }
    });
    fgets($pipes[1]);
    $before = Proc::mem($pid);
    fwrite($pipes[0], "\n");
    $stats = json_decode(fgets($pipes[1]), true);
    $after = Proc::mem($pid);
    $growth[] = $after['vsz_kb'] - $before['vsz_kb'];
    fclose($pipes[0]);
    fclose($pipes[1]);
    $status = proc_close($proc);
    printf("process %d: request %d, leaked_malloc %d, leaked_emalloc %d, exit %d, gone afterwards: %s\n",
        $run, $stats['request'], $stats['leaked_malloc'] - 1, $stats['leaked_emalloc'] - 1, $status,
        Proc::mem($pid) === null ? 'yes' : 'no');
}
// malloc: 2 MiB + one page of header; emalloc: a 2 MiB Zend MM huge block.
check_each('VmSize growth while each process runs', $growth, 2052 + 2048, 41);
?>
--EXPECT--
process 1: request 1, leaked_malloc 2097152, leaked_emalloc 2097152, exit 0, gone afterwards: yes
process 2: request 1, leaked_malloc 2097152, leaked_emalloc 2097152, exit 0, gone afterwards: yes
VmSize growth while each process runs: each of 2 within 4100 ± 41 KiB
