<?php

declare(strict_types=1);

namespace MemoryLab\Lab\Cli;

use MemoryLab\Lab\Build;
use MemoryLab\Lab\Exec;
use MemoryLab\Lab\Php;
use MemoryLab\Lab\Quantity;
use MemoryLab\Lab\Server\PortTaken;
use MemoryLab\Lab\Signals;
use MemoryLab\Lab\Swoole;
use MemoryLab\Lab\Ui\Dashboard;
use MemoryLab\Lab\Ui\Lane;
use MemoryLab\Lab\Ui\NodeUi;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

/**
 * ./memlab lab: the seed's experiment as a live page. Starts the lifecycles side by side on
 * 127.0.0.1 (php -S, php-fpm with pm.max_requests, the long-running worker, Swoole when it
 * loads), and lab/ui/server.mjs on node, which serves the page and pushes the figures the
 * Dashboard measures from /proc to it (Server-Sent Events).
 */
final class LabUiCommand extends LabCommand
{
    /** Every lifecycle the page can show, in its order. */
    public const LIFECYCLES = ['cli-server', 'fpm', 'worker', 'swoole'];

    /** memory_limit of every lifecycle: a few 2 MiB emalloc presses exhaust the worker. */
    public const MEMORY_LIMIT = '16M';

    /** pm.max_requests and pm.max_children of the php-fpm lifecycle. */
    public const FPM_MAX_REQUESTS = 5;
    public const FPM_CHILDREN = 2;

    /** What each lifecycle shows, in the README's words. */
    private const EXPLAIN = [
        'cli-server' => 'One process serves every request, as in the post\'s setup. malloc and pemalloc stay for the process\'s life (2,052 KiB more VIRT per 2 MiB), while emalloc is freed by the Zend memory manager when the request ends.',
        'fpm' => 'php-fpm\'s children each live for pm.max_requests = ' . self::FPM_MAX_REQUESTS . ' requests, then the master replaces them with a fresh pid. A malloc leak becomes a sawtooth: bounded, not fixed.',
        'worker' => 'One PHP request serves every HTTP request, so RINIT and RSHUTDOWN run once for its whole life and emalloc is never reclaimed either. Zend usage climbs with every emalloc until memory_limit (' . self::MEMORY_LIMIT . ') kills the worker.',
        'swoole' => 'A real Swoole\\Http\\Server: its worker process serves every request in one PHP request, like the long-running worker. When memory_limit kills it, Swoole\'s manager forks a new worker: the leak is gone with the process, not fixed.',
    ];

    private ?int $port = null;
    private bool $track = false;
    /** @var list<string> */
    private array $lifecycles = [];
    private ?Swoole $swoole = null;
    /** Why a lifecycle the page would show is left out, for the user. */
    private array $notes = [];

    protected function configure(): void
    {
        $this->setName('lab')
            ->setDescription('the experiment as a live page: the lifecycles side by side, buttons that leak, charts of VIRT, RES and PSS per pid')
            ->addOption('port', null, InputOption::VALUE_REQUIRED, 'the page\'s port on 127.0.0.1, 1 to 65535 (default: a free one)')
            ->addOption('track', null, InputOption::VALUE_NONE, 'run the lifecycles with memory.track=1: the log shows each request\'s leak sites (the tracker\'s shadows add to VIRT and RES: up to 1 MiB of VIRT per 2 MiB chunk)')
            ->addOption('swoole', null, InputOption::VALUE_REQUIRED, 'the swoole.so of the swoole lifecycle (default: the one php -m lists, if any)')
            ->addOption('lifecycles', null, InputOption::VALUE_REQUIRED, 'only these, comma-separated: ' . implode(', ', self::LIFECYCLES) . ' (default: all there are)')
            ->setHelp(<<<'HELP'
            Starts the lifecycles side by side on 127.0.0.1, each with memory.so, memory_limit
            16M and memory.report=1: php -S; php-fpm, two children recycled after 5 requests
            (pm.max_requests); the long-running worker (lab/worker.php); Swoole's server when
            Swoole loads (--swoole PATH, or php -m lists it). Then it serves a page on
            http://127.0.0.1:PORT/ (Node.js, lab/ui/server.mjs) with, per lifecycle, buttons that
            send leak requests (allocator, size such as 2M, touch, count), memory_release() and a
            plain request, and live charts per pid of VIRT, RES and PSS.

            The figures are measured by this process from outside the servers: VmSize and VmRSS
            of every process from /proc/PID/status four times a second, PSS from
            /proc/PID/smaps_rollup when RSS moved (else every 5 s), Zend usage and glibc's in-use
            from the page's memory_stats(). They are pushed to the page (Server-Sent Events); a
            second tab gets the whole history first, so both show the same.

            It runs until Ctrl-C, SIGTERM, or 5 s after the last tab closed; then it stops every
            process it started, by pid. Exit status: 0 after the last tab closed; 130 after
            Ctrl-C, 143 after SIGTERM; 1 when node is missing, the port is taken or a server
            does not start; 2 for a bad option.

            Node.js is needed (Debian: nodejs); MEMLAB_NODE=/path/to/node names another. The
            page's npm packages (uPlot, in lab/ui/node_modules) are installed by npm ci when
            missing, once the options are checked (lab/sh/ui.sh): a bad option installs nothing.
            HELP);
    }

    protected function check(InputInterface $input): void
    {
        if ($input->getOption('port') !== null) {
            $this->port = Quantity::int('--port', self::str($input, 'port'), 1, 65535);
        }
        $this->track = (bool) $input->getOption('track');
        if ($input->getOption('swoole') !== null) {
            $path = self::str($input, 'swoole');
            try {
                $this->swoole = Swoole::load($path);
            } catch (\RuntimeException $e) {
                throw UsageError::option('--swoole', $path, 'expected a swoole.so this PHP loads: ' . $e->getMessage());
            }
        }
        $asked = null;
        if ($input->getOption('lifecycles') !== null) {
            $value = self::str($input, 'lifecycles');
            $asked = [];
            foreach (explode(',', $value) as $name) {
                if (!in_array(trim($name), self::LIFECYCLES, true)) {
                    throw UsageError::option('--lifecycles', $value, 'expected one or more of ' . implode(', ', self::LIFECYCLES) . ', comma-separated');
                }
                $asked[trim($name)] = true;
            }
        }
        $this->lifecycles = array_values(array_filter(self::LIFECYCLES, fn ($l) => $asked === null || isset($asked[$l])));
        if (in_array('swoole', $this->lifecycles, true) && $this->swoole === null) {
            try {
                $this->swoole = Swoole::installed();
            } catch (\RuntimeException $e) {
                $this->notes[] = "no swoole lifecycle: {$e->getMessage()}";
            }
            if ($this->swoole === null) {
                if ($asked !== null) {
                    throw UsageError::option('--lifecycles', self::str($input, 'lifecycles'), 'expected Swoole for the swoole lifecycle, but ' . Swoole::NOT_FOUND);
                }
                $this->notes[] = 'no swoole lifecycle: ' . Swoole::NOT_FOUND;
                $this->lifecycles = array_values(array_diff($this->lifecycles, ['swoole']));
            }
        }
        if (in_array('fpm', $this->lifecycles, true) && (Php::fpm() === null || Php::cgiFcgi() === null)) {
            $missing = Php::fpm() === null ? 'php-fpm is not installed (Debian: ' . Php::fpmPackage() . ')' : 'cgi-fcgi is not installed (Debian: libfcgi-bin)';
            if ($asked !== null) {
                throw UsageError::option('--lifecycles', self::str($input, 'lifecycles'), "expected php-fpm for the fpm lifecycle, but $missing");
            }
            $this->notes[] = "no fpm lifecycle: $missing";
            $this->lifecycles = array_values(array_diff($this->lifecycles, ['fpm']));
        }
    }

    protected function perform(InputInterface $input, OutputInterface $output): int
    {
        /* Before anything is installed or started: a port this run cannot have ends it here. */
        if ($this->port !== null) {
            PortTaken::check($this->port, 'choose another with --port N, or leave it out for a free one');
        }
        /* The page's npm packages (npm ci --prefix lab/ui when missing or out of date; Debian's
         * nodejs and npm first when there is no node): only now that the options are good. */
        Build::ui();
        $node = NodeUi::binary() ?? throw new \RuntimeException(NodeUi::missing());
        foreach ($this->notes as $note) {
            $this->say($output, $note);
        }
        $so = $this->memorySo($output);
        putenv('MEMORY_SO=' . $so);
        Signals::check();
        if (function_exists('pcntl_signal')) {
            /* A write to a node that has just died must not kill this process before it stops the servers. */
            pcntl_signal(13, SIG_IGN);
        }
        $limits = ['max_leak' => self::maxLeak($so), 'memory_limit' => 16 * 1048576];
        $lanes = [];
        $ui = null;
        $dashboard = null;
        try {
            foreach ($this->lifecycles as $id) {
                $lane = $this->lane($id);
                $this->say($output, "starting {$lane->title}");
                $lane->start();
                $lanes[$id] = $lane;
                Signals::check();
            }
            $ui = new NodeUi($node, $this->port ?? 0);
            $dashboard = new Dashboard($lanes, $ui, $this->track, $limits);
            $dashboard->hello();
            foreach ($lanes as $lane) {
                $this->say($output, sprintf('%s: pid %d on %s', $lane->title, $lane->server->pid(), $lane->url()));
            }
            $this->say($output, "open http://127.0.0.1:{$ui->port}/");
            self::err($output)->writeln('(Ctrl-C, or close the last tab, to stop everything)', OutputInterface::OUTPUT_RAW);
            $status = $dashboard->run();
            $this->say($output, 'the last tab closed: stopping');
            return $status;
        } finally {
            $ui?->stop();
            foreach ($lanes as $lane) {
                $lane->server?->stop();
            }
        }
    }

    /** The lifecycle $id with this run's settings. */
    private function lane(string $id): Lane
    {
        $ini = ['memory_limit' => self::MEMORY_LIMIT, 'memory.report' => 1];
        if ($this->track) {
            $ini += ['memory.track' => 1, 'memory.report_format' => 'json'];
        }
        $options = match ($id) {
            'cli-server' => ['ini' => $ini],
            'fpm' => ['ini' => $ini, 'children' => self::FPM_CHILDREN, 'max_requests' => self::FPM_MAX_REQUESTS],
            'worker' => ['ini' => $ini, 'max_requests' => PHP_INT_MAX, 'idle' => -1],
            'swoole' => ['ini' => $ini, 'swoole_so' => $this->swoole?->so],
        };
        $title = Lane::TITLES[$id] . match ($id) {
            'fpm' => ' (pm.max_requests = ' . self::FPM_MAX_REQUESTS . ')',
            'swoole' => ' ' . ($this->swoole?->version ?? ''),
            default => '',
        };
        return new Lane($id, $title, self::EXPLAIN[$id], $options);
    }

    /** memory.max_leak of the memory.so the servers load, in bytes. */
    private static function maxLeak(string $so): int
    {
        $run = Exec::run([Php::binary(), '-n', '-d', "extension=$so", '-r', 'echo ini_get("memory.max_leak");'], 30);
        $value = trim($run['stdout']);
        if (!preg_match('/^([0-9]+)([KMG]?)$/i', $value, $m)) {
            throw new \RuntimeException("cannot read memory.max_leak of $so: " . trim($run['stdout'] . ' ' . $run['stderr']));
        }
        return (int) $m[1] * ['' => 1, 'K' => 1024, 'M' => 1048576, 'G' => 1073741824][strtoupper($m[2])];
    }
}
