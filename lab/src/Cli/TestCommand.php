<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Build;
use MemoryLab\Lab\DebianPhp;
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
    /** @var list<string> the --php versions, none when the lanes run on this PHP alone */
    private array $versions = [];
    private bool $refreshRoots = false;

    protected function configure(): void
    {
        $this->setName('test')
            ->setDescription('build the extension and run the phpt suite (make test): plain, under valgrind or ASan, or the static analysers')
            ->addArgument('test', InputArgument::IS_ARRAY, 'phpt files or folders to run (default: tests, the whole suite)')
            ->addOption('static', null, InputOption::VALUE_NONE, 'run cppcheck and clang-tidy on the extension\'s sources')
            ->addOption('valgrind', null, InputOption::VALUE_NONE, 'run every test\'s php under valgrind memcheck')
            ->addOption('asan', null, InputOption::VALUE_NONE, 'run the suite on an ASan+UBSan build of the extension')
            ->addOption('php-config', null, InputOption::VALUE_REQUIRED, 'run the plain lane against another PHP: the one this php-config belongs to (PATH)')
            ->addOption('php', null, InputOption::VALUE_REQUIRED, 'run the plain lane on these Debian PHP versions (8.2, 8.4, 8.5, 8.6; comma-separated), each in a Debian root unless it is this PHP')
            ->addOption('refresh-roots', null, InputOption::VALUE_NONE, 'with --php: make the Debian roots again before the run')
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
            Other Debian PHP versions (the plain lane only; as root):
              --php X.Y[,X.Y...]  the plain lane on each of these Debian PHP versions in
                          turn: 8.2 (Debian 12), 8.4 (Debian 13), 8.5 and 8.6 (Debian
                          experimental). The version of the PHP running memlab runs here;
                          any other runs in a Debian root made with debootstrap
                          --variant=minbase (Debian 13 for 8.4, sid with experimental's
                          PHP for 8.5 and 8.6) from $MEMLAB_DEBIAN_MIRROR (default
                          http://deb.debian.org/debian), kept in /var/cache/memlab/roots/NAME
                          ($MEMLAB_ROOTS) and reused while current: made less than 7 days
                          ago ($MEMLAB_ROOT_MAX_AGE_DAYS) by this version of memlab. Making
                          one takes a few minutes. For the run, /proc and /dev are mounted
                          in the root and the tree (the files git lists) is copied in; both
                          are undone however the run ends. TEST must lie in the tree.
              --refresh-roots  make those roots again first.

            In the valgrind and ASan lanes the tests that measure VmSize, VmRSS,
            mallinfo2() or the Zend MM skip themselves (their SKIPIF sees USE_ZEND_ALLOC=0):
            those lanes replace the allocators they measure.

            run-tests prints its own summary first. memlab counts a test that carries
            --XLEAK-- as passed when its output matches, whether it leaked (valgrind) or not
            (a plain run, where run-tests warns), a test that passed on run-tests' own retry as
            passed (named as FLAKY), and borked, leaked and other warned tests as
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
        $this->checkVersions($input);
    }

    /**
     * Checks --php and --refresh-roots: Debian's versions, the plain lane only, not with
     * --php-config, TEST inside the tree (a root gets a copy of it), and root for a version that
     * runs in a root. Throws UsageError.
     */
    private function checkVersions(InputInterface $input): void
    {
        $this->refreshRoots = (bool) $input->getOption('refresh-roots');
        if ($input->getOption('php') === null) {
            if ($this->refreshRoots) {
                throw new UsageError('--refresh-roots goes with --php, which names the roots');
            }
            return;
        }
        $this->versions = DebianPhp::parse('--php', self::str($input, 'php'));
        if ($this->lanes !== ['plain']) {
            throw new UsageError('--php runs the plain lane only; --static, --valgrind and --asan run on this PHP');
        }
        if ($this->php !== null) {
            throw new UsageError('--php and --php-config name the PHP to test two ways: give one of them');
        }
        $elsewhere = array_values(array_filter($this->versions, static fn (string $v): bool => !DebianPhp::here($v)));
        if ($elsewhere === []) {
            return;
        }
        foreach ($this->tests as $test) {
            if (str_starts_with($test, '/')) {
                throw UsageError::option('TEST', $test, 'expected a file or folder inside the tree with --php (the root gets a copy of the tree)');
            }
        }
        /* The effective uid; from /proc when ext/posix is not loaded. */
        $euid = function_exists('posix_geteuid') ? posix_geteuid()
            : (preg_match('/^Uid:\s+\d+\s+(\d+)/m', (string) @file_get_contents('/proc/self/status'), $m) ? (int) $m[1] : 0);
        if ($euid !== 0) {
            throw new UsageError(sprintf('--php %s runs in a Debian root (debootstrap, mount, chroot), which needs root: run as root or with sudo', implode(',', $elsewhere)));
        }
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        $packages = [];
        foreach ($this->lanes as $lane) {
            $packages = array_merge($packages, self::PACKAGES[$lane]);
        }
        /* What runs, by name: the lanes here, or the plain lane on each --php version. */
        $runs = [];
        if ($this->versions === []) {
            foreach ($this->lanes as $lane) {
                $runs["the $lane lane"] = $this->laneCommand($lane);
            }
        } else {
            $here = array_filter($this->versions, [DebianPhp::class, 'here']);
            $rootPackages = $packages;
            $packages = $here === [] ? [] : $packages;
            if (count($here) < count($this->versions)) {
                $packages = array_merge($packages, ['debootstrap', 'wget']);
            }
            foreach ($this->versions as $version) {
                $runs[DebianPhp::describe($version)] = DebianPhp::here($version) ? $this->laneCommand('plain')
                    : DebianPhp::command($version, $this->tests, $rootPackages, $this->refreshRoots);
            }
        }
        Build::packages(array_values(array_unique($packages)));
        Signals::check();

        $total = ['passed' => 0, 'failed' => 0, 'skipped' => 0];
        $ok = true;
        foreach ($runs as $name => $command) {
            if (count($runs) > 1) {
                $this->say($output, $name);
            }
            if ($this->php !== null) {
                $this->say($output, "$name on PHP {$this->php->version} ({$this->php->php})");
            }
            [$status, $counts] = $this->runLane($command, $output);
            if ($counts === null) {
                /* Alone, it said why it stopped (a build, a root that could not be made) and its status is ours. */
                if (count($runs) > 1) {
                    $this->say($output, "$name ended with status $status and no summary line; it counts as one failure");
                }
                $counts = ['passed' => 0, 'failed' => 1, 'skipped' => 0];
            }
            foreach ($total as $key => $n) {
                $total[$key] = $n + $counts[$key];
            }
            $ok = $ok && $status === 0 && $counts['failed'] === 0;
        }
        if (count($runs) > 1) {
            $output->writeln(sprintf('total: %d passed, %d failed, %d skipped', $total['passed'], $total['failed'], $total['skipped']), OutputInterface::OUTPUT_RAW);
        }
        return $ok ? 0 : 1;
    }

    /**
     * The command of a lane here: lab/sh/test.sh LANE TEST...
     *
     * @return list<string>
     */
    private function laneCommand(string $lane): array
    {
        return array_merge(['bash', Build::root() . '/lab/sh/test.sh', $lane], $this->tests);
    }

    /**
     * Runs a lane's command (laneCommand(), or lab/sh/root.sh for a --php version) in the
     * tree, its output streamed (Foreground: a signal is passed on, and the lane stops with
     * everything it started), with the environment of --php-config's PHP when given. Returns
     * its exit status and the counts of its last "N passed, N failed, N skipped" line (null
     * when it printed none). Throws Interrupted.
     *
     * @param list<string> $command
     * @return array{0: int, 1: array{passed: int, failed: int, skipped: int}|null}
     */
    private function runLane(array $command, OutputInterface $output): array
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
