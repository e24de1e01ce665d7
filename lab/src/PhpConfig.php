<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

use MemoryLab\Lab\Cli\UsageError;

/**
 * Another PHP to build and test against, named by its php-config (./memlab test --php-config):
 * a user's own build, a debug or ZTS one, one under /opt. Its programs sit where its
 * installation put them: php (php-config --php-binary), phpize next to php-config, php-fpm
 * in PREFIX/sbin and php-cgi in PREFIX/bin, each with the php binary's suffix (Debian's
 * phpX.Y goes with phpizeX.Y and php-fpmX.Y).
 */
final class PhpConfig
{
    /**
     * The extensions the lab and its suite need in the PHP under test: intl and mbstring for
     * ./memlab (symfony/string, symfony/console), pcntl for signals and fork, posix for kill.
     */
    public const EXTENSIONS = ['intl', 'mbstring', 'pcntl', 'posix'];

    /** How long php-config and php may take to answer, in seconds. */
    private const ANSWER_TIMEOUT_S = 20;

    /**
     * @param string $phpConfig the php-config script (absolute, symlinks resolved)
     * @param string $version its PHP's version (such as 8.4.1 or 8.6.0-dev)
     * @param string $php its php CLI binary
     * @param string $phpize its phpize
     * @param string $fpm its php-fpm
     */
    private function __construct(
        public readonly string $phpConfig,
        public readonly string $version,
        public readonly string $php,
        public readonly string $phpize,
        public readonly string $fpm,
    ) {
    }

    /**
     * Checks that $path is the php-config of a PHP the suite can run on: it answers --version
     * and --php-binary, and its php, phpize and php-fpm are there, and its php has
     * self::EXTENSIONS. Nothing is built or started. Throws Cli\UsageError naming what was
     * found and what is expected.
     */
    public static function inspect(string $path): self
    {
        $fail = static fn (string $expected): UsageError => UsageError::option('--php-config', $path, $expected);
        $real = realpath($path);
        if ($real === false || !is_file($real)) {
            throw $fail('no such file; expected the php-config script of a PHP installation');
        }
        if (!is_executable($real)) {
            throw $fail('not executable; expected the php-config script of a PHP installation');
        }
        $version = self::answer([$real, '--version']);
        if (!preg_match('/^\d+\.\d+\.\d+\S*$/', $version)) {
            throw $fail('its --version answered no PHP version; expected a php-config');
        }
        $php = self::answer([$real, '--php-binary']);
        if ($php === '' || !is_file($php) || !is_executable($php)) {
            throw $fail(sprintf('its --php-binary names %s; expected an installed php', $php === '' ? 'nothing' : "\"$php\", not an executable"));
        }
        $suffix = substr(basename($php), 3);
        $phpize = dirname($real) . '/' . str_replace('php-config', 'phpize', basename($real));
        if (!is_executable($phpize)) {
            throw $fail("no phpize next to it ($phpize); expected a PHP installed with its development files");
        }
        $prefix = self::answer([$real, '--prefix']);
        $fpm = self::program(["$prefix/sbin", "$prefix/bin"], "php-fpm$suffix");
        if ($fpm === null) {
            throw $fail("PHP $version has no php-fpm$suffix in $prefix/sbin; expected a PHP configured with --enable-fpm");
        }
        $modules = array_map('strtolower', preg_split('/\s+/', self::answer([$php, '-m'])));
        $missing = array_values(array_diff(self::EXTENSIONS, $modules));
        if ($missing !== []) {
            throw $fail(sprintf('PHP %s lacks %s; expected %s (./memlab and the suite need them)', $version, self::listed($missing), self::listed(self::EXTENSIONS)));
        }
        return new self($real, $version, $php, $phpize, $fpm);
    }

    /**
     * The environment that makes the lab use this PHP: the folders of its php (and php-cgi),
     * phpize and php-fpm first in PATH, PHP_FPM, and MEMLAB_PHP_CONFIG and MEMLAB_PHPIZE for
     * lab/sh/test.sh's build.
     *
     * @return array<string, string>
     */
    public function environment(): array
    {
        $dirs = array_unique([dirname($this->php), dirname($this->phpize), dirname($this->fpm)]);
        return [
            'PATH' => implode(':', $dirs) . ':' . (string) getenv('PATH'),
            'PHP_FPM' => $this->fpm,
            'MEMLAB_PHP_CONFIG' => $this->phpConfig,
            'MEMLAB_PHPIZE' => $this->phpize,
        ];
    }

    /** "a, b and c" */
    private static function listed(array $words): string
    {
        $last = array_pop($words);
        return $words === [] ? (string) $last : implode(', ', $words) . " and $last";
    }

    /** The first of $dirs holding an executable $name, or null. */
    private static function program(array $dirs, string $name): ?string
    {
        foreach ($dirs as $dir) {
            if (is_file("$dir/$name") && is_executable("$dir/$name")) {
                return "$dir/$name";
            }
        }
        return null;
    }

    /** What $command prints on stdout, trimmed; '' when it fails or does not end in time. */
    private static function answer(array $command): string
    {
        $run = Exec::run($command, self::ANSWER_TIMEOUT_S);
        return $run['status'] === 0 ? trim($run['stdout']) : '';
    }
}
