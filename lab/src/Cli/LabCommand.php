<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Build;
use MemoryLab\Lab\Signals;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\ConsoleOutputInterface;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * What every memlab command shares: arguments are checked first (check()), before anything is
 * built or started; then Ctrl-C, TERM and HUP are caught (Signals) and the command runs
 * (perform()). Errors are thrown (UsageError, Interrupted, \RuntimeException) and Application
 * turns them into one line and an exit status.
 */
abstract class LabCommand extends Command
{
    /** Checks every option and argument; throws UsageError. Nothing may start here. */
    abstract protected function check(InputInterface $input): void;

    /** Does the work; returns the exit status. */
    abstract protected function perform(InputInterface $input, OutputInterface $output): int;

    final protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $this->check($input);
        Signals::install();
        return $this->perform($input, $output);
    }

    /** Where progress and notes go: stderr. */
    protected static function err(OutputInterface $output): OutputInterface
    {
        return $output instanceof ConsoleOutputInterface ? $output->getErrorOutput() : $output;
    }

    /** A note for humans on stderr, "memlab COMMAND: MESSAGE". */
    protected function say(OutputInterface $output, string $message): void
    {
        self::err($output)->writeln("memlab {$this->getName()}: $message", OutputInterface::OUTPUT_RAW);
    }

    /**
     * The memory.so this command loads into the servers it starts: a private copy in the run's
     * folder, so that a rebuild in the tree never replaces a library a server has mapped. It is
     * $MEMORY_SO when set (the suite's own), else the tree's dev build, made now if needed.
     */
    protected function memorySo(OutputInterface $output): string
    {
        return Build::privateCopy(self::err($output));
    }

    /** The value of an option as a string ('' when absent). */
    protected static function str(InputInterface $input, string $name): string
    {
        $v = $input->getOption($name);
        return is_string($v) ? $v : '';
    }
}
