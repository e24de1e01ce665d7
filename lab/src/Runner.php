<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

use MemoryLab\Lab\Server\Server;

/**
 * Runs one scenario: starts the lifecycle's server, sends a warm-up request to each of its
 * serving processes and then N requests that leak to the leak page, and after each one takes a
 * reading: the serving process's VmSize/VmRSS from /proc next to the page's memory_stats().
 * After the last request it reads, when the lifecycle asks for them, every child's RSS, PSS
 * and USS (pool) and what memory_release() gives back (release), and for a lifecycle that
 * tracks, what each leaking request left behind by call site (left), from a server of its own
 * with memory.track=1: the tracker's shadows are mappings of their own (up to half of the
 * Zend MM's chunks in VIRT), which the measured server must not carry.
 */
final class Runner
{
    /** How often a /proc reading is repeated until two agree (the request may still be ending). */
    private const SETTLE_TRIES = 10;
    private const SETTLE_US = 2000;
    /** How long a process that stopped answering gets to exit before it counts as alive. */
    private const GONE_TRIES = 100;
    private const GONE_US = 20000;

    /**
     * After run(), for a lifecycle with pool: one row per child of the server, in pid order:
     * pid, rss_kb and vsz_kb (/proc/PID/status) and the fields of Proc::rollup(), in KiB;
     * null when the lifecycle has no pool or the server was gone.
     *
     * @var list<array<string, int|null>>|null
     */
    public ?array $pool = null;

    /**
     * After run(), for a lifecycle with release: the answer to one more request that leaks
     * nothing and calls memory_release(): pid, release (memory_release()'s array, bytes; null
     * when this memory.so has no such function) and rss_kb (/proc after it); null when the
     * lifecycle has no release or the request failed.
     *
     * @var array{pid: int, release: array<string, int>|null, rss_kb: int|null}|null
     */
    public ?array $release = null;

    /** How many leaking requests the tracked server answers for left. */
    public const TRACKED_REQUESTS = 3;

    /**
     * After run(), for a lifecycle that tracks: what each leaking request left behind, by call
     * site (the page's Checkpoint::left(), in request order), from a server of its own with
     * memory.track=1 that answered a warm-up and up to TRACKED_REQUESTS of them (fewer when
     * the scenario has fewer, or one fails: a memory_limit fatal ends the list); null for a
     * lifecycle that does not track.
     *
     * @var list<array<string, mixed>>|null
     */
    public ?array $left = null;

    /** @param int $requests leaking requests per scenario, after the warm-up */
    public function __construct(private int $requests)
    {
    }

    /**
     * Runs $leak in $lifecycle. Returns its samples, request 0 being the warm-up; the server is
     * stopped whatever happens. $onStep is called after every request with (done, total).
     * Throws Interrupted on Ctrl-C (checked between requests) and \RuntimeException when the
     * server does not start.
     *
     * @return list<array<string, mixed>>
     */
    public function run(Lifecycle $lifecycle, Leak $leak, ?callable $onStep = null): array
    {
        $this->pool = null;
        $this->release = null;
        $this->left = null;
        $server = Server::start($lifecycle->serverKind, $lifecycle->startOptions());
        try {
            $samples = $this->sample($server, $leak, $lifecycle->processes(), $onStep);
            if ($lifecycle->pool) {
                $this->pool = self::pool($server);
            }
            if ($lifecycle->release) {
                $this->release = self::release($server);
            }
        } finally {
            $server->stop();
        }
        if ($lifecycle->track) {
            $this->left = $this->tracked($lifecycle, $leak);
        }
        return $samples;
    }

    /** The tracked server's answers (see $left). */
    private function tracked(Lifecycle $lifecycle, Leak $leak): array
    {
        $left = [];
        $server = Server::start($lifecycle->serverKind, $lifecycle->startOptions(track: true));
        try {
            $queries = array_merge([['allocator' => 'none']], array_fill(0, min(self::TRACKED_REQUESTS, $this->requests), $leak->query()));
            foreach ($queries as $i => $query) {
                Signals::check();
                try {
                    $answer = $server->requestJson('/leak.php', $query);
                } catch (Interrupted $e) {
                    throw $e;
                } catch (\Throwable) {
                    break;
                }
                if (!is_array($answer['left'] ?? null) || ($answer['error'] ?? null) !== null) {
                    break;
                }
                if ($i > 0) {
                    $left[] = $answer['left'];
                }
            }
        } finally {
            $server->stop();
        }
        return $left;
    }

    /**
     * One warm-up request (request 0) per serving process, then the leaking ones.
     *
     * @return list<array<string, mixed>>
     */
    private function sample(Server $server, Leak $leak, int $processes, ?callable $onStep): array
    {
        $n = $this->requests;
        $samples = [];
        $lastPid = $server->pid();
        $numbers = array_merge(array_fill(0, max(1, $processes), 0), $n > 0 ? range(1, $n) : []);
        foreach ($numbers as $r) {
            Signals::check();
            $query = $r === 0 ? ['allocator' => 'none'] : $leak->query();
            $t0 = microtime(true);
            $answer = null;
            $failure = null;
            try {
                $answer = $server->requestJson('/leak.php', $query);
                if (!is_array($answer) || !isset($answer['pid'], $answer['stats']) || !is_array($answer['stats'])) {
                    $failure = 'the page answered without pid and stats';
                    $answer = null;
                }
            } catch (Interrupted $e) {
                throw $e;
            } catch (\Throwable $e) {
                $failure = $e->getMessage();
            }
            $ms = (microtime(true) - $t0) * 1000;
            /* Ctrl-C reaches the servers too: a request it cut short is no reading. */
            Signals::check();

            if ($answer === null) {
                // No answer: is the serving process gone? Then say why, from its log.
                $dead = self::gone($lastPid);
                $samples[] = [
                    'request' => $r,
                    'pid' => $lastPid,
                    'ok' => false,
                    'dead' => $dead,
                    'ms' => $ms,
                    'error' => self::reason($server->log()) ?? ($failure ?: 'no answer'),
                ];
                if ($onStep) {
                    $onStep($r, $n);
                }
                /* A server that replaces a dead worker (Swoole's manager) serves on: the new
                 * worker answers the next request. */
                if ($r === 0 || ($dead && !$server->respawns())) {
                    break;
                }
                continue;
            }

            $pid = (int) $answer['pid'];
            $last = count($samples) - 1;
            if ($last >= 0 && !empty($samples[$last]['ok']) && $samples[$last]['pid'] !== $pid && !Proc::alive($samples[$last]['pid'])) {
                // A new process answered and the one before is gone: it was recycled after
                // its last request (pm.max_requests), so that request's reading caught it
                // tearing down or found it gone. That is not a size after a request.
                $samples[$last] = self::recycled($samples[$last]);
            }
            $mem = self::settledMem($pid);
            if ($mem === null) {
                $samples[] = self::recycled(['request' => $r, 'pid' => $pid, 'ms' => $ms]);
                if ($onStep) {
                    $onStep($r, $n);
                }
                continue;
            }
            $lastPid = $pid;
            $stats = $answer['stats'];
            $samples[] = [
                'request' => $r,
                'pid' => $pid,
                'ok' => true,
                'vsz_kb' => $mem['vsz_kb'],
                'rss_kb' => $mem['rss_kb'],
                'zend_usage' => $stats['zend_usage'] ?? null,
                'zend_real_usage' => $stats['zend_real_usage'] ?? null,
                'zend_peak' => $stats['zend_peak'] ?? null,
                'malloc_in_use' => $stats['malloc_in_use'] ?? null,
                'leaked_malloc' => $stats['leaked_malloc'] ?? null,
                'leaked_pemalloc' => $stats['leaked_pemalloc'] ?? null,
                'leaked_emalloc' => $stats['leaked_emalloc'] ?? null,
                'pid_request' => $stats['request'] ?? null,
                'ms' => $ms,
                'error' => isset($answer['error']) && $answer['error'] !== null ? (string) $answer['error'] : null,
            ];
            if ($onStep) {
                $onStep($r, $n);
            }
        }
        return $samples;
    }

    /**
     * Every child's RSS, PSS and USS, read from outside it (see $pool).
     *
     * @return list<array<string, int|null>>
     */
    private static function pool(Server $server): array
    {
        $rows = [];
        foreach ($server->children() as $pid) {
            $mem = Proc::mem($pid);
            $rollup = Proc::rollup($pid);
            if ($mem !== null && $rollup !== null) {
                $rows[] = ['pid' => $pid, 'rss_kb' => $mem['rss_kb'], 'vsz_kb' => $mem['vsz_kb']] + $rollup;
            }
        }
        return $rows;
    }

    /** One request that leaks nothing and calls memory_release() (see $release), or null when it failed. */
    private static function release(Server $server): ?array
    {
        try {
            $answer = $server->requestJson('/leak.php', ['allocator' => 'none', 'release' => 1]);
        } catch (Interrupted $e) {
            throw $e;
        } catch (\Throwable) {
            return null;
        }
        if (!isset($answer['pid'])) {
            return null;
        }
        $pid = (int) $answer['pid'];
        return [
            'pid' => $pid,
            'release' => is_array($answer['release'] ?? null) ? $answer['release'] : null,
            'rss_kb' => self::settledMem($pid)['rss_kb'] ?? null,
        ];
    }

    /**
     * /proc/PID/status once the numbers stop moving: the response can reach us a
     * moment before the server has finished ending the request (and unmapping).
     */
    private static function settledMem(int $pid): ?array
    {
        $prev = Proc::mem($pid);
        for ($i = 0; $prev !== null && $i < self::SETTLE_TRIES; $i++) {
            usleep(self::SETTLE_US);
            $now = Proc::mem($pid);
            if ($now === null || $now === $prev) {
                return $now ?? $prev;
            }
            $prev = $now;
        }
        return $prev;
    }

    /** A sample that only records that its process was recycled after this request. */
    private static function recycled(array $sample): array
    {
        return [
            'request' => $sample['request'],
            'pid' => $sample['pid'],
            'ok' => false,
            'dead' => false,
            'recycled' => true,
            'ms' => $sample['ms'] ?? null,
            'error' => "pid {$sample['pid']} exited after this request (recycled)",
        ];
    }

    /** Whether a process is gone, giving it a moment to finish dying. */
    private static function gone(int $pid): bool
    {
        for ($i = 0; $i < self::GONE_TRIES; $i++) {
            if (!Proc::alive($pid)) {
                return true;
            }
            usleep(self::GONE_US);
        }
        return false;
    }

    /** The fatal error in a server's log, if there is one. */
    public static function reason(string $log): ?string
    {
        if (preg_match('/(?:PHP )?Fatal error:\s+(.*?)(?: in \S+ on line \d+)?$/m', $log, $m)) {
            return trim($m[1]);
        }
        return null;
    }
}
