<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Interrupted;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Proc;
use MemoryLab\Lab\Server\PortTaken;
use MemoryLab\Lab\Quantity;
use MemoryLab\Lab\Server\Server;
use MemoryLab\Lab\Server\WorkerServer;
use MemoryLab\Lab\Signals;
use MemoryLab\Lab\WorkerReport;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * ./memlab serve: php -S on 127.0.0.1 with memory.so and lab/pages, or with --worker the
 * long-running worker (the leak page, or with --handler the user's code), until Ctrl-C.
 */
final class ServeCommand extends LabCommand
{
    private int $port = 8080;
    private bool $worker = false;
    /** The absolute path of --handler's file, or null. */
    private ?string $handler = null;
    /** Whether the server runs with memory.track=1 (--track). */
    private bool $track = false;
    /** The worker's last report line as printed: Zend usage and RSS, for the changes. */
    private ?array $previous = null;

    protected function configure(): void
    {
        $this->setName('serve')
            ->setDescription('run php -S (or the long-running worker, with your own code) on 127.0.0.1 with memory.so, and show what to curl')
            ->addOption('port', null, InputOption::VALUE_REQUIRED, 'the port on 127.0.0.1, 1 to 65535', '8080')
            ->addOption('worker', null, InputOption::VALUE_NONE, 'serve with the long-running worker (lab/worker.php) instead of php -S')
            ->addOption('handler', null, InputOption::VALUE_REQUIRED, 'with --worker: a PHP file that returns a callable serving every request')
            ->addOption('track', null, InputOption::VALUE_NONE, 'run the server with memory.track=1: each leak by call site (file:line, function, extension); the tracker\'s shadows add to VIRT and RES (up to 1 MiB of VIRT per 2 MiB chunk)')
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

            --worker serves with the long-running worker instead, the Swoole model in pure PHP:
            one PHP request (one RINIT, one RSHUTDOWN) for every HTTP request it serves. It
            serves the leak page, or with --handler FILE your own code: FILE returns a
            callable that takes the request, an array ['method' => 'GET', 'path' => '/x',
            'query' => [...]], and returns the body, a string:
              <?php return function (array $request): string { return "hello\n"; };
            The worker runs php -n with memory.so: built-in extensions only. After each
            request, one line on stdout:
              request 3: GET / -> 200, 9 B; Zend usage 412,344 B (+0 B), peak 1,460,000 B;
                gc_status(): runs 0, collected 0, roots 3,000; RSS 21,400 KiB (+0 KiB)
            Zend usage is memory_get_usage() once the request is answered; the peak is the
            request's own with --handler on PHP 8.2+ (memory_reset_peak_usage()), else the
            worker's since it started; gc_status() counts the cycle collector's runs, the
            values it freed and the roots in its buffer. The worker reports these itself. RSS
            (VmRSS) is read by serve from /proc/PID/status, from outside. The changes are
            since the line before. lab/handlers/ has examples: array.php (a local 1 MiB array
            per request: the worker plateaus), cycles.php and cycles_gc_off.php (1,000 cyclic
            objects per request, with and without the cycle collector).

            --track runs the server with -d memory.track=1 (the extension's INI, off by
            default): every emalloc, erealloc and efree of a request is recorded with its call
            site. With php -S, memory.report's line of a request that leaked emalloc is
            followed by one line per call site ("emalloc leaks: ...", then "N bytes in N
            blocks at FILE:LINE, FUNCTION (EXTENSION)"). With --worker each request is a
            checkpoint: the worker calls memory_track_mark() once the request is read and
            memory_track_live() once its response is sent, and serve prints under the
            request's line what that request left behind, by call site, largest first (at
            most 20 sites):
              request 3: GET / -> 200, 3 B; Zend usage 413,344 B (+1,000 B), ...
                left behind: 1,000 B in 1 block at 1 site
                  1,000 B in 1 block at /srv/handler.php:4, leak_emalloc (memory)
            or "left behind: nothing". It sees emalloc only: malloc and pemalloc are not
            tracked. Files under this repository are shown relative to it. Tracking costs
            time on every allocation (README: "Finding an emalloc leak without a debug
            build").

            The handler file is loaded once before the worker starts, to check that it
            returns a callable. A handler that throws, returns something other than a
            string, calls exit or dies on a fatal error (memory_limit) ends the worker: the
            client gets status 500 with the reason, and serve says it and exits 1.

            Exit status: 0 after Ctrl-C, the normal end; 143 after SIGTERM and 129 after SIGHUP
            ("interrupted": someone else ended it); 1 when the port is taken, the build fails or
            the server exits by itself (the handler ended the worker); 2 for a bad option,
            --handler without --worker, or a handler file that is missing or does not return a
            callable.
            HELP);
    }

    protected function check(InputInterface $input): void
    {
        $this->port = Quantity::int('--port', self::str($input, 'port'), 1, 65535);
        $this->worker = (bool) $input->getOption('worker');
        $this->track = (bool) $input->getOption('track');
        if ($input->getOption('handler') !== null) {
            $file = self::str($input, 'handler');
            if (!$this->worker) {
                throw new UsageError('--handler runs your code in the long-running worker: add --worker');
            }
            if (!is_file($file) || !is_readable($file)) {
                throw UsageError::option('--handler', $file, 'no such readable file');
            }
            $this->handler = (string) realpath($file);
        }
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        /* A taken port is the machine's state, not a malformed option: exit 1 as for any run
         * that cannot start its server (2 means the command line itself is wrong). Checked
         * before the build, so nothing is built or started for it. */
        PortTaken::check($this->port, 'choose another with --port N');
        $so = $this->memorySo($output);
        putenv('MEMORY_SO=' . $so);
        if ($this->handler !== null) {
            self::checkHandler($so, $this->handler);
        }
        Signals::check();
        /* The console (request lines and memory.report's, the worker's PHP errors) goes straight
         * to this terminal. */
        $track = $this->track ? ['memory.track' => 1] : [];
        $server = $this->worker
            ? Server::start('worker', [
                'port' => $this->port,
                'handler' => $this->handler,
                'report' => true,
                'max_requests' => PHP_INT_MAX,
                'idle' => -1,
                'output' => STDERR,
                'ini' => $track,
            ])
            : Server::start('cli-server', [
                'port' => $this->port,
                'ini' => ['memory.report' => 1] + $track,
                'output' => STDERR,
            ]);
        $what = $this->worker ? 'the long-running worker' : 'php -S';
        try {
            $this->worker ? $this->workerBanner($output, $server) : $this->banner($output, $server);
            while (true) {
                if ($server instanceof WorkerServer) {
                    $this->printReports($output, $server);
                }
                Signals::sleep($this->worker ? 0.05 : 0.25);
                if (!$server->running()) {
                    /* Ctrl-C reaches the server too (one process group): let our handler record it. */
                    Signals::sleep(0.2);
                    $reason = $server instanceof WorkerServer ? $this->printReports($output, $server) : null;
                    $status = $server->exitCode();
                    throw new \RuntimeException($reason !== null
                        ? sprintf('%s (pid %d) ended %s; exit status %d', $what, $server->pid(), $reason, $status)
                        : sprintf('%s (pid %d) exited by itself, status %d', $what, $server->pid(), $status));
                }
            }
        } catch (Interrupted $e) {
            if ($e->signal !== Proc::SIGINT) {
                throw $e;
            }
            $server->stop();
            self::err($output)->writeln("\nmemlab serve: stopped $what (pid {$server->pid()})", OutputInterface::OUTPUT_RAW);
            return 0;
        } finally {
            $server->stop();
        }
    }

    /**
     * Loads the handler file in a PHP of its own, as the worker will, to check that it returns
     * a callable; throws UsageError with the worker's one line when it does not.
     */
    private static function checkHandler(string $so, string $file): void
    {
        $run = Exec::run([Php::binary(), '-n', '-d', "extension=$so", dirname(__DIR__, 2) . '/worker.php', "--handler=$file", '--check'], 60);
        if ($run['status'] !== 0) {
            /* The worker's own line, else what PHP said last (a fatal error while loading it). */
            $own = preg_grep('/^worker\.php: /', explode("\n", $run['stderr']));
            if ($own !== []) {
                throw new UsageError(substr((string) end($own), strlen('worker.php: ')));
            }
            $said = array_values(array_filter(array_map('trim', explode("\n", $run['stdout'] . "\n" . $run['stderr']))));
            throw new UsageError("--handler $file: loading it ended PHP with status {$run['status']}" . ($said !== [] ? ': ' . end($said) : ''));
        }
    }

    /**
     * Prints the worker's new report lines on stdout, each with the worker's RSS read now from
     * /proc/PID/status (once it sleeps, waiting for the next connection: at most 0.2 s later).
     * Returns the reason the worker ended, when it reported one.
     */
    private function printReports(OutputInterface $output, WorkerServer $server): ?string
    {
        $reason = null;
        foreach ($server->reports() as $record) {
            if (isset($record['end'])) {
                $reason = sprintf('at request %d: %s', $record['request'], $record['end']);
                continue;
            }
            for ($deadline = microtime(true) + 0.2; (Proc::stat($server->pid())['state'] ?? 'S') !== 'S' && microtime(true) < $deadline; usleep(2000)) {
            }
            $rss = Proc::mem($server->pid())['rss_kb'] ?? null;
            /* One write: the request's line and what it left behind come together. */
            $output->writeln(implode("\n", array_merge([WorkerReport::line($record, $rss, $this->previous)], WorkerReport::leftLines($record))), OutputInterface::OUTPUT_RAW);
            $this->previous = ['zend_usage' => $record['zend_usage'], 'rss_kb' => $rss];
        }
        return $reason;
    }

    /** Prints what runs where and what to try with the long-running worker, on stderr. */
    private function workerBanner(OutputInterface $output, Server $server): void
    {
        $pid = $server->pid();
        if ($this->handler !== null) {
            $text = <<<TRY
            memlab serve: the long-running worker (pid $pid) on http://127.0.0.1:{$this->port} runs {$this->handler} for every request, all in one PHP request (Ctrl-C to stop)

            After each request, a line on stdout: Zend usage and peak (memory_get_usage()), gc_status()
            and the worker's RSS, read from /proc/$pid/status. Try:
              curl 'http://127.0.0.1:{$this->port}/'

            TRY;
        } else {
            $url = "http://127.0.0.1:{$this->port}/leak.php";
            $text = <<<TRY
            memlab serve: the long-running worker (pid $pid) on http://127.0.0.1:{$this->port} serves lab/pages/leak.php, all in one PHP request (Ctrl-C to stop)

            After each request, a line on stdout: Zend usage and peak, gc_status() and the worker's RSS,
            read from /proc/$pid/status. Try:
              curl '$url?allocator=emalloc'   # never reclaimed: the request does not end
              curl '$url?allocator=malloc'    # kept, as in every server
              curl '$url?allocator=none'      # just memory_stats()
            Or run your own code: ./memlab serve --worker --handler FILE.php (see --help).

            TRY;
        }
        if ($this->track) {
            $text .= "memory.track=1: under each request's line, what that request left behind in emalloc, by call site.\n\n";
        }
        self::err($output)->writeln($text, OutputInterface::OUTPUT_RAW);
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
        if ($this->track) {
            $text .= "memory.track=1: a request that leaks emalloc gets a line per call site under its memory.report line.\n\n";
        }
        self::err($output)->writeln($text, OutputInterface::OUTPUT_RAW);
    }
}
