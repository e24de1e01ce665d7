<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * The private temporary folder of this process's run: made on first use under
 * sys_get_temp_dir() with a random name and mode 0700, and removed with all it holds when the
 * process that made it ends. Every temporary path of the lab (server pools and logs, private
 * copies of memory.so, demo outputs of tests) lives in it, so two runs, two users or the
 * leftovers of an earlier run never meet on a path.
 */
final class RunDir
{
    private static ?string $path = null;
    private static int $owner = 0;

    /** The folder, made now if this process has none yet (a forked child makes its own). */
    public static function path(): string
    {
        if (self::$path === null || self::$owner !== getmypid()) {
            self::$path = self::make(sys_get_temp_dir(), 'memlab-run');
            self::$owner = getmypid();
            $path = self::$path;
            $owner = self::$owner;
            register_shutdown_function(static function () use ($path, $owner): void {
                if (getmypid() === $owner) {
                    self::remove($path);
                }
            });
        }
        return self::$path;
    }

    /** A new private folder inside the run's folder: PREFIX-RANDOM. */
    public static function sub(string $prefix): string
    {
        return self::make(self::path(), $prefix);
    }

    /** Makes PARENT/PREFIX-RANDOM with mode 0700; throws when it cannot. */
    public static function make(string $parent, string $prefix): string
    {
        for ($try = 0; $try < 10; $try++) {
            $dir = rtrim($parent, '/') . '/' . $prefix . '-' . bin2hex(random_bytes(6));
            if (@mkdir($dir, 0700)) {
                return $dir;
            }
        }
        throw new \RuntimeException("cannot create a private folder in $parent");
    }

    /** Removes a folder and everything below it; links are removed, not followed. */
    public static function remove(string $dir): void
    {
        if (is_link($dir) || !is_dir($dir)) {
            @unlink($dir);
            return;
        }
        foreach (scandir($dir) ?: [] as $entry) {
            if ($entry !== '.' && $entry !== '..') {
                self::remove("$dir/$entry");
            }
        }
        @rmdir($dir);
    }
}
