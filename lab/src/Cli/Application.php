<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Interrupted;
use Symfony\Component\Console\Application as ConsoleApplication;
use Symfony\Component\Console\Exception\ExceptionInterface as ConsoleInputError;
use Symfony\Component\Console\Input\ArgvInput;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Output\ConsoleOutput;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * ./memlab: the lab's one command line, on Debian's symfony/console (5.4 in Debian 12, 6.4 in
 * Debian 13). Each command owns its options, validation, help and exit status; errors come out
 * in one style, "memlab COMMAND: what is wrong", with the exit statuses of EXIT_CODES.
 */
final class Application extends ConsoleApplication
{
    public const VERSION = '0.2.0';

    /** Every exit status a command may end with. */
    public const EXIT_CODES = [
        0 => 'done; for test and soak: every check passed',
        1 => 'a check or test failed, or the run could not finish (a build, a server)',
        2 => 'a bad option or argument; nothing was built or started',
        130 => 'interrupted by Ctrl-C (129: SIGHUP, 143: SIGTERM); every process it started is stopped',
    ];

    public function __construct()
    {
        parent::__construct('memlab', self::VERSION);
        $this->setAutoExit(false);
        $this->setCatchExceptions(false);
        $this->addCommands([
            new DemoCommand(),
            new ServeCommand(),
            new LabUiCommand(),
            new WatchCommand(),
            new BenchCommand(),
            new SoakCommand(),
            new TestCommand(),
        ]);
    }

    public function getHelp(): string
    {
        $codes = '';
        foreach (self::EXIT_CODES as $code => $meaning) {
            $codes .= sprintf("  %-4d %s\n", $code, $meaning);
        }
        return <<<HELP
        memlab: the memory extension's lab. It builds memory.so with phpize and runs the
        experiment of the blog post "PHP的emalloc": malloc leaks live as long as the
        process, emalloc leaks as long as the request. Run as root, it installs the Debian
        packages it needs.

        Exit status:
        $codes
        HELP;
    }

    /** Runs the command line and returns the exit status; errors become one line on stderr. */
    public function main(array $argv): int
    {
        /* ./memlab, ./memlab -h and ./memlab --help: the overview, commands and exit statuses. */
        if (count($argv) === 1 || (count($argv) === 2 && in_array($argv[1], ['-h', '--help'], true))) {
            $argv = [$argv[0], 'list'];
        }
        $input = new ArgvInput($argv);
        $output = new ConsoleOutput();
        $name = $input->getFirstArgument() ?? '';
        $who = $name !== '' && $this->has($name) ? "memlab $name" : 'memlab';
        try {
            return $this->run($input, $output);
        } catch (UsageError | ConsoleInputError $e) {
            $hint = $who === 'memlab' ? './memlab --help' : "./$who --help";
            $output->getErrorOutput()->writeln(sprintf('%s: %s (see %s)', $who, rtrim($e->getMessage(), '.'), $hint), OutputInterface::OUTPUT_RAW);
            return 2;
        } catch (Interrupted $e) {
            $output->getErrorOutput()->writeln("$who: interrupted", OutputInterface::OUTPUT_RAW);
            return $e->exitStatus();
        } catch (\Throwable $e) {
            $output->getErrorOutput()->writeln("$who: " . $e->getMessage(), OutputInterface::OUTPUT_RAW);
            return 1;
        }
    }
}
