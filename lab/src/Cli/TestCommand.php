<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Build;
use MemoryLab\Lab\Foreground;
use MemoryLab\Lab\PhpConfig;
use MemoryLab\Lab\Signals;
use Symfony\Component\Console\Input\InputArgument;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * ./memlab test: the phpt suite in one or more lanes (plain, static, valgrind, asan). Each lane
 * is lab/sh/test.sh, make test with its environment and wrappers; this command checks the
 * arguments, installs the lanes' packages, runs the lanes in order with their output streamed,
 * and adds up their "N passed, N failed, N skipped" lines.
 */
final class TestCommand extends LabCommand
{
    /** The lanes an option names, in the order they run; no option is the plain lane. */
    public const LANES = ['static', 'valgrind', 'asan'];

    /** The Debian packages each lane needs on top of the build's. */
    public const PACKAGES = [
        'plain' => ['valgrind', 'gnuplot-nox'],
        'static' => ['cppcheck', 'clang-tidy'],
        'valgrind' => ['valgrind', 'gnuplot-nox'],
        'asan' => ['g++', 'libasan8', 'libubsan1', 'gnuplot-nox'],
    ];

    /** @var list<string> */
    private array $lanes = [];
    /** @var list<string> the TEST arguments, relative to the tree when inside it */
    private array $tests = [];
    /** the PHP that --php-config names, or null for the machine's */
    private ?PhpConfig $php = null;

    protected function configure(): void
    {
        $this->setName('test')
            ->setDescription('build the extension and run the phpt suite (make test): plain, under valgrind or ASan, or the static analysers')
            ->addArgument('test', InputArgument::IS_ARRAY, 'phpt files or folders to run (default: tests, the whole suite)')
            ->addOption('static', null, InputOption::VALUE_NONE, 'run cppcheck and clang-tidy on the extension\'s sources')
            ->addOption('valgrind', null, InputOption::VALUE_NONE, 'run every test\'s php under valgrind memcheck')
            ->addOption('asan', null, InputOption::VALUE_NONE, 'run the suite on an ASan+UBSan build of the extension')
            ->addOption('php-config', null, InputOption::VALUE_REQUIRED, 'run the plain lane against another PHP: the one this php-config belongs to (PATH)')
            ->setHelp(<<<'HELP'
            Installs what is missing (as root), builds memory.so with --enable-memory-dev
            (-Wall -Wextra -Werror) and runs the phpt suite with make test, two tests at a
            time. TEST narrows the run to some .phpt files or folders (default: tests, the
            whole suite). Each lane ends with the line "N passed, N failed, N skipped"; with
            several lanes a last line, "total: N passed, N failed, N skipped", adds them up. The exit status is 1 when a test or an
            analyser failed.

            Lanes (without an option: the plain lane; given together, they all run, in the
            order static, valgrind, asan):
              --static    cppcheck and clang-tidy (.clang-tidy) on the extension's sources;
                          no phpt test runs. Each analyser counts as one test.
              --valgrind  every test's php under valgrind memcheck (run-tests -m) with
                          --leak-check=full and ZEND_DONT_UNLOAD_MODULES=1; the servers and
                          tools a test starts run without it. emalloc goes through malloc
                          (USE_ZEND_ALLOC=0) with PHP's tracked allocator (USE_TRACKED_ALLOC=1,
                          report_memleaks=0), so memory_limit still holds and emalloc blocks
                          are freed at request end, as the Zend MM does. A test fails on any
                          error or leak, except the tests that declare their leak with
                          --XLEAK--; those count as passed.
              --asan      a second copy of the extension built with
                          -fsanitize=address,undefined -fno-omit-frame-pointer in out/asan
                          (the main tree is not reconfigured), the suite run with the
                          sanitizer runtime preloaded into Debian's PHP (lab/asan/preload.c;
                          LeakSanitizer suppressions: lab/asan/lsan.supp). Any report, from a
                          test or from a server a test started, fails the lane.
              --php-config PATH
                          the plain lane against another PHP, a debug or ZTS build for
                          example: the extension built with that PHP's phpize and
                          php-config in a copy of the tree in out/php-HASH (the main tree
                          is not reconfigured), the suite run with its php, and with the
                          php-fpm and php-cgi installed with it. That PHP needs php-fpm
                          and the extensions intl, mbstring, pcntl and posix. The other
                          lanes run on the machine's PHP only.
            In the valgrind and ASan lanes the tests that measure VmSize, VmRSS,
            mallinfo2() or the Zend MM skip themselves (their SKIPIF sees USE_ZEND_ALLOC=0):
            those lanes replace the allocators they measure.

            run-tests prints its own summary first. memlab counts a test that carries
            --XLEAK-- as passed when its output matches, whether it leaked (valgrind) or not
            (a plain run, where run-tests warns), and borked, leaked and other warned tests as
            failed; when the two counts differ, a line says why.

            Ctrl-C stops make test with every php and server it started, removes the run's
            temporary files and exits 130.
            HELP);
    }

    protected function check(InputInterface $input): void
    {
        foreach (self::LANES as $lane) {
            if ($input->getOption($lane)) {
                $this->lanes[] = $lane;
            }
        }
        if ($this->lanes === []) {
            $this->lanes = ['plain'];
        }
        $phpConfig = $input->getOption('php-config');
        if ($phpConfig !== null) {
            if ($this->lanes !== ['plain']) {
                throw UsageError::option('--php-config', (string) $phpConfig, 'it runs the plain lane; --static, --valgrind and --asan run on the machine\'s PHP');
            }
            $this->php = PhpConfig::inspect((string) $phpConfig);
        }
        $tests = (array) $input->getArgument('test');
        foreach ($tests === [] ? [Build::root() . '/tests'] : $tests as $test) {
            $this->tests[] = self::treePath((string) $test);
        }
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        $packages = [];
        foreach ($this->lanes as $lane) {
            $packages = array_merge($packages, self::PACKAGES[$lane]);
        }
        Build::packages(array_values(array_unique($packages)));
        Signals::check();

        $total = ['passed' => 0, 'failed' => 0, 'skipped' => 0];
        $ok = true;
        foreach ($this->lanes as $lane) {
            if (count($this->lanes) > 1) {
                $this->say($output, "the $lane lane");
            }
            if ($this->php !== null) {
                $this->say($output, "the $lane lane on PHP {$this->php->version} ({$this->php->php})");
            }
            [$status, $counts] = $this->runLane($lane, $output);
            if ($counts === null) {
                $this->say($output, "the $lane lane ended with status $status and no summary line; it counts as one failure");
                $counts = ['passed' => 0, 'failed' => 1, 'skipped' => 0];
            }
            foreach ($total as $key => $n) {
                $total[$key] = $n + $counts[$key];
            }
            $ok = $ok && $status === 0 && $counts['failed'] === 0;
        }
        if (count($this->lanes) > 1) {
            $output->writeln(sprintf('total: %d passed, %d failed, %d skipped', $total['passed'], $total['failed'], $total['skipped']), OutputInterface::OUTPUT_RAW);
        }
        return $ok ? 0 : 1;
    }

    /**
     * Runs `bash lab/sh/test.sh LANE TEST...` in the tree, its output streamed (Foreground:
     * a signal is passed on, and the lane stops with everything it started). Returns its exit
     * status and the counts of its last "N passed, N failed, N skipped" line (null when it
     * printed none). Throws Interrupted.
     *
     * @return array{0: int, 1: array{passed: int, failed: int, skipped: int}|null}
     */
    private function runLane(string $lane, OutputInterface $output): array
    {
        $counts = null;
        $partial = '';
        $onOutput = static function (string $chunk) use ($output, &$counts, &$partial): void {
            $output->write($chunk, false, OutputInterface::OUTPUT_RAW);
            $lines = explode("\n", $partial . $chunk);
            $partial = (string) array_pop($lines);
            foreach ($lines as $line) {
                if (preg_match('/^(\d+) passed, (\d+) failed, (\d+) skipped$/', $line, $m)) {
                    $counts = ['passed' => (int) $m[1], 'failed' => (int) $m[2], 'skipped' => (int) $m[3]];
                }
            }
        };
        $command = array_merge(['bash', Build::root() . '/lab/sh/test.sh', $lane], $this->tests);
        $env = $this->php !== null ? $this->php->environment() + getenv() : null;
        $status = Foreground::run($command, $onOutput, Build::root(), $env);
        return [$status, $counts];
    }

    /**
     * A TEST argument as run-tests gets it: relative to the tree when it lies inside it (the
     * ASan lane runs a copy of the tree), else absolute. Throws UsageError when it does not exist.
     */
    private static function treePath(string $test): string
    {
        $real = realpath($test);
        if ($real === false || (!is_dir($real) && !str_ends_with($real, '.phpt'))) {
            throw UsageError::option('TEST', $test, $real === false ? 'no such file or folder' : 'expected a .phpt file or a folder');
        }
        $root = realpath(Build::root()) ?: Build::root();
        if ($real === $root) {
            return '.';
        }
        return str_starts_with($real, "$root/") ? substr($real, strlen($root) + 1) : $real;
    }
}
