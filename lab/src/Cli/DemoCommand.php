<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Build;
use MemoryLab\Lab\Demo;
use MemoryLab\Lab\DemoPlan;
use MemoryLab\Lab\Interrupted;
use MemoryLab\Lab\Leak;
use MemoryLab\Lab\Lifecycle;
use MemoryLab\Lab\Progress;
use MemoryLab\Lab\Quantity;
use MemoryLab\Lab\Seed;
use MemoryLab\Lab\Server\Server;
use MemoryLab\Lab\Signals;
use MemoryLab\Lab\Swoole;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/** ./memlab demo: the seed's experiment in every lifecycle: tables, verdicts, CSV, summary.json, plots. */
final class DemoCommand extends LabCommand
{
    /** The largest memory_limit the long-running worker may be given. */
    private const MAX_MEMORY_LIMIT = 1024 * 1024 * 1024 * 1024;

    private ?DemoPlan $plan = null;
    /** whether the leaks came from --alloc, the old name of --leak */
    private bool $deprecatedAlloc = false;
    /** why the demo runs without the swoole lifecycle it would have run, or null */
    private ?string $swooleNote = null;

    protected function configure(): void
    {
        $this->setName('demo')
            ->setDescription('the seed\'s experiment in every lifecycle: tables, verdicts, CSV, summary.json and plots')
            ->addOption('requests', null, InputOption::VALUE_REQUIRED, 'leaking requests per scenario, 2 to ' . DemoPlan::MAX_REQUESTS, (string) DemoPlan::DEFAULT_REQUESTS)
            ->addOption('bytes', null, InputOption::VALUE_REQUIRED, 'bytes leaked per request: a size such as 400, 64K or 2M, up to ' . Quantity::format(DemoPlan::MAX_BYTES), Quantity::format(Leak::DEFAULT_BYTES))
            ->addOption('only', null, InputOption::VALUE_REQUIRED, 'run only these lifecycles, comma-separated: ' . implode(', ', Lifecycle::NAMES))
            ->addOption('leak', null, InputOption::VALUE_REQUIRED, 'run only these leaks, comma-separated: ' . implode(', ', Leak::NAMES))
            ->addOption('alloc', null, InputOption::VALUE_REQUIRED, 'deprecated: the old name of --leak')
            ->addOption('out', null, InputOption::VALUE_REQUIRED, 'the output folder (its earlier demo files are replaced)', Build::root() . '/out')
            ->addOption('no-plot', null, InputOption::VALUE_NONE, 'do not draw the plots (no gnuplot needed)')
            ->addOption('max-requests', null, InputOption::VALUE_REQUIRED, 'pm.max_requests of the fpm-max-requests lifecycle, 3 to ' . DemoPlan::MAX_REQUESTS, (string) Lifecycle::DEFAULT_FPM_MAX_REQUESTS)
            ->addOption('worker-memory-limit', null, InputOption::VALUE_REQUIRED, 'memory_limit of the long-running worker, a size such as 32M (checked against what PHP applies)', Lifecycle::DEFAULT_WORKER_MEMORY_LIMIT)
            ->addOption('swoole', null, InputOption::VALUE_REQUIRED, 'the swoole.so of the swoole lifecycle (default: the one php -m lists, if any)')
            ->setHelp(<<<'HELP'
            Reproduces the experiment of "PHP的emalloc" in every lifecycle: starts each server on
            127.0.0.1 with memory.so, sends requests to a page that leaks, and after every request
            reads the serving process's VmSize/VmRSS (top's VIRT and RES) from /proc, with the
            page's memory_stats(). Prints a top-like table and a verdict per scenario.

            Scenarios: every leak in every lifecycle.
              lifecycles: cli-server (php -S), fpm (four children taking turns, opcache on,
                          pm.max_requests = 0; their RSS, PSS and USS after each scenario),
                          fpm-max-requests (php-fpm recycling its child), worker (a
                          long-running worker, the Swoole model), and swoole (a real
                          Swoole\Http\Server, SWOOLE_PROCESS, one worker, under the worker's
                          memory_limit) when PHP loads Swoole: php -m lists swoole, or
                          --swoole PATH names a swoole.so
              leaks:      malloc, malloc+touch (every page written: RES grows too), emalloc,
                          emalloc-small (--bytes in 16 KiB emalloc blocks, every page written:
                          what the process still holds after the request), pemalloc

            Each leak is judged by the reading that can see it, relative to --bytes: VIRT
            for blocks that are their own mmap (a malloc of 128 KiB or more, an emalloc over
            2 MiB - 4 KiB), glibc's in-use (mallinfo2()) for smaller mallocs, Zend usage for
            smaller emallocs.

            The output folder gets one CSV per scenario (LIFECYCLE_LEAK.csv), summary.json,
            and with the plots plot.gp (gnuplot's script, run in that folder), memory.png and
            memory.svg. It holds one run's files: those of an earlier demo are removed first;
            other files are left alone.

            Progress goes to stderr, the tables and verdicts to stdout. Every process the demo
            starts is stopped when it ends, on Ctrl-C and on failure too.
            HELP);
    }

    /**
     * The plan the options ask for, every option checked; throws UsageError naming the option,
     * the value and what it expects. Starts nothing.
     */
    public function plan(InputInterface $input): DemoPlan
    {
        /* Two leaking requests at least: a slope needs two points. */
        $requests = Quantity::int('--requests', self::str($input, 'requests'), 2, DemoPlan::MAX_REQUESTS);
        $bytes = Quantity::bytes('--bytes', self::str($input, 'bytes'), 1, DemoPlan::MAX_BYTES);
        $swoole = $this->swoole($input);
        $lifecycles = $input->getOption('only') !== null
            ? self::choices('--only', self::str($input, 'only'), Lifecycle::NAMES)
            : array_keys(Lifecycle::all(swoole: $swoole));
        if ($swoole === null && in_array('swoole', $lifecycles, true)) {
            throw UsageError::option('--only', self::str($input, 'only'), 'expected Swoole for the swoole lifecycle, but ' . Swoole::NOT_FOUND);
        }
        $this->deprecatedAlloc = $input->getOption('alloc') !== null;
        if ($this->deprecatedAlloc && $input->getOption('leak') !== null) {
            throw new UsageError('give --leak, or its old name --alloc, not both');
        }
        $leakOption = $this->deprecatedAlloc ? 'alloc' : 'leak';
        $leaks = $input->getOption($leakOption) !== null
            ? self::choices("--$leakOption", self::str($input, $leakOption), Leak::NAMES)
            : Leak::NAMES;
        $out = self::str($input, 'out');
        self::checkOut($out);
        /* A process's last request is read while it exits, so it needs three to leave two
         * readings for its slope. */
        $maxRequests = Quantity::int('--max-requests', self::str($input, 'max-requests'), 3, DemoPlan::MAX_REQUESTS);
        $memoryLimit = Quantity::format(Quantity::bytes('--worker-memory-limit', self::str($input, 'worker-memory-limit'), 1, self::MAX_MEMORY_LIMIT));
        return new DemoPlan(
            requests: $requests,
            bytes: $bytes,
            lifecycles: $lifecycles,
            leaks: $leaks,
            out: $out,
            plot: !$input->getOption('no-plot'),
            fpmMaxRequests: $maxRequests,
            workerMemoryLimit: $memoryLimit,
            swoole: $swoole,
        );
    }

    /**
     * The Swoole of the swoole lifecycle: --swoole's, checked by loading it into this PHP
     * alone (UsageError when it does not load), else the one php -m lists, else null; then
     * the note says why, when the demo would have run it (no --only).
     */
    private function swoole(InputInterface $input): ?Swoole
    {
        $this->swooleNote = null;
        if ($input->getOption('swoole') !== null) {
            $path = self::str($input, 'swoole');
            try {
                return Swoole::load($path);
            } catch (\RuntimeException $e) {
                throw UsageError::option('--swoole', $path, "expected a swoole.so this PHP loads ({$e->getMessage()})");
            }
        }
        try {
            $swoole = Swoole::installed();
        } catch (\RuntimeException $e) {
            $swoole = null;
            $why = $e->getMessage();
        }
        if ($swoole === null && $input->getOption('only') === null) {
            $this->swooleNote = $why ?? Swoole::NOT_FOUND;
        }
        return $swoole;
    }

    protected function check(InputInterface $input): void
    {
        $this->plan = $this->plan($input);
        /* What the lab passes to PHP must be what PHP applies: PHP refuses a memory_limit below
         * its start-up usage and silently keeps its default. Ask the PHP under test, once. */
        foreach ($this->plan->lifecycles as $lifecycle) {
            foreach ($lifecycle->refusedIni() as $name => $refused) {
                $option = $name === 'memory_limit' && in_array($lifecycle->name, ['worker', 'swoole'], true) ? '--worker-memory-limit' : "$name of $lifecycle->name";
                throw UsageError::option($option, self::str($input, 'worker-memory-limit'), sprintf(
                    'PHP refuses it and keeps %s = %s%s',
                    $name, $refused['kept'], $refused['warning'] !== '' ? ": {$refused['warning']}" : '',
                ));
            }
        }
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        $plan = $this->plan ?? throw new \LogicException('check() did not run');
        if ($this->deprecatedAlloc) {
            $this->say($output, '--alloc is deprecated; use --leak');
        }
        if ($this->swooleNote !== null) {
            $this->say($output, $this->swooleNote);
        }
        if ($plan->plot) {
            Build::packages(['gnuplot-nox'], 'or run with --no-plot, which needs no gnuplot');
        }
        putenv('MEMORY_SO=' . $this->memorySo($output));
        $out = Demo::prepareOut($plan->out);
        $started = microtime(true);
        $demo = new Demo($plan);
        $progress = new Progress(self::err($output));
        $this->say($output, sprintf(
            '%d scenarios x %d requests of %s bytes; writing %s',
            count($plan->scenarios()), $plan->requests, number_format($plan->bytes), $out,
        ));
        try {
            $results = $demo->run($out, $progress);
        } catch (Interrupted $e) {
            /* The progress bar's line ends first: "interrupted" goes on a line of its own. An
             * interrupted run leaves no half-written output: its CSVs go too. */
            $progress->abandon();
            Server::stopAll();
            Demo::prepareOut($out);
            throw $e;
        }
        $output->write($demo->report($results), false, OutputInterface::OUTPUT_RAW);
        $seed = Seed::measure((string) getenv('MEMORY_SO'));
        if ($seed !== null) {
            $output->write(Seed::report($seed), false, OutputInterface::OUTPUT_RAW);
        }

        $failed = array_filter($results, fn ($r) => $r->error !== null) !== [];
        $plots = [];
        if ($plan->plot) {
            try {
                $plots = $demo->draw($results, $out);
            } catch (\RuntimeException $e) {
                Signals::check();
                $this->say($output, $e->getMessage());
                $failed = true;
            }
        }
        $seconds = microtime(true) - $started;
        $demo->writeSummary($results, $plots, $seconds, $out);
        $this->say($output, sprintf(
            'wrote %s: %d CSV, summary.json%s in %.1f s',
            $out, count(array_filter($results, fn ($r) => $r->error === null)),
            $plots !== [] ? ', plot.gp, ' . implode(', ', $plots) : '', $seconds,
        ));
        return $failed ? 1 : 0;
    }

    /**
     * The names a comma-separated option lists, in the order of $allowed; throws UsageError
     * for a name not in $allowed.
     *
     * @param list<string> $allowed
     * @return list<string>
     */
    private static function choices(string $option, string $value, array $allowed): array
    {
        $picked = [];
        foreach (explode(',', $value) as $name) {
            $name = trim($name);
            if (!in_array($name, $allowed, true)) {
                $which = $name === $value ? '' : ($name === '' ? ' (an empty name)' : " (\"$name\" is not one of them)");
                throw UsageError::option($option, $value, 'expected one or more of ' . implode(', ', $allowed) . ", comma-separated$which");
            }
            $picked[$name] = true;
        }
        return array_values(array_filter($allowed, fn ($a) => isset($picked[$a])));
    }

    /** Throws UsageError unless $out is a folder the demo can write, or can be made. */
    private static function checkOut(string $out): void
    {
        if ($out === '') {
            throw UsageError::option('--out', $out, 'expected a folder');
        }
        if (file_exists($out)) {
            if (!is_dir($out)) {
                throw UsageError::option('--out', $out, 'expected a folder, not a file');
            }
            if (!is_writable($out)) {
                throw UsageError::option('--out', $out, 'expected a folder this user can write');
            }
            return;
        }
        /* It does not exist yet: the nearest folder above it must let us make it. */
        for ($parent = dirname($out); !file_exists($parent) && $parent !== dirname($parent); $parent = dirname($parent)) {
        }
        if (!is_dir($parent) || !is_writable($parent)) {
            throw UsageError::option('--out', $out, "expected a folder this user can make ($parent is not writable)");
        }
    }
}
