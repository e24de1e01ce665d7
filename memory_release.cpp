/* Giving memory back to the system: what the Zend MM and glibc hold without using it. */

#include "php_memory.h"
#include "memory_release.h"
#include "memory_track.h"
#include "memory_probe.h"

#include <malloc.h>
#include <sys/mman.h>

namespace memory {

namespace {

/*
 * Give the pages of the Zend MM's cached chunks back to the kernel; returns their bytes.
 *
 * At request end the Zend MM keeps up to its running average of chunks per request cached
 * for later requests, and zend_mm_gc() does not touch them: a child that served one big
 * request keeps that memory resident, halving it one request at a time. No API frees them,
 * so they are taken the way the MM hands them out: a large block of 511 pages
 * (ZEND_MM_MAX_LARGE_SIZE) needs a whole empty chunk, which the MM takes from its cache
 * before it maps a new one. Each such block is ours until efree(), and madvise(MADV_DONTNEED)
 * returns its pages; the MM never relies on a free page's contents. The chunks stay mapped
 * (VSZ does not move) and go back to the cache on efree() with nothing resident but their
 * first pages.
 *
 * A debug build puts a header (size, file, line) at the end of every block, so an emalloc of
 * ZEND_MM_MAX_LARGE_SIZE there is a huge block, newly mapped, and nothing would be dropped.
 * The request is one byte over 510 pages instead: 511 pages on either build, and on a debug
 * build the last page, which holds the header, keeps its contents.
 *
 * How many are cached is not public. memory_get_usage(true) counts them and
 * memory_get_usage() does not, which bounds them; a cached chunk taken leaves the real size
 * as it was, while a newly mapped one adds 2 MiB to it, which ends the loop. A new chunk is
 * never asked for where it could pass memory_limit.
 */
uint64_t drop_cached_chunks()
{
	if (!is_zend_mm()) {
		return 0; /* USE_ZEND_ALLOC=0: emalloc is malloc, there are no chunks */
	}
	const size_t page = ZEND_MM_PAGE_SIZE;
	const size_t block = ZEND_MM_MAX_LARGE_SIZE - page + 1;
	/* The pages after the first: through the block's end, or short of its last page. */
	const size_t drop = ZEND_MM_MAX_LARGE_SIZE - page - (ZEND_DEBUG ? page : 0);
	size_t real = zend_memory_usage(true);
	const size_t used = zend_memory_usage(false);
	const size_t most = real > used ? (real - used) / ZEND_MM_CHUNK_SIZE : 0;
	const zend_long limit = PG(memory_limit);

	/* The blocks taken, chained through their first words: nothing else is allocated. */
	void *taken = nullptr;
	uint64_t dropped = 0;
	for (size_t i = 0; i < most; i++) {
		if (limit > 0 && real + ZEND_MM_CHUNK_SIZE > static_cast<size_t>(limit)) {
			break;
		}
		void *p = emalloc(block);
		*static_cast<void **>(p) = taken;
		taken = p;
		if (zend_memory_usage(true) != real) {
			break; /* a newly mapped chunk: the cache is empty */
		}
		if (madvise(static_cast<char *>(p) + page, drop, MADV_DONTNEED) == 0) {
			dropped += drop;
		}
	}
	while (taken) {
		void *next = *static_cast<void **>(taken);
		efree(taken);
		taken = next;
	}
	return dropped;
}

} // namespace

bool release(release_result *out)
{
	process_size size{};
	if (!read_process_size(&size)) {
		return false;
	}
	out->rss_before = size.rss;
	/* A tracked heap has custom handlers, and the Zend MM skips its gc on such a heap: the
	 * Zend step runs with them off (its own emallocs are freed within it). */
	const bool paused = track_pause();
	out->zend_mm_gc = is_zend_mm() ? zend_mm_gc(zend_mm_get_heap()) : 0;
	out->zend_mm_cached = drop_cached_chunks();
	if (paused) {
		track_resume();
	}
	out->rss_after_zend = read_process_size(&size) ? size.rss : out->rss_before;
	malloc_trim(0);
	out->rss_after = read_process_size(&size) ? size.rss : out->rss_after_zend;
	return true;
}

} // namespace memory
