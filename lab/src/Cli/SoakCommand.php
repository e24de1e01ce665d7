<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Build;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Quantity;
use MemoryLab\Lab\Signals;
use MemoryLab\Lab\Soak;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/** ./memlab soak: bounded load and fault runs against php -S and php-fpm (lab/src/Soak.php). */
final class SoakCommand extends LabCommand
{
    private const MAX_REQUESTS = 1000000;

    private int $requests = 2000;
    private int $warmup = 100;

    protected function configure(): void
    {
        $this->setName('soak')
            ->setDescription('bounded load and fault runs on 127.0.0.1 against php -S and php-fpm (emalloc drift, with memory.track too, leak cap, memory_limit, SIGKILL)')
            ->addOption('requests', null, InputOption::VALUE_REQUIRED, 'requests of each emalloc drift run (tracked too), more than --warmup', '2000')
            ->addOption('warmup', null, InputOption::VALUE_REQUIRED, 'answers of each process before its drift baseline, at least 1', '100')
            ->setHelp(<<<'HELP'
            Bounded load and fault runs on 127.0.0.1 against php -S and php-fpm (4 children):
              emalloc drift   --requests requests that leak 8 x 256 KiB through emalloc; after the
                              first --warmup answers of each process (a quarter of it for each
                              php-fpm child), its VmSize and VmRSS may move at most 1 MiB
              tracked drift   the same with -d memory.track=1 -d memory.report=1 (JSON), every
                              other request leaking nothing: VmSize and VmRSS, read from
                              /proc/PID/status from outside, may move at most 1 MiB (the heap is
                              reset at request end as without tracking), and every request's
                              leak report says exactly 8 blocks, 2 MiB at the page's
                              leak_emalloc() call, or 0 blocks
              max_leak cap    2 MiB malloc leaks with memory.max_leak=32M: 16 succeed per process,
                              every later one is answered with the cap's error, other pages are
                              still served
              memory_limit    a request that dies on memory_limit=16M inside leak_emalloc() leaves
                              the server serving, with its process counters right
              SIGKILL         a php-fpm child killed mid-request is replaced; the new child starts
                              at memory_stats()['request'] == 1
            Each check prints PASS or FAIL with its numbers; the last line is "N passed, N failed".
            It builds memory.so if needed and runs the servers on a private copy of it; every
            server is stopped by pid when the soak ends, fails or is interrupted.

            Exit status: 0 when every check passed, 1 when one failed, 2 for a bad option,
            130 after Ctrl-C (129: SIGHUP, 143: SIGTERM).
            HELP);
    }

    protected function check(InputInterface $input): void
    {
        $this->requests = Quantity::int('--requests', self::str($input, 'requests'), 2, self::MAX_REQUESTS);
        $this->warmup = Quantity::int('--warmup', self::str($input, 'warmup'), 1, self::MAX_REQUESTS - 1);
        if ($this->requests <= $this->warmup) {
            throw UsageError::option('--requests', (string) $this->requests, "expected more than --warmup ({$this->warmup})");
        }
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        $missing = [];
        if (Php::fpm() === null) {
            $missing[] = Php::fpmPackage();
        }
        if (Php::cgiFcgi() === null) {
            $missing[] = 'libfcgi-bin';
        }
        if ($missing !== []) {
            Build::packages($missing);
        }
        putenv('MEMORY_SO=' . $this->memorySo($output));
        Signals::check();
        $soak = new Soak($this->requests, $this->warmup, $output);
        return $soak->run() ? 0 : 1;
    }
}
