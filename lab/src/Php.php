<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * The PHP under test and the programs around it: the php binary, the memory.so to load, and
 * php-fpm and cgi-fcgi, found next to the PHP that runs the lab.
 */
final class Php
{
    /** The PHP CLI binary to start servers with: the one running this script. */
    public static function binary(): string
    {
        return PHP_BINARY !== '' ? PHP_BINARY : 'php';
    }

    /** This PHP's version as MAJOR.MINOR (8.2), the suffix of Debian's binaries and packages. */
    public static function version(): string
    {
        return PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION;
    }

    /**
     * The absolute path of the memory.so under test: $MEMORY_SO, else the one in extension_dir
     * (where make test puts it). Throws when there is none.
     */
    public static function memorySo(): string
    {
        $so = getenv('MEMORY_SO');
        if ($so === false || $so === '') {
            $so = rtrim((string) ini_get('extension_dir'), '/') . '/memory.so';
        }
        $real = realpath($so);
        if ($real === false) {
            throw new \RuntimeException("memory.so not found at $so (set MEMORY_SO or extension_dir)");
        }
        return $real;
    }

    /** The first of $names found in PATH or the sbin folders, or null. */
    public static function find(string ...$names): ?string
    {
        $dirs = array_merge(explode(':', (string) getenv('PATH')), ['/usr/local/sbin', '/usr/sbin', '/sbin']);
        foreach ($names as $name) {
            foreach ($dirs as $dir) {
                if ($dir !== '' && is_file("$dir/$name") && is_executable("$dir/$name")) {
                    return "$dir/$name";
                }
            }
        }
        return null;
    }

    /** php-fpm of this PHP version ($PHP_FPM, php-fpmX.Y, php-fpm), or null. */
    public static function fpm(): ?string
    {
        $env = getenv('PHP_FPM');
        return $env !== false && $env !== '' ? $env : self::find('php-fpm' . self::version(), 'php-fpm');
    }

    /** cgi-fcgi (Debian: libfcgi-bin), a FastCGI client, or null. */
    public static function cgiFcgi(): ?string
    {
        return self::find('cgi-fcgi');
    }

    /**
     * What a PHP started with -n needs to have opcache: [] when this PHP has it built in (PHP
     * 8.5 and later), ['zend_extension' => path] when it is a shared opcache.so (Debian ships it
     * in phpX.Y-opcache, a dependency of phpX.Y-cli; looked up in the extension folder PHP was
     * built with, PHP_EXTENSION_DIR, since make test points extension_dir elsewhere), or null
     * when this PHP has no opcache. Asked of the PHP under test once per process.
     *
     * @return array<string, string>|null
     */
    public static function opcacheIni(): ?array
    {
        static $ini = false;
        if ($ini === false) {
            $ini = null;
            $so = rtrim(PHP_EXTENSION_DIR, '/') . '/opcache.so';
            foreach (array_merge([[]], is_file($so) ? [['zend_extension' => $so]] : []) as $try) {
                $cmd = [self::binary(), '-n'];
                foreach ($try as $name => $value) {
                    array_push($cmd, '-d', "$name=$value");
                }
                array_push($cmd, '-r', 'echo function_exists("opcache_get_status") ? "yes" : "no";');
                if (Exec::run($cmd, 60)['stdout'] === 'yes') {
                    $ini = $try;
                    break;
                }
            }
        }
        return $ini;
    }

    /** The Debian package that brings php-fpm for this PHP. */
    public static function fpmPackage(): string
    {
        return 'php' . self::version() . '-fpm';
    }
}
