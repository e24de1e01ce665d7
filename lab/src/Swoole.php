<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * The swoole extension the lab can load into its swoole lifecycle, as a value: the absolute
 * path of its swoole.so and its version (6.2.1). Debian does not package Swoole: it is there
 * when the PHP under test loads it (php -m lists swoole) or when a path names a swoole.so
 * that this PHP loads.
 */
final class Swoole
{
    /** The note of a demo that runs without the swoole lifecycle. */
    public const NOT_FOUND = 'Swoole was not found (php -m has no swoole; --swoole PATH names a swoole.so)';

    /** How long a check of the .so may take, in seconds. */
    private const TIMEOUT = 30;

    public function __construct(
        public readonly string $so,
        public readonly string $version,
    ) {
    }

    /**
     * The swoole.so at $path, checked by loading it into the PHP under test alone
     * (php -n -d extension=PATH -m). Throws \RuntimeException saying why when it does not
     * load, or loads but is not swoole; starts nothing else.
     */
    public static function load(string $path): self
    {
        $real = realpath($path);
        if ($real === false || !is_file($real)) {
            throw new \RuntimeException('no such file');
        }
        $run = Exec::run([Php::binary(), '-n', '-d', "extension=$real", '-m'], self::TIMEOUT);
        $text = $run['stdout'] . "\n" . $run['stderr'];
        if (preg_match('/(?:PHP )?(?:Warning|Fatal error): +(?:PHP Startup: )?(.*?)(?: in Unknown on line \d+)?$/m', $text, $m)) {
            /* "Unable to load dynamic library 'X' (tried: X (why), DIR/X.so (why))": the first why. */
            $why = preg_replace('/^(Unable to load dynamic library) \'[^\']*\' \(tried: \S+ \((.*?)\)(?:, .*|\))$/', '$1: $2', trim($m[1]));
            throw new \RuntimeException('PHP ' . PHP_VERSION . ' does not load it: ' . $why);
        }
        if ($run['status'] !== 0) {
            throw new \RuntimeException('php -n -d extension=PATH -m exited with status ' . $run['status']);
        }
        if (!in_array('swoole', array_map('strtolower', array_map('trim', explode("\n", $run['stdout']))), true)) {
            throw new \RuntimeException('it loads, but php -m lists no swoole: it is not Swoole');
        }
        $version = Exec::run([Php::binary(), '-n', '-d', "extension=$real", '-r', 'echo phpversion("swoole");'], self::TIMEOUT);
        return new self($real, trim($version['stdout']) ?: '?');
    }

    /**
     * The Swoole that the PHP under test loads from its INI files (php -m lists swoole), or null
     * when it loads none. Its .so is found from the extension= line of those files. Throws
     * \RuntimeException when PHP loads swoole but that line names no file this PHP loads.
     */
    public static function installed(): ?self
    {
        $code = 'echo "\n", json_encode(["loaded" => extension_loaded("swoole"), "dir" => (string) ini_get("extension_dir"),'
            . ' "ini" => array_merge([(string) php_ini_loaded_file()], explode(",", (string) php_ini_scanned_files()))]);';
        $run = Exec::run([Php::binary(), '-r', $code], self::TIMEOUT);
        $lines = explode("\n", rtrim($run['stdout']));
        $found = json_decode((string) end($lines), true);
        if (!is_array($found) || empty($found['loaded'])) {
            return null;
        }
        foreach ($found['ini'] as $file) {
            $ini = @file_get_contents(trim((string) $file));
            if ($ini === false || !preg_match('/^\s*extension\s*=\s*["\']?([^"\'\s;]*swoole[^"\'\s;]*)/mi', $ini, $m)) {
                continue;
            }
            $so = $m[1][0] === '/' ? $m[1] : rtrim($found['dir'], '/') . '/' . $m[1];
            if (!str_ends_with($so, '.so')) {
                $so .= '.so';
            }
            try {
                return self::load($so);
            } catch (\RuntimeException $e) {
                throw new \RuntimeException("php -m lists swoole, but $so from $file does not load alone: {$e->getMessage()}; name a swoole.so with --swoole PATH");
            }
        }
        throw new \RuntimeException('php -m lists swoole, but no extension= line of ' . implode(', ', array_filter(array_map('trim', $found['ini'])))
            . ' names its .so; name it with --swoole PATH');
    }
}
