--TEST--
lab: test checks its arguments before building anything: an unknown option or a missing TEST is one line and exit 2; --help lists the three lanes, which all run when given together
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\RunDir;

/* Nothing can be built or started: PATH holds no bash, make or apt-get, and MEMORY_SO names no
 * file. A test command that went past its checks would fail on that at once (exit 1, never a
 * nested make test). It runs in an empty folder, so a relative TEST names nothing there. */
$env = ['PATH' => '/nonexistent', 'MEMORY_SO' => '/nonexistent/memory.so'];
$memlab = [PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'test'];
foreach ([['--bogus'], ['nosuchdir'], ['--valgrind', 'nosuchdir']] as $args) {
    $run = Exec::run(array_merge($memlab, $args), 60, $env, RunDir::path());
    echo implode(' ', $args), ' => status ', $run['status'], ', stdout ', var_export($run['stdout'], true),
        ', ', substr_count($run['stderr'], "\n"), " line on stderr\n  ", $run['stderr'];
}

$run = Exec::run(array_merge($memlab, ['--help']), 60, $env, RunDir::path());
$help = preg_replace('/\s+/', ' ', $run['stdout']);
echo "--help => status {$run['status']}, stderr ", var_export($run['stderr'], true), "\n";
foreach (['--static', '--valgrind', '--asan'] as $lane) {
    echo "  lists the lane $lane: ", var_export(str_contains($help, $lane), true), "\n";
}
echo '  says lanes given together all run: ', var_export((bool) preg_match('/given together, they all run/', $help), true), "\n";
?>
--EXPECT--
--bogus => status 2, stdout '', 1 line on stderr
  memlab test: The "--bogus" option does not exist (see ./memlab test --help)
nosuchdir => status 2, stdout '', 1 line on stderr
  memlab test: TEST: "nosuchdir" given; no such file or folder (see ./memlab test --help)
--valgrind nosuchdir => status 2, stdout '', 1 line on stderr
  memlab test: TEST: "nosuchdir" given; no such file or folder (see ./memlab test --help)
--help => status 0, stderr ''
  lists the lane --static: true
  lists the lane --valgrind: true
  lists the lane --asan: true
  says lanes given together all run: true
