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

    /** The file in a run's folder that names the process that made it: "PID STARTTIME". */
    private const OWNER = 'owner';

    /**
     * The folder, made now if this process has none yet (a forked child makes its own). Made
     * with it: the owner file, and the folders of this user's earlier runs whose owner is gone
     * without removing them (a SIGKILL runs no shutdown function) are removed.
     */
    public static function path(): string
    {
        if (self::$path === null || self::$owner !== getmypid()) {
            self::sweep(sys_get_temp_dir());
            self::$path = self::make(sys_get_temp_dir(), 'memlab-run');
            self::$owner = getmypid();
            @file_put_contents(self::$path . '/' . self::OWNER, getmypid() . ' ' . (Proc::startTime(getmypid()) ?? 0) . "\n");
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

    /**
     * Removes this user's memlab-run-* folders in $parent whose owner file names a process that
     * is gone (its pid missing, or now another process, started at another time). A folder
     * without an owner file is left alone: it may be one being made this moment.
     */
    public static function sweep(string $parent): void
    {
        foreach (glob(rtrim($parent, '/') . '/memlab-run-*', GLOB_ONLYDIR) ?: [] as $dir) {
            if (is_link($dir) || @fileowner($dir) !== self::euid()) {
                continue;
            }
            $owner = @file_get_contents("$dir/" . self::OWNER);
            if ($owner === false || !preg_match('/^(\d+) (\d+)$/', trim($owner), $m)) {
                continue;
            }
            $start = Proc::startTime((int) $m[1]);
            if ($start === null || $start !== (int) $m[2]) {
                self::remove($dir);
            }
        }
    }

    /** This process's effective uid (posix_geteuid(), or /proc/self/status without ext/posix). */
    private static function euid(): int
    {
        if (function_exists('posix_geteuid')) {
            return posix_geteuid();
        }
        preg_match('/^Uid:\s+\d+\s+(\d+)/m', (string) @file_get_contents('/proc/self/status'), $m);
        return isset($m[1]) ? (int) $m[1] : -1;
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
