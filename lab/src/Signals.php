<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * Ctrl-C, TERM and HUP during a command. The handler only records the signal; the command
 * checks between steps and unwinds with Interrupted, so every server is stopped by the normal
 * path (a throw from inside a handler could land in any catch block).
 */
final class Signals
{
    private static ?int $caught = null;

    /** Installs the handlers (ext/pcntl; without it PHP's default applies). */
    public static function install(): void
    {
        if (!function_exists('pcntl_async_signals')) {
            return;
        }
        pcntl_async_signals(true);
        foreach ([Proc::SIGINT, Proc::SIGTERM, Proc::SIGHUP] as $sig) {
            pcntl_signal($sig, static function (int $sig): void {
                self::$caught ??= $sig;
            });
        }
    }

    /** The first signal caught, or null. */
    public static function caught(): ?int
    {
        return self::$caught;
    }

    /** Throws Interrupted once a signal has arrived. */
    public static function check(): void
    {
        if (self::$caught !== null) {
            throw new Interrupted(self::$caught);
        }
    }

    /** Sleeps up to $seconds, waking early for a signal; then check(). */
    public static function sleep(float $seconds): void
    {
        for ($end = microtime(true) + $seconds; self::$caught === null && microtime(true) < $end;) {
            usleep((int) min(50000, max(1000, ($end - microtime(true)) * 1e6)));
        }
        self::check();
    }
}
