--TEST--
lab: ./memlab demo's options, their defaults, bounds and errors
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';

use MemoryLab\Lab\Options;

$o = Options::parse([], '/repo');
echo json_encode([$o->requests, $o->bytes, $o->lifecycles, $o->allocs, $o->out, $o->plot, $o->maxRequests, $o->workerMemoryLimit]), "\n";

$o = Options::parse(['--requests=5', '--bytes', '4096', '--only', 'worker,cli-server', '--alloc=emalloc,malloc+touch',
    '--out', 'x', '--no-plot', '--max-requests', '4', '--worker-memory-limit', '16m'], '/repo');
echo json_encode([$o->requests, $o->bytes, $o->lifecycles, $o->allocs, $o->out, $o->plot, $o->maxRequests, $o->workerMemoryLimit]), "\n";
var_dump(Options::parse(['-h'], '/repo')->help);

foreach ([['--requests', '1'], ['--requests', '1001'], ['--max-requests', '2'], ['--bytes', '-1'], ['--only', 'apache'], ['--alloc', 'calloc'],
    ['--requests'], ['--worker-memory-limit', 'lots'], ['--verbose'], ['--out', '']] as $bad) {
    try {
        Options::parse($bad, '/repo');
        echo "accepted\n";
    } catch (InvalidArgumentException $e) {
        echo $e->getMessage(), "\n";
    }
}
$usage = Options::usage();
foreach (['--requests', '--bytes', '--only', '--alloc', '--out', '--no-plot', '--max-requests', '--worker-memory-limit', '--help'] as $opt) {
    if (!str_contains($usage, $opt)) {
        echo "usage lacks $opt\n";
    }
}
?>
--EXPECT--
[30,2097152,["cli-server","fpm","fpm-max-requests","worker"],["malloc","malloc+touch","emalloc","pemalloc"],"\/repo\/out",true,10,"32M"]
[5,4096,["cli-server","worker"],["malloc+touch","emalloc"],"x",false,4,"16M"]
bool(true)
--requests must be an integer from 2 to 1000, "1" given
--requests must be an integer from 2 to 1000, "1001" given
--max-requests must be an integer from 3 to 1000, "2" given
--bytes must be an integer from 1 to 268435456, "-1" given
--only: unknown "apache"; choose from cli-server, fpm, fpm-max-requests, worker
--alloc: unknown "calloc"; choose from malloc, malloc+touch, emalloc, pemalloc
--requests needs a value
--worker-memory-limit must be a size such as 32M, "lots" given
unknown option "--verbose" (see ./memlab demo --help)
--out needs a directory
