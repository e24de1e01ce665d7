<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\OutputInterface;

/** ./memlab bench: being moved onto the application. */
final class BenchCommand extends LabCommand
{
    protected function configure(): void
    {
        $this->setName('bench')->setDescription('(being moved)');
    }

    protected function check(InputInterface $input): void
    {
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        throw new \RuntimeException('not moved yet');
    }
}
