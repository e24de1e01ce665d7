<?php

declare(strict_types=1);

namespace MemoryLab\Lab;

/**
 * A leak, as a value: an allocator (malloc, emalloc, pemalloc), a size in bytes per request,
 * whether every page of the block is written (touch), which makes RES grow as well as VIRT, and
 * optionally a block size: the request's bytes are then leaked as many blocks of that size.
 * Named like the command line names it: malloc, malloc+touch, emalloc, emalloc-small, pemalloc.
 *
 * emalloc-small is emalloc in SMALL_BLOCK (16 KiB) blocks, every page written: Zend MM "large"
 * allocations inside its 2 MiB chunks, which it keeps cached after the request instead of
 * unmapping them, where a 2 MiB emalloc is a huge block unmapped at request end.
 */
final class Leak
{
    /** Every leak the lab runs, in the order it runs and prints them. */
    public const NAMES = ['malloc', 'malloc+touch', 'emalloc', 'emalloc-small', 'pemalloc'];

    /** The allocators the leak page knows. */
    public const ALLOCATORS = ['malloc', 'emalloc', 'pemalloc'];

    /** The default size: 2 MiB, as the seed's post leaks. */
    public const DEFAULT_BYTES = 2097152;

    /** The block size of emalloc-small: 16 KiB, four Zend MM pages. */
    public const SMALL_BLOCK = 16384;

    /** glibc's M_MMAP_THRESHOLD by default: a malloc this large or larger is its own mmap. */
    public const MMAP_THRESHOLD = 131072;

    /** ZEND_MM_MAX_LARGE_SIZE: an emalloc larger than this (2 MiB - 4 KiB) is a huge block, its own mmap. */
    public const ZEND_MM_MAX_LARGE_SIZE = 2093056;

    /**
     * @param string $allocator malloc, emalloc or pemalloc
     * @param int $bytes bytes leaked per request, at least 1
     * @param bool $touch whether every page is written
     * @param int|null $block leak the bytes as blocks of this size (the last partial block is
     *        dropped; a leak smaller than one block is one block of its bytes), null: one block
     */
    public function __construct(
        public readonly string $allocator,
        public readonly int $bytes = self::DEFAULT_BYTES,
        public readonly bool $touch = false,
        public readonly ?int $block = null,
    ) {
        if (!in_array($allocator, self::ALLOCATORS, true)) {
            throw new \ValueError("unknown allocator '$allocator' (" . implode(', ', self::ALLOCATORS) . ')');
        }
        if ($bytes < 1) {
            throw new \ValueError('a leak is at least 1 byte');
        }
        if ($block !== null && $block < 1) {
            throw new \ValueError('a block is at least 1 byte');
        }
    }

    /** The leak of a name in NAMES (malloc+touch: malloc, touched) with $bytes per request. */
    public static function named(string $name, int $bytes = self::DEFAULT_BYTES): self
    {
        if (!in_array($name, self::NAMES, true)) {
            throw new \ValueError("unknown leak '$name' (" . implode(', ', self::NAMES) . ')');
        }
        if ($name === 'emalloc-small') {
            return new self('emalloc', $bytes, true, self::SMALL_BLOCK);
        }
        [$allocator, $touch] = array_pad(explode('+', $name, 2), 2, '');
        return new self($allocator, $bytes, $touch === 'touch');
    }

    /** Its name: the allocator, -small when it leaks in blocks, +touch when every page is written. */
    public function name(): string
    {
        if ($this->block !== null) {
            return $this->allocator . '-small';
        }
        return $this->allocator . ($this->touch ? '+touch' : '');
    }

    /** The size of one allocation, in bytes. */
    public function blockBytes(): int
    {
        return $this->block === null ? $this->bytes : min($this->block, $this->bytes);
    }

    /** How many allocations one request makes. */
    public function blocks(): int
    {
        return intdiv($this->bytes, $this->blockBytes());
    }

    /** The bytes one request leaks: blocks() x blockBytes(). */
    public function perRequest(): int
    {
        return $this->blocks() * $this->blockBytes();
    }

    /** The leak page's query for one request that leaks it (see LeakPage). */
    public function query(): array
    {
        $query = ['allocator' => $this->allocator, 'bytes' => $this->blockBytes(), 'touch' => $this->touch ? 1 : 0];
        if ($this->blocks() !== 1) {
            $query['count'] = $this->blocks();
        }
        return $query;
    }

    /** The memory_stats() counter that shows this leak: leaked_malloc, leaked_emalloc or leaked_pemalloc. */
    public function leakedKey(): string
    {
        return 'leaked_' . $this->allocator;
    }

    /**
     * The reading that can see this leak (one of Analysis::WITNESSES): 'vsz' (VmSize, from
     * /proc) for blocks that are their own mmap (a malloc or pemalloc of MMAP_THRESHOLD bytes or
     * more, an emalloc over ZEND_MM_MAX_LARGE_SIZE); 'malloc_in_use' (glibc's mallinfo2()) for
     * smaller mallocs and pemallocs, which glibc serves from a heap VmSize sees only in 132 KiB
     * steps; 'zend_usage' (memory_get_usage()) for smaller emallocs, which live in the Zend
     * MM's 2 MiB chunks. Without the Zend MM ($zendMm false: USE_ZEND_ALLOC=0, see
     * Lifecycle::zendMm()) an emalloc is a malloc and is judged as one.
     */
    public function witness(bool $zendMm = true): string
    {
        $block = $this->blockBytes();
        if ($this->allocator === 'emalloc' && $zendMm) {
            return $block > self::ZEND_MM_MAX_LARGE_SIZE ? 'vsz' : 'zend_usage';
        }
        return $block >= self::MMAP_THRESHOLD ? 'vsz' : 'malloc_in_use';
    }
}
