--TEST--
lab: serve and lab asked for a port below net.ipv4.ip_unprivileged_port_start by a user without root say that such ports need root (the kernel's figure), not that the port is taken; exit 1, nothing started
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
/* About the lab's messages, not memory.so: not in the valgrind and ASan lanes, whose wrappers
 * and environment another user could not use. */
MemoryLab\Test\skip_unless('native');
$start = @file_get_contents('/proc/sys/net/ipv4/ip_unprivileged_port_start');
if ($start === false || (int) $start <= 1) {
    die("skip every port is open to every user here (net.ipv4.ip_unprivileged_port_start is " . ($start === false ? 'unreadable' : trim($start)) . ")\n");
}
/* The effective uid, from /proc (ext/posix may not be loaded). */
preg_match('/^Uid:\s+\d+\s+(\d+)/m', (string) file_get_contents('/proc/self/status'), $uid);
if ((int) ($uid[1] ?? -1) === 0) {
    $setpriv = MemoryLab\Lab\Php::find('setpriv') ?? die("skip setpriv is not installed (Debian: util-linux), to run as the user memlabtest\n");
    if (MemoryLab\Lab\Exec::run(['id', '-u', 'memlabtest'], 10)['status'] !== 0) {
        die("skip the user memlabtest does not exist, to run as a user without root\n");
    }
    $check = MemoryLab\Lab\Exec::run([$setpriv, '--reuid=memlabtest', '--regid=memlabtest', '--init-groups', 'test', '-r', __DIR__ . '/../../lab/memlab.php'], 10);
    if ($check['status'] !== 0) {
        die("skip the user memlabtest cannot read lab/memlab.php in this tree\n");
    }
}
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;

/* As root, the commands run as memlabtest (root may bind any port); as another user, as it. */
preg_match('/^Uid:\s+\d+\s+(\d+)/m', (string) file_get_contents('/proc/self/status'), $uid);
$as = (int) $uid[1] === 0 ? [Php::find('setpriv'), '--reuid=memlabtest', '--regid=memlabtest', '--init-groups'] : [];
$start = (int) file_get_contents('/proc/sys/net/ipv4/ip_unprivileged_port_start');
/* A memory.so that does not exist: a command that went on to build or start would say so. */
$env = ['MEMORY_SO' => '/nonexistent/memory.so'];
foreach (['serve', 'lab'] as $command) {
    foreach (array_unique([1, $start - 1]) as $port) {
        $run = Exec::run(array_merge($as, [PHP_BINARY, __DIR__ . '/../../lab/memlab.php', $command, '--port', (string) $port]), 60, $env);
        echo "$command --port ", $port === 1 ? '1' : 'START-1', ': status ', $run['status'], ', stdout ', var_export($run['stdout'], true), "\n  ",
            str_replace(["port $port ", "= $start)", "below $start "], ['port P ', '= START)', 'below START '], $run['stderr']);
    }
}
echo 'nothing listens on port 1: ', var_export(Proc::listeners(1)['pids'] === [], true), "\n";
?>
--EXPECTF--
serve --port 1: status 1, stdout ''
  memlab serve: port P on 127.0.0.1 is refused to this user (Permission denied): ports below START need root (net.ipv4.ip_unprivileged_port_start = START); choose another with --port N
serve --port START-1: status 1, stdout ''
  memlab serve: port P on 127.0.0.1 is refused to this user (Permission denied): ports below START need root (net.ipv4.ip_unprivileged_port_start = START); choose another with --port N
lab --port 1: status 1, stdout ''
  memlab lab: port P on 127.0.0.1 is refused to this user (Permission denied): ports below START need root (net.ipv4.ip_unprivileged_port_start = START); choose another with --port N, or leave it out for a free one
lab --port START-1: status 1, stdout ''
  memlab lab: port P on 127.0.0.1 is refused to this user (Permission denied): ports below START need root (net.ipv4.ip_unprivileged_port_start = START); choose another with --port N, or leave it out for a free one
nothing listens on port 1: true
