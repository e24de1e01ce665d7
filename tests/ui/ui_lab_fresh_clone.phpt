--TEST--
memlab lab on a fresh clone (no lab/ui/node_modules): ./memlab lab --bogus, --port 0 and --help only print (exit 2, 2, 0); the page's npm packages are not installed for them (no npm ci, no node_modules) - the options are checked first
--SKIPIF--
<?php
require __DIR__ . '/../inc/memlab.inc';
MemoryLab\Test\skip_unless('native', 'node'); /* the lanes run a copy of the tests, not of ./memlab */
?>
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Build;
use MemoryLab\Lab\Exec;
use MemoryLab\Lab\RunDir;

/* The clone: ./memlab and lab/ as git has them (lab/ui/node_modules is ignored, so not copied). */
$root = Build::root();
$clone = RunDir::sub('clone');
$copy = function (string $from, string $to) use (&$copy): void {
    if (is_dir($from)) {
        mkdir($to, 0700);
        foreach (scandir($from) as $name) {
            if ($name !== '.' && $name !== '..' && $name !== 'node_modules') {
                $copy("$from/$name", "$to/$name");
            }
        }
    } else {
        copy($from, $to);
        chmod($to, fileperms($from) & 0777);
    }
};
copy("$root/memlab", "$clone/memlab");
chmod("$clone/memlab", 0755);
$copy("$root/lab", "$clone/lab");
echo 'the clone has no lab/ui/node_modules: ', var_export(!file_exists("$clone/lab/ui/node_modules"), true), "\n";

foreach ([['--bogus'], ['--port', '0'], ['--help']] as $args) {
    $run = Exec::run(array_merge(['bash', "$clone/memlab", 'lab'], $args), 120);
    $said = $run['stdout'] . $run['stderr'];
    echo './memlab lab ', implode(' ', $args), ': status ', $run['status'], ', ',
        $args === ['--help'] ? 'the help: ' . var_export(str_contains($said, 'Usage:') && str_contains($said, '--lifecycles'), true) : trim($said), "\n";
    /* lab/sh/lib.sh's ui_packages says "memlab: npm ci --prefix lab/ui" as it runs it. */
    echo '  npm ci ran: ', var_export(str_contains($run['stderr'], 'memlab: npm ci'), true), ', lab/ui/node_modules made: ', var_export(file_exists("$clone/lab/ui/node_modules"), true), "\n";
}
?>
--EXPECT--
the clone has no lab/ui/node_modules: true
./memlab lab --bogus: status 2, memlab lab: The "--bogus" option does not exist (see ./memlab lab --help)
  npm ci ran: false, lab/ui/node_modules made: false
./memlab lab --port 0: status 2, memlab lab: --port: "0" given; expected a whole number from 1 to 65535 (see ./memlab lab --help)
  npm ci ran: false, lab/ui/node_modules made: false
./memlab lab --help: status 0, the help: true
  npm ci ran: false, lab/ui/node_modules made: false
