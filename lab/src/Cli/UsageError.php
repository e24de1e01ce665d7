<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

/** A bad option or argument: one line for the user, exit status 2, nothing started. */
final class UsageError extends \InvalidArgumentException
{
    /** "--OPTION: VALUE given; EXPECTED" */
    public static function option(string $option, string $value, string $expected): self
    {
        return new self(sprintf('%s: "%s" given; %s', $option, $value, $expected));
    }
}
