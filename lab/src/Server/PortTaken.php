<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Server;

/** Thrown inside Server::start() when another process bound the port first. */
final class PortTaken extends \RuntimeException
{
}
