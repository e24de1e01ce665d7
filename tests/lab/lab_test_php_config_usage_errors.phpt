--TEST--
lab: test --php-config checks the PHP it names before anything is built or started: one line saying what was found and what is expected, exit 2
--FILE--
<?php
require __DIR__ . '/../inc/memlab.inc';

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\RunDir;

/* Installations that fall short one step at a time: PREFIX/bin/php-config answers for them. */
$dir = RunDir::sub('php');
mkdir("$dir/bin");
mkdir("$dir/sbin");
$script = static function (string $path, string $body): void {
    file_put_contents($path, "#!/bin/sh\n$body\n");
    chmod($path, 0755);
};
$config = static fn (string $php): string => "case \"\$1\" in --version) echo 8.2.99;; --php-binary) echo $php;; --prefix) echo $dir;; esac";
file_put_contents("$dir/not-executable", '');
$script("$dir/bin/php-config", $config('/nonexistent/php'));

$cases = [
    ['no such file', ['--php-config', '/nonexistent/php-config']],
    ['not executable', ['--php-config', "$dir/not-executable"]],
    ['not a php-config', ['--php-config', '/bin/true']],
    ['its php is missing', ['--php-config', "$dir/bin/php-config"]],
    ['no phpize', ['--php-config', "$dir/bin/php-config"], static function () use ($dir, $script, $config) {
        $script("$dir/bin/php", 'echo "[PHP Modules]"; echo Core; echo mbstring; echo posix');
        $script("$dir/bin/php-config", $config("$dir/bin/php"));
    }],
    ['no php-fpm', ['--php-config', "$dir/bin/php-config"], static fn () => $script("$dir/bin/phpize", 'exit 1')],
    ['extensions missing', ['--php-config', "$dir/bin/php-config"], static fn () => $script("$dir/sbin/php-fpm", 'exit 1')],
    ['another lane', ['--valgrind', '--php-config', "$dir/bin/php-config"]],
];
foreach ($cases as $case) {
    [$what, $args] = $case;
    if (isset($case[2])) {
        $case[2]();
    }
    $run = Exec::run(array_merge([PHP_BINARY, __DIR__ . '/../../lab/memlab.php', 'test'], $args, [__DIR__ . '/../memory_loaded.phpt']), 60);
    echo "$what => status {$run['status']}, stdout ", var_export($run['stdout'], true), "\n  ", $run['stderr'];
}
?>
--EXPECTF--
no such file => status 2, stdout ''
  memlab test: --php-config: "/nonexistent/php-config" given; no such file; expected the php-config script of a PHP installation (see ./memlab test --help)
not executable => status 2, stdout ''
  memlab test: --php-config: "%s/not-executable" given; not executable; expected the php-config script of a PHP installation (see ./memlab test --help)
not a php-config => status 2, stdout ''
  memlab test: --php-config: "/bin/true" given; its --version answered no PHP version; expected a php-config (see ./memlab test --help)
its php is missing => status 2, stdout ''
  memlab test: --php-config: "%s/bin/php-config" given; its --php-binary names "/nonexistent/php", not an executable; expected an installed php (see ./memlab test --help)
no phpize => status 2, stdout ''
  memlab test: --php-config: "%s/bin/php-config" given; no phpize next to it (%s/bin/phpize); expected a PHP installed with its development files (see ./memlab test --help)
no php-fpm => status 2, stdout ''
  memlab test: --php-config: "%s/bin/php-config" given; PHP 8.2.99 has no php-fpm in %s/sbin; expected a PHP configured with --enable-fpm (see ./memlab test --help)
extensions missing => status 2, stdout ''
  memlab test: --php-config: "%s/bin/php-config" given; PHP 8.2.99 lacks intl and pcntl; expected intl, mbstring, pcntl and posix (./memlab and the suite need them) (see ./memlab test --help)
another lane => status 2, stdout ''
  memlab test: --php-config: "%s/bin/php-config" given; it runs the plain lane; --static, --valgrind and --asan run on the machine's PHP (see ./memlab test --help)
