<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Build;
use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Fidelity;
use MemoryLab\Lab\Foreground;
use MemoryLab\Lab\Interrupted;
use MemoryLab\Lab\Progress;
use MemoryLab\Lab\Quantity;
use MemoryLab\Lab\RunDir;
use MemoryLab\Lab\Signals;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * ./memlab bench: memory_stats(), memory_breakdown() and the leak calls timed against their C floors (lab/bench.php,
 * lab/bench/floor.cpp), memory.track's cost (lab/bench/track_*.php), then the demo's figures checked against what the allocators do exactly
 * (Fidelity). Writes DIR/bench.json.
 */
final class BenchCommand extends LabCommand
{
    /** Rounds of the memory_stats() comparison: the default, the quick default and the bounds. */
    public const ROUNDS = 31;
    public const QUICK_ROUNDS = 9;
    public const MAX_ROUNDS = 1000;

    private bool $quick = false;
    private int $rounds = self::ROUNDS;
    private string $out = '';
    private bool $fidelity = true;

    protected function configure(): void
    {
        $this->setName('bench')
            ->setDescription('time memory_stats(), memory_breakdown() and the leak calls against their C floors, and memory.track\'s cost (DIR/bench.json)')
            ->addOption('quick', null, InputOption::VALUE_NONE, 'fewer rounds, smaller batches, fewer fidelity scenarios')
            ->addOption('rounds', null, InputOption::VALUE_REQUIRED, sprintf('rounds of the memory_stats() comparison, 1 to %d (default %d, quick %d); the leak calls get a third of that, at least 3', self::MAX_ROUNDS, self::ROUNDS, self::QUICK_ROUNDS))
            ->addOption('out', null, InputOption::VALUE_REQUIRED, 'where bench.json (and fidelity/, the demo\'s output) go', Build::root() . '/out')
            ->addOption('no-fidelity', null, InputOption::VALUE_NONE, 'skip the demo run (the fidelity part)')
            ->setHelp(<<<'HELP'
            Builds memory.so, compiles the floor program (lab/bench/floor.cpp) with g++ -O2
            into the run's private folder, and runs lab/bench.php with php -n and the
            extension:

              memory_stats() per call against the userland ways (statm + explode,
              status + regex) and the floor (a bare pread of statm + mallinfo2() in C++),
              interleaved in one process; the targets are printed beside the results.

              memory_breakdown() per call against the userland way (status and
              smaps_rollup + a regex per field) and its floor (a bare pread of the same
              two files of the same PHP process + mallinfo2() in C++).

              leak_emalloc(2 MiB) with its reclaim, leak_emalloc(64), leak_malloc(2 MiB)
              untouched and touched, each in child processes, against bare C loops of the
              same calls.

              memory.track's cost, each candidate in child processes: an allocation-heavy
              script (lab/bench/track_alloc.php) and php-parser parsing its own sources
              (lab/bench/track_parser.php; Debian's php-parser) with memory.track on and off,
              the allocation-heavy script under valgrind memcheck (USE_ZEND_ALLOC=0) for
              scale, the request-end report of 100,000 live tracked blocks (CPU time with
              memory.report on minus off), and the bookkeeping per tracked block (anonymous
              RSS of a process holding them, read from /proc/PID/status).

              Fidelity: runs the demo (./memlab demo --requests 100, no plots) into
              DIR/fidelity and checks the figures its analysis computed against what the
              allocators do exactly (malloc:
              2 MiB + 1 page per request; emalloc: no drift; fpm: the sawtooth's period is
              pm.max_requests).

            Prints the tables and writes DIR/bench.json, which records how long the run took
            (machines vary). Timings are CPU time, medians of several rounds on a shared
            machine; they never gate CI. A missed target is printed as MISSED; the exit status
            is 0 whenever the benchmark ran.
            HELP);
    }

    protected function check(InputInterface $input): void
    {
        $this->quick = (bool) $input->getOption('quick');
        $this->rounds = $input->getOption('rounds') !== null
            ? Quantity::int('--rounds', self::str($input, 'rounds'), 1, self::MAX_ROUNDS)
            : ($this->quick ? self::QUICK_ROUNDS : self::ROUNDS);
        $this->out = self::str($input, 'out');
        if ($this->out === '') {
            throw UsageError::option('--out', '', 'expected a folder');
        }
        if (file_exists($this->out) && !is_dir($this->out)) {
            throw UsageError::option('--out', $this->out, 'expected a folder, not a file');
        }
        $this->fidelity = !$input->getOption('no-fidelity');
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        $started = hrtime(true);
        Build::packages(['g++', 'php-parser', 'valgrind']);
        $so = $this->memorySo($output);
        if (!is_dir($this->out) && !@mkdir($this->out, 0777, true)) {
            throw new \RuntimeException("cannot create {$this->out}");
        }
        $out = (string) realpath($this->out);

        $work = RunDir::sub('bench');
        $floor = "$work/floor";
        $this->say($output, 'g++ -O2 lab/bench/floor.cpp');
        $cxx = Exec::run(['g++', '-O2', '-std=c++17', '-Wall', '-Wextra', '-Werror', '-o', $floor, Build::root() . '/lab/bench/floor.cpp'], 300);
        Signals::check();
        if ($cxx['status'] !== 0) {
            throw new \RuntimeException("cannot build the floor program:\n" . $cxx['stderr']);
        }
        $version = strtok(Exec::run(['g++', '--version'], 30)['stdout'], "\n");

        /* The bench process itself never leaks: memory.max_leak=0 turns a stray leak into an
         * error. Each leak child gets its own exact budget from bench.php. */
        $settings = ['floor' => $floor, 'so' => $so, 'rounds' => $this->rounds, 'quick' => $this->quick,
            'cxx' => $version === false ? '' : $version, 'report' => "$work/report.json"];
        $status = Foreground::run([PHP_BINARY, '-n', '-d', "extension=$so", '-d', 'memory.max_leak=0',
            Build::root() . '/lab/bench.php', json_encode($settings, JSON_THROW_ON_ERROR)]);
        $report = is_file($settings['report']) ? json_decode((string) file_get_contents($settings['report']), true) : null;
        if ($status !== 0 || !is_array($report)) {
            throw new \RuntimeException("the benchmark failed (lab/bench.php exited with $status; see above)");
        }

        if ($this->fidelity) {
            /* Last, so that the servers the demo starts do not load the timings above. */
            $dir = "$out/fidelity";
            $this->say($output, "fidelity: ./memlab demo --requests " . Fidelity::REQUESTS . " into $dir");
            $plan = Fidelity::plan($dir, $this->quick);
            /* The demo's servers load the same copy of memory.so as the benchmark. */
            putenv("MEMORY_SO=$so");
            try {
                $results = Fidelity::runDemo($plan, new Progress(self::err($output)));
                $failed = array_filter($results, fn ($r) => $r->error !== null) !== [];
                $report['fidelity'] = Fidelity::check($plan, $results, intdiv(self::pageSize(), 1024))
                    + ['demo_status' => $failed ? 1 : 0, 'demo' => Fidelity::command($plan)];
            } catch (Interrupted $e) {
                throw $e;
            } catch (\RuntimeException $e) {
                $report['fidelity'] = ['error' => $e->getMessage()];
            }
            $output->write(Fidelity::text($report['fidelity']), false, OutputInterface::OUTPUT_RAW);
        }

        $report['seconds'] = round((hrtime(true) - $started) / 1e9, 1);
        $file = "$out/bench.json";
        if (file_put_contents($file, json_encode($report, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE) . "\n") === false) {
            throw new \RuntimeException("cannot write $file");
        }
        $output->writeln(sprintf("\n%.1f s; wrote %s", $report['seconds'], $file), OutputInterface::OUTPUT_RAW);
        $targets = [...$report['memory_stats']['targets'], ...$report['memory_breakdown']['targets'], ...$report['track']['targets']];
        $missed = array_column(array_filter($targets, fn ($t) => !$t['met']), 'name');
        foreach ($report['fidelity']['checks'] ?? [] as $c) {
            if (!$c['met']) {
                $missed[] = $c['scenario'] . ': ' . $c['check'];
            }
        }
        if (isset($report['fidelity']['error'])) {
            $missed[] = 'fidelity not measured';
        }
        $output->writeln($missed ? 'Targets missed: ' . implode('; ', $missed) : 'All targets met.', OutputInterface::OUTPUT_RAW);
        return 0;
    }

    /** The page size in bytes (getconf PAGESIZE; 4096 when it cannot tell). */
    private static function pageSize(): int
    {
        $size = (int) trim(Exec::run(['getconf', 'PAGESIZE'], 10)['stdout']);
        return $size > 0 ? $size : 4096;
    }
}
