<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/** The lab's scenarios: a lifecycle (how the PHP process lives) times an allocator. */
final class Scenario
{
    /** Every lifecycle, in the order the lab runs and prints them, with what it stands for. */
    public const LIFECYCLES = [
        'cli-server' => 'php -S, one process serving every request (the seed\'s setup)',
        'fpm' => 'php-fpm, one child, pm.max_requests = 0: never recycled',
        'fpm-max-requests' => 'php-fpm, one child, pm.max_requests = %d: recycled',
        'worker' => 'a long-running worker: one PHP request serving every HTTP request (Swoole model), memory_limit = %s',
    ];

    /** Every allocator; "+touch" writes each page so RSS grows too. */
    public const ALLOCS = ['malloc', 'malloc+touch', 'emalloc', 'pemalloc'];

    /** The PHP function behind an allocator name, without the +touch suffix. */
    public static function allocator(string $alloc): string
    {
        return explode('+', $alloc, 2)[0];
    }

    /** Whether the allocator name asks for every page to be written. */
    public static function touches(string $alloc): bool
    {
        return str_ends_with($alloc, '+touch');
    }

    /** A name safe for a file: fpm-max-requests_malloc-touch. */
    public static function slug(string $lifecycle, string $alloc): string
    {
        return $lifecycle . '_' . str_replace('+', '-', $alloc);
    }

    /** A lifecycle's name with its one setting, short enough for a plot's panel title. */
    public static function short(string $lifecycle, Options $o): string
    {
        return match ($lifecycle) {
            'cli-server' => 'cli-server (php -S)',
            'fpm' => 'fpm (pm.max_requests = 0)',
            'fpm-max-requests' => "fpm (pm.max_requests = {$o->maxRequests})",
            'worker' => "worker (memory_limit = {$o->workerMemoryLimit})",
            default => $lifecycle,
        };
    }

    /** The one-line description of a lifecycle with this run's settings filled in. */
    public static function describe(string $lifecycle, Options $o): string
    {
        return match ($lifecycle) {
            'fpm-max-requests' => sprintf(self::LIFECYCLES[$lifecycle], $o->maxRequests),
            'worker' => sprintf(self::LIFECYCLES[$lifecycle], $o->workerMemoryLimit),
            default => self::LIFECYCLES[$lifecycle],
        };
    }
}
