<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * What one ./memlab demo runs, checked: how many leaking requests per scenario, the leak's
 * size, the lifecycles and leaks (every scenario is a leak in a lifecycle), the output folder,
 * whether to plot, and the lifecycle settings (fpm-max-requests' pm.max_requests, the
 * long-running worker's memory_limit, the Swoole of the swoole lifecycle, if any).
 */
final class DemoPlan
{
    /** Upper bounds that keep a run finite and the host safe. */
    public const MAX_REQUESTS = 1000;
    public const MAX_BYTES = 256 * 1024 * 1024;
    public const DEFAULT_REQUESTS = 30;

    /** @var array<string, Lifecycle> name => lifecycle, in Lifecycle::NAMES order */
    public readonly array $lifecycles;
    /** @var list<Leak> in Leak::NAMES order */
    public readonly array $leaks;

    /**
     * @param int $requests leaking requests per scenario, after one warm-up request
     * @param int $bytes bytes leaked per request
     * @param list<string>|null $lifecycles names from Lifecycle::NAMES (run in that order);
     *        null: every one, swoole only when $swoole is given
     * @param list<string> $leaks names from Leak::NAMES (run in that order)
     * @param string $out the output folder
     * @param bool $plot whether to draw memory.png and memory.svg
     * @param int $fpmMaxRequests pm.max_requests of fpm-max-requests
     * @param string $workerMemoryLimit memory_limit of the long-running worker and of Swoole's (32M)
     * @param Swoole|null $swoole the Swoole of the swoole lifecycle; throws \ValueError when
     *        $lifecycles names swoole without it
     */
    public function __construct(
        public readonly int $requests = self::DEFAULT_REQUESTS,
        public readonly int $bytes = Leak::DEFAULT_BYTES,
        ?array $lifecycles = null,
        array $leaks = Leak::NAMES,
        public readonly string $out = 'out',
        public readonly bool $plot = true,
        public readonly int $fpmMaxRequests = Lifecycle::DEFAULT_FPM_MAX_REQUESTS,
        public readonly string $workerMemoryLimit = Lifecycle::DEFAULT_WORKER_MEMORY_LIMIT,
        public readonly ?Swoole $swoole = null,
    ) {
        $all = Lifecycle::all($fpmMaxRequests, $workerMemoryLimit, $swoole);
        $lifecycles ??= array_keys($all);
        if (in_array('swoole', $lifecycles, true) && $swoole === null) {
            throw new \ValueError('the swoole lifecycle needs a Swoole: ' . Swoole::NOT_FOUND);
        }
        foreach (array_diff($lifecycles, Lifecycle::NAMES) as $unknown) {
            throw new \ValueError("unknown lifecycle '$unknown' (" . implode(', ', Lifecycle::NAMES) . ')');
        }
        foreach (array_diff($leaks, Leak::NAMES) as $unknown) {
            throw new \ValueError("unknown leak '$unknown' (" . implode(', ', Leak::NAMES) . ')');
        }
        $this->lifecycles = array_intersect_key($all, array_flip($lifecycles));
        $this->leaks = array_map(
            fn (string $name) => Leak::named($name, $bytes),
            array_values(array_intersect(Leak::NAMES, $leaks)),
        );
    }

    /**
     * Every scenario, lifecycle by lifecycle, each lifecycle with every leak.
     *
     * @return list<Scenario>
     */
    public function scenarios(): array
    {
        $scenarios = [];
        foreach ($this->lifecycles as $lifecycle) {
            foreach ($this->leaks as $leak) {
                $scenarios[] = new Scenario($lifecycle, $leak);
            }
        }
        return $scenarios;
    }
}
