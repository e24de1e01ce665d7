<?php

declare(strict_types=1);

// Loads the lab's classes (MemoryLab\Lab\*) and, on request, tests/inc's server helpers.

namespace MemoryLab\Lab;

spl_autoload_register(function (string $class): void {
    $prefix = __NAMESPACE__ . '\\';
    if (str_starts_with($class, $prefix)) {
        $file = __DIR__ . '/' . substr($class, strlen($prefix)) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});

/** The repository's root. */
function root(): string
{
    return dirname(__DIR__, 2);
}

/** Loads MemoryLab\Server and friends, shared with the phpt suite. */
function load_server_helpers(): void
{
    $inc = root() . '/tests/inc/memlab.inc';
    if (!is_file($inc)) {
        throw new \RuntimeException("the server helpers are missing: $inc");
    }
    require_once $inc;
}
