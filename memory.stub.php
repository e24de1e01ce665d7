<?php

/**
 * memory: a lab for PHP memory lifetimes.
 *
 * @generate-class-entries
 */

/**
 * Allocates $bytes with libc malloc() and never frees them: a leak that lasts
 * for the life of the process. With $touch every page is written, so RSS grows
 * as well as VSZ. Counts against memory.max_leak.
 *
 * Returns the bytes this process has leaked through malloc so far.
 */
function leak_malloc(int $bytes = 2097152, bool $touch = false): int {}

/**
 * Allocates $bytes with emalloc() and never frees them: a leak that lasts until
 * the end of the request, when the Zend memory manager reclaims it. Subject to
 * memory_limit.
 *
 * Returns the bytes leaked through emalloc in the current request so far.
 */
function leak_emalloc(int $bytes = 2097152, bool $touch = false): int {}

/**
 * Allocates $bytes with pemalloc(..., 1), PHP's persistent allocator, and never
 * frees them: like malloc, a leak for the life of the process. Counts against
 * memory.max_leak.
 *
 * Returns the bytes this process has leaked through pemalloc so far.
 */
function leak_pemalloc(int $bytes = 2097152, bool $touch = false): int {}

/**
 * One snapshot of this process's memory, every figure in bytes unless noted:
 * pid, sapi, request (which request of this process this is, from 1),
 * vsz and rss (/proc/self/statm: top's VIRT and RES),
 * zend_usage, zend_real_usage, zend_peak (the Zend memory manager),
 * malloc_in_use and malloc_mmapped (glibc mallinfo2: uordblks + hblkhd, hblkhd),
 * leaked_malloc and leaked_pemalloc (this process), leaked_emalloc (this request).
 *
 * @return array<string, int|string>
 */
function memory_stats(): array {}
