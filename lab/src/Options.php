<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/** The command line of ./memlab demo. */
final class Options
{
    public int $requests = 30;
    public int $bytes = 2097152;
    /** @var list<string> */
    public array $lifecycles;
    /** @var list<string> */
    public array $allocs;
    public string $out;
    public bool $plot = true;
    public bool $help = false;
    public int $maxRequests = 10;
    public string $workerMemoryLimit = '32M';

    /** Upper bounds that keep a run finite and the host safe. */
    public const MAX_REQUESTS = 1000;
    public const MAX_BYTES = 256 * 1024 * 1024;

    public function __construct(string $root)
    {
        $this->lifecycles = array_keys(Scenario::LIFECYCLES);
        $this->allocs = Scenario::ALLOCS;
        $this->out = $root . '/out';
    }

    /**
     * Parses the arguments (without the program name). Throws \InvalidArgumentException
     * with a message meant for the user.
     *
     * @param list<string> $args
     */
    public static function parse(array $args, string $root): self
    {
        $o = new self($root);
        $n = count($args);
        for ($i = 0; $i < $n; $i++) {
            $arg = $args[$i];
            $value = null;
            if (str_starts_with($arg, '--') && str_contains($arg, '=')) {
                [$arg, $value] = explode('=', $arg, 2);
            }
            $next = function () use (&$i, $n, $args, $arg, &$value): string {
                if ($value !== null) {
                    return $value;
                }
                if ($i + 1 >= $n) {
                    throw new \InvalidArgumentException("$arg needs a value");
                }
                return $args[++$i];
            };
            switch ($arg) {
                case '-h':
                case '--help':
                    $o->help = true;
                    break;
                case '--requests':
                    // Two leaking requests at least: a slope needs two points.
                    $o->requests = self::integer($arg, $next(), 2, self::MAX_REQUESTS);
                    break;
                case '--bytes':
                    $o->bytes = self::integer($arg, $next(), 1, self::MAX_BYTES);
                    break;
                case '--only':
                    $o->lifecycles = self::choices($arg, $next(), array_keys(Scenario::LIFECYCLES));
                    break;
                case '--alloc':
                    $o->allocs = self::choices($arg, $next(), Scenario::ALLOCS);
                    break;
                case '--out':
                    $o->out = $next();
                    if ($o->out === '') {
                        throw new \InvalidArgumentException('--out needs a directory');
                    }
                    break;
                case '--no-plot':
                    $o->plot = false;
                    break;
                case '--max-requests':
                    // A process's last request is read while it exits, so it needs three
                    // to leave two readings for its slope.
                    $o->maxRequests = self::integer($arg, $next(), 3, self::MAX_REQUESTS);
                    break;
                case '--worker-memory-limit':
                    $v = $next();
                    if (!preg_match('/^[1-9][0-9]*[KMG]?$/i', $v)) {
                        throw new \InvalidArgumentException("--worker-memory-limit must be a size such as 32M, \"$v\" given");
                    }
                    $o->workerMemoryLimit = strtoupper($v);
                    break;
                default:
                    throw new \InvalidArgumentException("unknown option \"$arg\" (see ./memlab demo --help)");
            }
        }
        return $o;
    }

    /** The text of ./memlab demo --help. */
    public static function usage(): string
    {
        $lifecycles = implode(', ', array_keys(Scenario::LIFECYCLES));
        $allocs = implode(', ', Scenario::ALLOCS);
        return <<<USAGE
        Usage: ./memlab demo [OPTIONS]

        Reproduces the experiment of "PHP的emalloc" in every lifecycle: starts each
        server on 127.0.0.1 with memory.so, sends requests to a page that leaks,
        and after every request reads the serving process's VmSize/VmRSS (top's
        VIRT and RES) from /proc, with the page's memory_stats(). Prints a top-like
        table and a verdict per scenario, and writes CSV, summary.json and plots.

        Scenarios: lifecycle x allocator.
          lifecycles: $lifecycles
          allocators: $allocs

        Options:
          --requests N             requests per scenario (default 30, 2 to 1000)
          --bytes N                bytes leaked per request (default 2097152 = 2 MiB)
          --only LIFECYCLE[,...]   run only these lifecycles
          --alloc ALLOC[,...]      run only these allocators
          --out DIR                where to write CSV, summary.json and plots (default out/)
          --no-plot                do not draw the plots (no gnuplot needed)
          --max-requests N         pm.max_requests of the fpm-max-requests lifecycle (default 10, at least 3)
          --worker-memory-limit S  memory_limit of the long-running worker (default 32M)
          -h, --help               this help

        Progress goes to stderr, the tables and verdicts to stdout. Every process
        the demo starts is stopped when it ends, on Ctrl-C and on failure too.

        USAGE;
    }

    private static function integer(string $name, string $v, int $min, int $max): int
    {
        if (!preg_match('/^[0-9]+$/', $v) || (int) $v < $min || (int) $v > $max) {
            throw new \InvalidArgumentException("$name must be an integer from $min to $max, \"$v\" given");
        }
        return (int) $v;
    }

    /**
     * @param list<string> $allowed
     * @return list<string>
     */
    private static function choices(string $name, string $v, array $allowed): array
    {
        $picked = [];
        foreach (explode(',', $v) as $c) {
            $c = trim($c);
            if (!in_array($c, $allowed, true)) {
                throw new \InvalidArgumentException("$name: unknown \"$c\"; choose from " . implode(', ', $allowed));
            }
            $picked[$c] = true;
        }
        // Keep the lab's own order, whatever order they were given in.
        return array_values(array_filter($allowed, fn ($a) => isset($picked[$a])));
    }
}
