--TEST--
lab: a run's private folder names its owner ("PID STARTTIME"); a new run removes this user's folders whose owner is gone (a SIGKILLed memlab runs no shutdown function), and leaves alone those of a live process, of a pid now reused by another process, and a folder without an owner file
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\RunDir;

/* A parent of our own, so that no other run's folder is touched. */
$parent = RunDir::sub('sweep');
$mine = RunDir::path();
echo 'own owner file: ', trim((string) file_get_contents("$mine/owner")) === getmypid() . ' ' . Proc::startTime(getmypid()) ? 'PID STARTTIME of this process' : 'wrong', "\n";

/* A process that is gone: a child that has exited. */
$gone = (int) Exec::run([PHP_BINARY, '-n', '-r', 'echo getmypid();'], 60)['stdout'];
$folders = [
    'gone' => "$gone 12345",
    'reused' => getmypid() . ' ' . (Proc::startTime(getmypid()) + 1),
    'live' => getmypid() . ' ' . Proc::startTime(getmypid()),
    'no-owner' => null,
];
foreach ($folders as $name => $owner) {
    mkdir("$parent/memlab-run-$name", 0700);
    file_put_contents("$parent/memlab-run-$name/data", 'x');
    if ($owner !== null) {
        file_put_contents("$parent/memlab-run-$name/owner", "$owner\n");
    }
}
RunDir::sweep($parent);
foreach (array_keys($folders) as $name) {
    printf("%-8s %s\n", $name, is_dir("$parent/memlab-run-$name") ? 'kept' : 'removed');
}
?>
--EXPECT--
own owner file: PID STARTTIME of this process
gone     removed
reused   removed
live     kept
no-owner kept
