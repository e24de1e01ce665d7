--TEST--
lab: soak checks --requests and --warmup before anything is built: one line naming option, value and expectation, exit 2
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;

/* A memory.so that does not exist: a soak that went on to build or copy would say so. */
$env = ['MEMORY_SO' => '/nonexistent/memory.so'];
foreach ([['--requests', 'abc'], ['--requests=abc'], ['--warmup', '0'], ['--requests', '10', '--warmup', '10'], ['--requests=-5'], ['--bogus']] as $args) {
    $run = Exec::run(array_merge([PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'soak'], $args), 60, $env);
    echo implode(' ', $args), ' => status ', $run['status'], ', stdout ', var_export($run['stdout'], true), "\n  ", $run['stderr'];
}
?>
--EXPECT--
--requests abc => status 2, stdout ''
  memlab soak: --requests: "abc" given; expected a whole number from 2 to 1000000 (see ./memlab soak --help)
--requests=abc => status 2, stdout ''
  memlab soak: --requests: "abc" given; expected a whole number from 2 to 1000000 (see ./memlab soak --help)
--warmup 0 => status 2, stdout ''
  memlab soak: --warmup: "0" given; expected a whole number from 1 to 999999 (see ./memlab soak --help)
--requests 10 --warmup 10 => status 2, stdout ''
  memlab soak: --requests: "10" given; expected more than --warmup (10) (see ./memlab soak --help)
--requests=-5 => status 2, stdout ''
  memlab soak: --requests: "-5" given; expected a whole number from 2 to 1000000 (see ./memlab soak --help)
--bogus => status 2, stdout ''
  memlab soak: The "--bogus" option does not exist (see ./memlab soak --help)
