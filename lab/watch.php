<?php

declare(strict_types=1);

// ./memlab watch: print a line whenever a process's VIRT or RES changes.

namespace MemoryLab\Lab;

require __DIR__ . '/src/bootstrap.php';
load_server_helpers();

const USAGE = <<<'USAGE'
Usage: ./memlab watch PID [PID...]
       ./memlab watch --port N

The seed's "top in another terminal" step: polls /proc/PID/status and prints a
line with the time, VIRT and RES (as top shows them) whenever one of them
changes, with the change in KiB. --port N watches every process listening on
that port (php -S, or php-fpm's master and children, found again as they are
respawned). Runs until Ctrl-C (or --for), or, given PIDs, until they are all
gone; then prints the total change of each process still running.

Options:
  --port N          watch the processes listening on TCP port N
  --interval MS     polling interval, 10 to 5000 ms (default 100)
  --for SECONDS     stop after this long (default: until Ctrl-C)

USAGE;

function main(array $args): int
{
    $pids = [];
    $port = null;
    $interval = 100;
    $seconds = 0.0;
    for ($i = 0; $i < count($args); $i++) {
        $a = $args[$i];
        $value = function () use (&$i, $args, $a): string {
            return $args[++$i] ?? throw new \InvalidArgumentException("$a needs a value");
        };
        try {
            if ($a === '-h' || $a === '--help') {
                echo USAGE;
                return 0;
            } elseif ($a === '--port') {
                $port = number($a, $value(), 1, 65535);
            } elseif ($a === '--interval') {
                $interval = number($a, $value(), Watch::MIN_INTERVAL_MS, Watch::MAX_INTERVAL_MS);
            } elseif ($a === '--for') {
                $seconds = (float) number($a, $value(), 1, 86400);
            } elseif (preg_match('/^[0-9]+$/', $a)) {
                $pids[] = (int) $a;
            } else {
                throw new \InvalidArgumentException("unknown argument \"$a\" (see ./memlab watch --help)");
            }
        } catch (\InvalidArgumentException $e) {
            fwrite(STDERR, 'memlab watch: ' . $e->getMessage() . "\n");
            return 2;
        }
    }
    if (($pids === []) === ($port === null)) {
        fwrite(STDERR, "memlab watch: give a PID or --port N (not both)\n" . USAGE);
        return 2;
    }
    if ($port !== null) {
        $pids = Watch::pidsOnPort($port);
        if ($pids === []) {
            fwrite(STDERR, "memlab watch: nothing listens on port $port (start one with ./memlab serve --port $port)\n");
            return 1;
        }
    }
    foreach ($pids as $pid) {
        if (\MemoryLab\proc_mem($pid) === null) {
            fwrite(STDERR, "memlab watch: no process $pid\n");
            return 1;
        }
    }
    $stop = false;
    if (function_exists('pcntl_async_signals')) {
        pcntl_async_signals(true);
        pcntl_signal(SIGINT, function () use (&$stop): void {
            $stop = true;
        });
        pcntl_signal(SIGTERM, function () use (&$stop): void {
            $stop = true;
        });
    }
    fwrite(STDERR, sprintf(
        "memlab watch: %s every %d ms; Ctrl-C to stop\n",
        $port !== null ? "port $port (pid " . implode(', ', $pids) . ')' : 'pid ' . implode(', ', $pids),
        $interval,
    ));
    Watch::run($pids, $port, $interval, $seconds, STDOUT, function () use (&$stop): bool {
        return $stop;
    });
    return 0;
}

/** An integer argument within bounds. */
function number(string $name, string $v, int $min, int $max): int
{
    if (!preg_match('/^[0-9]+$/', $v) || (int) $v < $min || (int) $v > $max) {
        throw new \InvalidArgumentException("$name must be an integer from $min to $max, \"$v\" given");
    }
    return (int) $v;
}

exit(main(array_slice($argv, 1)));
