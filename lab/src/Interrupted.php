<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/** The run was interrupted (Ctrl-C, TERM, HUP): unwind, stopping the servers on the way. */
final class Interrupted extends \RuntimeException
{
    public function __construct(public readonly int $signal)
    {
        parent::__construct('interrupted');
    }

    /** The exit status of a process ended by this signal: 128 + N (130 for Ctrl-C). */
    public function exitStatus(): int
    {
        return 128 + $this->signal;
    }
}
