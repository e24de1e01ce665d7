<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Interrupted;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Quantity;
use MemoryLab\Lab\Server\Server;
use MemoryLab\Lab\Signals;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/** ./memlab serve: php -S on 127.0.0.1 with memory.so and lab/pages, until Ctrl-C. */
final class ServeCommand extends LabCommand
{
    private int $port = 8080;

    protected function configure(): void
    {
        $this->setName('serve')
            ->setDescription('run php -S on 127.0.0.1 with memory.so and the leak page, and show what to curl')
            ->addOption('port', null, InputOption::VALUE_REQUIRED, 'the port on 127.0.0.1, 1 to 65535', '8080')
            ->setHelp(<<<'HELP'
            The seed's manual setup, ready made: builds memory.so if needed and runs
              php -n -d extension=memory.so -d memory.report=1 -S 127.0.0.1:PORT -t lab/pages
            on a private copy of memory.so (a later build in the tree never replaces the library
            the server has mapped). memory.report=1 adds one line per request to the console, on
            this terminal: what the request leaked, what was reclaimed, what is retained. It
            prints the server's pid and the curl commands to try; watch the server from another
            terminal with ./memlab watch --port PORT (the seed's "top" step).

            The port is checked first: when it is taken, serve says by which process and starts
            nothing. It serves until Ctrl-C; then it stops php -S by its pid and removes its
            private copy of memory.so. Should serve itself be killed, php -S gets SIGTERM from
            the kernel (setpriv --pdeathsig).

            Exit status: 0 after Ctrl-C, the normal end; 143 after SIGTERM and 129 after SIGHUP
            ("interrupted": someone else ended it); 1 when the port is taken, the build fails or
            php -S exits by itself; 2 for a bad option.
            HELP);
    }

    protected function check(InputInterface $input): void
    {
        $this->port = Quantity::int('--port', self::str($input, 'port'), 1, 65535);
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        /* A taken port is the machine's state, not a malformed option: exit 1 as for any run
         * that cannot start its server (2 means the command line itself is wrong). Checked
         * before the build, so nothing is built or started for it. */
        if (!Proc::portFree($this->port)) {
            throw new \RuntimeException(self::portTaken($this->port));
        }
        putenv('MEMORY_SO=' . $this->memorySo($output));
        Signals::check();
        /* The console (request lines and memory.report's) goes straight to this terminal. */
        $server = Server::start('cli-server', [
            'port' => $this->port,
            'ini' => ['memory.report' => 1],
            'output' => STDERR,
        ]);
        try {
            $this->banner($output, $server);
            while (true) {
                Signals::sleep(0.25);
                if (!$server->running()) {
                    /* Ctrl-C reaches php -S too (one process group): let our handler record it. */
                    Signals::sleep(0.2);
                    throw new \RuntimeException(sprintf('php -S (pid %d) exited by itself, status %d', $server->pid(), $server->exitCode()));
                }
            }
        } catch (Interrupted $e) {
            if ($e->signal !== Proc::SIGINT) {
                throw $e;
            }
            $server->stop();
            self::err($output)->writeln("\nmemlab serve: stopped php -S (pid {$server->pid()})", OutputInterface::OUTPUT_RAW);
            return 0;
        } finally {
            $server->stop();
        }
    }

    /** Prints what runs where and the curl commands to try, on stderr. */
    private function banner(OutputInterface $output, Server $server): void
    {
        $url = "http://127.0.0.1:{$this->port}/leak.php";
        $text = <<<TRY
        memlab serve: php -S (pid {$server->pid()}) on http://127.0.0.1:{$this->port} with memory.so and lab/pages (Ctrl-C to stop)

        In another terminal, watch the server the way the seed watched top:
          ./memlab watch --port {$this->port}
        and in a third one, leak:
          curl '$url?allocator=malloc'           # VIRT +2 MiB per request, kept for the process's life
          curl '$url?allocator=malloc&touch=1'   # the pages written: RES +2 MiB too
          curl '$url?allocator=emalloc'          # reclaimed at the end of the request: flat
          curl '$url?allocator=pemalloc'         # persistent allocator: kept, like malloc
          curl '$url?allocator=emalloc&count=8'  # 16 MiB in one request, all reclaimed after it
          curl '$url?allocator=emalloc&count=70' # past memory_limit (128M): JSON error, HTTP 500
          curl '$url?allocator=none'             # just memory_stats()
        Every answer is JSON: pid, result, stats (memory_stats()) and error.

        TRY;
        self::err($output)->writeln($text, OutputInterface::OUTPUT_RAW);
    }

    /** "port P on 127.0.0.1 is taken", and by whom when /proc tells. */
    private static function portTaken(int $port): string
    {
        $found = Proc::listeners($port);
        $who = [];
        /* Not this process: it may hold the socket too, inherited from whoever started it. */
        foreach (array_diff($found['pids'], [getmypid()]) as $pid) {
            $argv = Proc::cmdline($pid);
            $who[] = "pid $pid" . ($argv !== null ? ' (' . basename($argv[0]) . ')' : '');
        }
        if ($who !== []) {
            $by = ' by ' . implode(', ', $who);
        } elseif ($found['hidden']) {
            $by = ' by a process this user cannot read';
        } else {
            $by = '';
        }
        return "port $port on 127.0.0.1 is taken$by; choose another with --port N";
    }
}
