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

/**
 * Where this process's memory is, every figure an int in bytes:
 * - rss, rss_anon, rss_file, rss_shmem: /proc/self/status VmRSS, RssAnon, RssFile and
 *   RssShmem (resident in all; anonymous: heap, Zend MM chunks, malloc; file-backed: the
 *   binary and libraries; shared memory: opcache's segment).
 * - pss, pss_anon: /proc/self/smaps_rollup Pss and Pss_Anon (each resident page divided by the
 *   number of processes that map it: php-fpm children share the master's pages).
 * - uss: smaps_rollup Private_Clean + Private_Dirty (resident in this process only: what
 *   ending it would free).
 * - swap: smaps_rollup Swap.
 * - zend_used: memory_get_usage(), emalloc'd and in use.
 * - zend_free: memory_get_usage(true) - memory_get_usage(): held by the Zend MM and not in
 *   use: the free pages of its 2 MiB chunks, the first page of each, and the chunks it caches
 *   for later requests. Address space held, not all of it resident (see rss_anon).
 * - malloc_used: glibc mallinfo2() uordblks + hblkhd, handed out by malloc.
 * - malloc_free: mallinfo2() fordblks, held in glibc's arenas and not handed out (after
 *   malloc_trim() not all of it resident).
 * - malloc_mmapped: mallinfo2() hblkhd, the part of malloc_used in blocks with their own mmap.
 *
 * Two preads of kept-open descriptors (reopened in a forked child) and one mallinfo2();
 * nothing is parsed in PHP and nothing allocated but the array. Throws an Error naming the
 * file when one cannot be read or lacks a line.
 *
 * @return array<string, int>
 */
function memory_breakdown(): array {}

/**
 * Gives what the Zend MM and glibc hold unused back to the system, and says what went, every
 * figure an int in bytes:
 * - zend_mm: RSS given back by the Zend MM's step: zend_mm_gc() (what gc_mem_caches() runs),
 *   then the pages of the chunks it caches for later requests, which zend_mm_gc() keeps (each
 *   is taken with an emalloc of a whole chunk and its pages handed back with
 *   madvise(MADV_DONTNEED); the chunks stay mapped, so VSZ does not move).
 * - malloc: RSS given back by malloc_trim(0), glibc's free arena memory.
 * - rss_before, rss_after: RSS (/proc/self/statm) before the first step and after the last.
 * - zend_mm_gc: what zend_mm_gc() returned: bytes of small-block runs it made free pages.
 * - zend_mm_cached: bytes of cached chunks whose pages were handed back.
 *
 * zend_mm and malloc are the drop in RSS across each step, as the kernel counts it; they can
 * be negative when the step itself made pages resident. Never maps a chunk that could pass
 * memory_limit. Under USE_ZEND_ALLOC=0 only malloc_trim(0) runs. Throws an Error when
 * /proc/self/statm cannot be read.
 *
 * @return array<string, int>
 */
function memory_release(): array {}

/**
 * A checkpoint for memory_track_live(): the sequence number of the last emalloc or erealloc
 * the tracker recorded. Numbers grow for the life of the process (they are never reused), so
 * a mark taken in an earlier request of the same process covers all of this request.
 *
 * Throws an Error unless this request is tracked: memory.track was on when it started, the
 * extension was loaded at startup (not by dl()) and the Zend MM is in use (not under
 * USE_ZEND_ALLOC=0); the message says which is missing.
 */
function memory_track_mark(): int {}

/**
 * The tracked emalloc blocks still live that were allocated after the mark $since (0: all
 * of this request's, from the extension's RINIT on), grouped by call site, largest first:
 * list<array{file: string, line: int, function: string, extension: ?string, blocks: int,
 * bytes: int}>. file and line are the PHP code executing ("" and 0 when none was), function
 * the function running ("{main}", "Class::method", "{closure}", an internal function's name),
 * extension the extension owning an internal function (null for user code); bytes are the
 * sizes asked of emalloc/erealloc, blocks their count.
 *
 * Throws an Error unless this request is tracked (see memory_track_mark()); a ValueError
 * when $since is negative or above the current mark.
 *
 * @return list<array{file: string, line: int, function: string, extension: ?string, blocks: int, bytes: int}>
 */
function memory_track_live(int $since = 0): array {}

#ifdef MEMORY_SEED
/**
 * The seed's own function, body unchanged: malloc(2 MiB) into a variable never read. Built only
 * with ./configure --enable-memory-seed (the lab's build turns it on). At -O2 the compiler
 * deletes the malloc, so it leaks nothing: compare leak_malloc().
 */
function confirm_memory_compiled(): void {}
#endif
