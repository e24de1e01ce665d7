<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * A leak, as a value: an allocator (malloc, emalloc, pemalloc), a size in bytes per request,
 * and whether every page of the block is written (touch), which makes RES grow as well as
 * VIRT. Named like the command line names it: malloc, malloc+touch, emalloc, pemalloc.
 */
final class Leak
{
    /** Every leak the lab runs, in the order it runs and prints them. */
    public const NAMES = ['malloc', 'malloc+touch', 'emalloc', 'pemalloc'];

    /** The allocators the leak page knows. */
    public const ALLOCATORS = ['malloc', 'emalloc', 'pemalloc'];

    /** The default size: 2 MiB, as the seed's post leaks. */
    public const DEFAULT_BYTES = 2097152;

    /**
     * @param string $allocator malloc, emalloc or pemalloc
     * @param int $bytes bytes leaked per request, at least 1
     * @param bool $touch whether every page is written
     */
    public function __construct(
        public readonly string $allocator,
        public readonly int $bytes = self::DEFAULT_BYTES,
        public readonly bool $touch = false,
    ) {
        if (!in_array($allocator, self::ALLOCATORS, true)) {
            throw new \ValueError("unknown allocator '$allocator' (" . implode(', ', self::ALLOCATORS) . ')');
        }
        if ($bytes < 1) {
            throw new \ValueError('a leak is at least 1 byte');
        }
    }

    /** The leak of a name in NAMES (malloc+touch: malloc, touched) with $bytes per request. */
    public static function named(string $name, int $bytes = self::DEFAULT_BYTES): self
    {
        if (!in_array($name, self::NAMES, true)) {
            throw new \ValueError("unknown leak '$name' (" . implode(', ', self::NAMES) . ')');
        }
        [$allocator, $touch] = array_pad(explode('+', $name, 2), 2, '');
        return new self($allocator, $bytes, $touch === 'touch');
    }

    /** Its name: the allocator, with +touch when every page is written. */
    public function name(): string
    {
        return $this->allocator . ($this->touch ? '+touch' : '');
    }

    /** The leak page's query for one request that leaks it (see LeakPage). */
    public function query(): array
    {
        return ['allocator' => $this->allocator, 'bytes' => $this->bytes, 'touch' => $this->touch ? 1 : 0];
    }

    /** The memory_stats() counter that shows this leak: leaked_malloc, leaked_emalloc or leaked_pemalloc. */
    public function leakedKey(): string
    {
        return 'leaked_' . $this->allocator;
    }
}
