--TEST--
lab: ./memlab demo --help lists every option; bad input is one line and exit 2, before anything is built or started
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\DemoProcess;

$help = DemoProcess::run(['--help'], '/nonexistent/memory.so');
echo $help->status, ' ', trim(explode("\n", $help->stdout)[1] ?? ''), "\n";
foreach (['--requests', '--bytes', '--only', '--leak', '--alloc', '--out', '--no-plot', '--max-requests', '--worker-memory-limit'] as $opt) {
    if (!str_contains($help->stdout, $opt)) {
        echo "help lacks $opt\n";
    }
}

// MEMORY_SO names no file: had the demo gone as far as copying memory.so (let alone building
// it or starting a server), it would end with status 1 and "no such memory.so".
foreach ([['--requests', 'abc'], ['--bytes', '0'], ['--only', 'nginx'], ['--leak', 'calloc'], ['--alloc', 'calloc'],
    ['--max-requests', '2'], ['--worker-memory-limit', 'lots'], ['--bogus'], ['--requests']] as $bad) {
    $run = DemoProcess::run($bad, '/nonexistent/memory.so');
    $lines = explode("\n", rtrim($run->stderr));
    printf("%d %d line%s, stdout %d bytes: %s\n", $run->status, count($lines), count($lines) === 1 ? '' : 's', strlen($run->stdout), $lines[0]);
    if ($run->files() !== []) {
        echo '  wrote ', implode(' ', $run->files()), "\n";
    }
}
// --out must be a folder.
$file = $help->out . '/a-file';
touch($file);
$run = DemoProcess::run(['--no-plot'], '/nonexistent/memory.so', 90.0, $file);
echo $run->status, ' ', str_replace($file, 'FILE', rtrim($run->stderr)), "\n";
?>
--EXPECT--
0 the seed's experiment in every lifecycle: tables, verdicts, CSV, summary.json and plots
2 1 line, stdout 0 bytes: memlab demo: --requests: "abc" given; expected a whole number from 2 to 1000 (see ./memlab demo --help)
2 1 line, stdout 0 bytes: memlab demo: --bytes: "0" given; expected 1 to 256M (see ./memlab demo --help)
2 1 line, stdout 0 bytes: memlab demo: --only: "nginx" given; expected one or more of cli-server, fpm, fpm-max-requests, worker, swoole, comma-separated (see ./memlab demo --help)
2 1 line, stdout 0 bytes: memlab demo: --leak: "calloc" given; expected one or more of malloc, malloc+touch, emalloc, emalloc-small, pemalloc, comma-separated (see ./memlab demo --help)
2 1 line, stdout 0 bytes: memlab demo: --alloc: "calloc" given; expected one or more of malloc, malloc+touch, emalloc, emalloc-small, pemalloc, comma-separated (see ./memlab demo --help)
2 1 line, stdout 0 bytes: memlab demo: --max-requests: "2" given; expected a whole number from 3 to 1000 (see ./memlab demo --help)
2 1 line, stdout 0 bytes: memlab demo: --worker-memory-limit: "lots" given; expected a size in bytes, such as 400, 64K, 2M or 1G (see ./memlab demo --help)
2 1 line, stdout 0 bytes: memlab demo: The "--bogus" option does not exist (see ./memlab demo --help)
2 1 line, stdout 0 bytes: memlab demo: The "--requests" option requires a value (see ./memlab demo --help)
2 memlab demo: --out: "FILE" given; expected a folder, not a file (see ./memlab demo --help)
