--TEST--
lab: test --php checks the versions (Debian's 8.2, 8.4, 8.5, 8.6), the lane, TEST and the user before anything is installed or started: one line, exit 2
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
/* As root, the case of another user runs as nobody, who must be able to read the tree. */
preg_match('/^Uid:\s+\d+\s+(\d+)/m', (string) file_get_contents('/proc/self/status'), $uid);
if ((int) ($uid[1] ?? -1) === 0) {
    $setpriv = MemoryLab\Lab\Php::find('setpriv') ?? die("skip setpriv is not installed (Debian: util-linux)\n");
    $check = MemoryLab\Lab\Exec::run([$setpriv, '--reuid=65534', '--regid=65534', '--clear-groups', 'test', '-r', __DIR__ . '/../../lab/memlab.php'], 10);
    if ($check['status'] !== 0) {
        die("skip the user nobody cannot read lab/memlab.php in this tree\n");
    }
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;

$memlab = [PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'test'];
/* A version that runs in a Debian root, whichever PHP runs this test. */
$other = Php::version() === '8.5' ? '8.6' : '8.5';

/* Prints a run's status, stdout and stderr, with "--php $other" written "--php V". */
function show(array $args, array $run, string $other): void
{
    echo str_replace("--php $other", '--php V', implode(' ', $args)), ' => status ', $run['status'], ', stdout ', var_export($run['stdout'], true),
        "\n  ", str_replace("--php $other", '--php V', $run['stderr']);
}

foreach ([['--php', '7.4'], ['--php', '8.3'], ['--php=8.4,abc'], ['--php='], ['--php', $other, '--valgrind'],
    ['--refresh-roots'], ['--php', $other, '/tmp'], ['--php', $other, '--php-config', (string) Php::find('php-config')]] as $args) {
    show($args, Exec::run(array_merge($memlab, $args), 60), $other);
}

/* Another user than root: the roots need root. Only PATH is passed on: the ASan lane's runtime
 * would write its reports where that user cannot. */
preg_match('/^Uid:\s+\d+\s+(\d+)/m', (string) file_get_contents('/proc/self/status'), $uid);
$asUser = (int) $uid[1] === 0 ? [Php::find('setpriv'), '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
show(['--php', $other, '(not root)'], Exec::run(array_merge($asUser, $memlab, ['--php', $other]), 60, ['PATH' => (string) getenv('PATH')], null, null, false), $other);
?>
--EXPECTF--
--php 7.4 => status 2, stdout ''
  memlab test: --php: "7.4" given; expected one or more of 8.2, 8.4, 8.5, 8.6, comma-separated: the PHP versions Debian ships (8.2 in Debian 12, 8.4 in Debian 13, 8.5 and 8.6 in experimental; this PHP is %d.%d) (see ./memlab test --help)
--php 8.3 => status 2, stdout ''
  memlab test: --php: "8.3" given; expected one or more of 8.2, 8.4, 8.5, 8.6, comma-separated: the PHP versions Debian ships (8.2 in Debian 12, 8.4 in Debian 13, 8.5 and 8.6 in experimental; this PHP is %d.%d) (see ./memlab test --help)
--php=8.4,abc => status 2, stdout ''
  memlab test: --php: "8.4,abc" given; expected one or more of 8.2, 8.4, 8.5, 8.6, comma-separated: the PHP versions Debian ships (8.2 in Debian 12, 8.4 in Debian 13, 8.5 and 8.6 in experimental; this PHP is %d.%d) (see ./memlab test --help)
--php= => status 2, stdout ''
  memlab test: --php: "" given; expected one or more of 8.2, 8.4, 8.5, 8.6, comma-separated: the PHP versions Debian ships (8.2 in Debian 12, 8.4 in Debian 13, 8.5 and 8.6 in experimental; this PHP is %d.%d) (see ./memlab test --help)
--php V --valgrind => status 2, stdout ''
  memlab test: --php runs the plain lane only; --static, --valgrind and --asan run on this PHP (see ./memlab test --help)
--refresh-roots => status 2, stdout ''
  memlab test: --refresh-roots goes with --php, which names the roots (see ./memlab test --help)
--php V /tmp => status 2, stdout ''
  memlab test: TEST: "/tmp" given; expected a file or folder inside the tree with --php (the root gets a copy of the tree) (see ./memlab test --help)
--php V --php-config %s => status 2, stdout ''
  memlab test: --php and --php-config name the PHP to test two ways: give one of them (see ./memlab test --help)
--php V (not root) => status 2, stdout ''
  memlab test: --php V runs in a Debian root (debootstrap, mount, chroot), which needs root: run as root or with sudo (see ./memlab test --help)
