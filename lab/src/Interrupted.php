<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/** The run was interrupted (Ctrl-C, TERM, HUP): unwind, stopping the servers on the way. */
final class Interrupted extends \RuntimeException
{
}
