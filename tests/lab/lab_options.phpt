--TEST--
lab: ./memlab demo's options, their defaults, bounds and errors
--INI--
pcre.jit=0
--FILE--
<?php
require __DIR__ . '/../../lab/autoload.php';
require_once '/usr/share/php/Symfony/Component/Console/autoload.php';

use MemoryLab\Lab\Build;
use MemoryLab\Lab\Cli\DemoCommand;
use Symfony\Component\Console\Input\ArrayInput;

/* The plan of an option list, as ./memlab demo's check() makes it (nothing is started). */
function plan(array $options): MemoryLab\Lab\DemoPlan
{
    $command = new DemoCommand();
    return $command->plan(new ArrayInput($options, $command->getDefinition()));
}

function show(MemoryLab\Lab\DemoPlan $p): string
{
    return json_encode([$p->requests, $p->bytes, array_keys($p->lifecycles), array_map(fn ($l) => $l->name(), $p->leaks),
        $p->out === Build::root() . '/out' ? 'ROOT/out' : $p->out, $p->plot, $p->fpmMaxRequests, $p->workerMemoryLimit]);
}

echo show(plan([])), "\n";
$p = plan(['--requests' => '5', '--bytes' => '4096', '--only' => 'worker,cli-server', '--leak' => 'emalloc,malloc+touch',
    '--out' => 'x', '--no-plot' => true, '--max-requests' => '4', '--worker-memory-limit' => '16m']);
echo show($p), "\n";
// Sizes take quantities; the leak carries the size, the lifecycles their settings.
$p = plan(['--bytes' => '64K', '--worker-memory-limit' => '1048576', '--max-requests' => '7']);
echo $p->bytes, ' ', $p->leaks[0]->bytes, ' ', $p->workerMemoryLimit, ' ', $p->lifecycles['worker']->memoryLimit, ' | ',
    $p->lifecycles['fpm-max-requests']->description, ' | ', $p->lifecycles['worker']->title, "\n";
// --alloc, the old name of --leak, still works.
echo show(plan(['--alloc' => 'pemalloc'])), "\n";

foreach ([['--requests' => '1'], ['--requests' => '1001'], ['--requests' => 'abc'], ['--max-requests' => '2'], ['--bytes' => '-1'],
    ['--bytes' => '0'], ['--bytes' => '257M'], ['--only' => 'apache'], ['--leak' => 'calloc'], ['--alloc' => 'calloc'],
    ['--leak' => 'malloc', '--alloc' => 'malloc'], ['--requests' => null], ['--worker-memory-limit' => 'lots'], ['--verbosity' => '1'],
    ['--out' => '']] as $bad) {
    try {
        plan($bad);
        echo "accepted\n";
    } catch (Exception $e) {
        echo get_class($e) === MemoryLab\Lab\Cli\UsageError::class ? '' : 'console: ', $e->getMessage(), "\n";
    }
}
$names = array_keys((new DemoCommand())->getDefinition()->getOptions());
echo implode(' ', $names), "\n";
?>
--EXPECT--
[30,2097152,["cli-server","fpm","fpm-max-requests","worker"],["malloc","malloc+touch","emalloc","emalloc-small","pemalloc"],"ROOT\/out",true,10,"32M"]
[5,4096,["cli-server","worker"],["malloc+touch","emalloc"],"x",false,4,"16M"]
65536 65536 1M 1M | php-fpm, one child, pm.max_requests = 7: recycled | worker (memory_limit = 1M)
[30,2097152,["cli-server","fpm","fpm-max-requests","worker"],["pemalloc"],"ROOT\/out",true,10,"32M"]
--requests: "1" given; expected a whole number from 2 to 1000
--requests: "1001" given; expected a whole number from 2 to 1000
--requests: "abc" given; expected a whole number from 2 to 1000
--max-requests: "2" given; expected a whole number from 3 to 1000
--bytes: "-1" given; expected a size in bytes, such as 400, 64K, 2M or 1G
--bytes: "0" given; expected 1 to 256M
--bytes: "257M" given; expected 1 to 256M
--only: "apache" given; expected one or more of cli-server, fpm, fpm-max-requests, worker, swoole, comma-separated
--leak: "calloc" given; expected one or more of malloc, malloc+touch, emalloc, emalloc-small, pemalloc, comma-separated
--alloc: "calloc" given; expected one or more of malloc, malloc+touch, emalloc, emalloc-small, pemalloc, comma-separated
give --leak, or its old name --alloc, not both
console: The "--requests" option requires a value.
--worker-memory-limit: "lots" given; expected a size in bytes, such as 400, 64K, 2M or 1G
console: The "--verbosity" option does not exist.
--out: "" given; expected a folder
requests bytes only leak alloc out no-plot max-requests worker-memory-limit swoole
