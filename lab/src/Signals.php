<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * Ctrl-C, TERM and HUP during a run. The handler only records the signal; the run
 * checks between requests and unwinds with Interrupted, so every server is stopped
 * by the normal path (a throw from inside a handler could land in any catch block).
 */
final class Signals
{
    private static ?int $caught = null;

    /** Installs the handlers when ext/pcntl is there; without it PHP's default applies. */
    public static function install(): void
    {
        if (!function_exists('pcntl_async_signals')) {
            return;
        }
        pcntl_async_signals(true);
        foreach ([SIGINT, SIGTERM, SIGHUP] as $sig) {
            pcntl_signal($sig, function (int $sig): void {
                self::$caught ??= $sig;
            });
        }
    }

    /** Throws Interrupted once a signal has arrived. */
    public static function check(): void
    {
        if (self::$caught !== null) {
            throw new Interrupted('interrupted by signal ' . self::$caught);
        }
    }
}
