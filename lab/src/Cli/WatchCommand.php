<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Quantity;
use MemoryLab\Lab\Signals;
use MemoryLab\Lab\Watch;
use Symfony\Component\Console\Input\InputArgument;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * ./memlab watch: a line whenever a process's VIRT or RES (with --pss, PSS or USS) changes (the
 * seed's "top" step), and a lifetime line for each process that exits.
 */
final class WatchCommand extends LabCommand
{
    /** @var list<int> */
    private array $pids = [];
    private ?int $port = null;
    private int $interval = 100;
    private float $seconds = 0.0;
    private bool $pss = false;

    protected function configure(): void
    {
        $this->setName('watch')
            ->setDescription('print a line whenever a process\'s VIRT or RES changes (the seed\'s "top" step), and each exit')
            ->addArgument('pid', InputArgument::IS_ARRAY, 'the processes to watch')
            ->addOption('port', null, InputOption::VALUE_REQUIRED, 'watch the processes listening on TCP port N')
            ->addOption('interval', null, InputOption::VALUE_REQUIRED, 'polling interval in ms, ' . Watch::MIN_INTERVAL_MS . ' to ' . Watch::MAX_INTERVAL_MS, '100')
            ->addOption('for', null, InputOption::VALUE_REQUIRED, 'stop after this many seconds, 1 to 86400 (default: until Ctrl-C)')
            ->addOption('pss', null, InputOption::VALUE_NONE, 'add PSS and USS (from /proc/PID/smaps_rollup) and their sum over the processes')
            ->setHelp(<<<'HELP'
            The seed's "top in another terminal" step: polls /proc/PID/status and prints a
            line with the time, VIRT and RES (VmSize and VmRSS, as top shows them) whenever
            one of them changes, with the change in KiB. --port N watches every process
            listening on that port (php -S, or php-fpm's master and children, found again as
            they are respawned). It reads /proc only: nothing is built or started.

            --port looks for new children of the processes it watches at every poll, so a
            php-fpm child that pm.max_requests recycles within a second is seen too.

            When a process exits, one line gives its life as watched: VIRT and RES first,
            peak and last, in KiB. The peaks are the kernel's high-water marks (VmPeak and
            VmHWM in /proc/PID/status), so a peak between two polls counts; what the process
            did after the last poll before its exit is not seen. The requests it served are
            "unknown": a request leaves no count in /proc that another process can read.

            --pss adds PSS and USS from /proc/PID/smaps_rollup: PSS shares each page among
            the processes that map it (the pool's PSS adds up to what it really uses), USS
            counts only the pages no other process maps (what the process's exit frees).
            RES counts a shared page once in every process, so the RES of a php-fpm pool
            adds up to more than it uses. A line is printed when VIRT, RES or USS changes:
            PSS moves by a few KiB whenever another process maps or unmaps a library page
            this one shares. With --port or several PIDs, a sum line follows
            each poll that printed something: RES, PSS and USS summed over the processes.
            The PSS peak of the lifetime line is the highest reading (PSS has no high-water
            mark). Reading smaps_rollup needs the right to ptrace the process (its owner or
            root).

            It runs until Ctrl-C or --for, or, given PIDs, until they are all gone; then it
            prints the total change of each process still running. top shows the same
            figures with `top -e m -p PID` (sizes in MiB, as in the seed's post).
            HELP);
    }

    protected function check(InputInterface $input): void
    {
        foreach ((array) $input->getArgument('pid') as $pid) {
            $this->pids[] = Quantity::int('PID', (string) $pid, 1, PHP_INT_MAX);
        }
        if ($input->getOption('port') !== null) {
            $this->port = Quantity::int('--port', self::str($input, 'port'), 1, 65535);
        }
        $this->interval = Quantity::int('--interval', self::str($input, 'interval'), Watch::MIN_INTERVAL_MS, Watch::MAX_INTERVAL_MS);
        if ($input->getOption('for') !== null) {
            $this->seconds = (float) Quantity::int('--for', self::str($input, 'for'), 1, 86400);
        }
        $this->pss = (bool) $input->getOption('pss');
        if (($this->pids === []) === ($this->port === null)) {
            throw new UsageError('give PIDs or --port N, not both and not neither');
        }
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        $pids = $this->pids;
        if ($this->port !== null) {
            $found = Proc::listeners($this->port);
            if ($found['pids'] === [] && $found['hidden']) {
                throw new \RuntimeException(sprintf(
                    'something listens on port %d, but its process is not readable by this user (uid %d): run watch as its owner or as root',
                    $this->port, function_exists('posix_getuid') ? posix_getuid() : -1
                ));
            }
            if ($found['pids'] === []) {
                throw new \RuntimeException("nothing listens on port {$this->port} (start a server with ./memlab serve --port {$this->port})");
            }
            $pids = $found['pids'];
        }
        foreach ($pids as $pid) {
            if (Proc::mem($pid) === null) {
                throw new \RuntimeException(is_dir("/proc/$pid") ? "process $pid is not readable by this user" : "no process $pid");
            }
            if ($this->pss && Proc::rollup($pid) === null && Proc::alive($pid)) {
                throw new \RuntimeException("cannot read /proc/$pid/smaps_rollup: --pss needs the right to ptrace process $pid (run watch as its owner or as root)");
            }
        }
        $this->say($output, sprintf(
            '%s every %d ms; Ctrl-C to stop',
            $this->port !== null ? "port {$this->port} (pid " . implode(', ', $pids) . ')' : 'pid ' . implode(', ', $pids),
            $this->interval,
        ));
        $stdout = fopen('php://stdout', 'w');
        Watch::run($pids, $this->port, $this->interval, $this->seconds, $stdout, static fn (): bool => Signals::caught() !== null, $this->pss);
        /* Ctrl-C is how a watch ends: not an interruption of work. */
        return 0;
    }
}
