/* Giving memory back to the system: what the Zend MM and glibc hold without using it. */

#ifndef MEMORY_RELEASE_H
#define MEMORY_RELEASE_H

#include <cstdint>

namespace memory {

/* What memory_release() did, in bytes. RSS is read from /proc/self/statm before, between and
 * after the two steps, so each layer's share is what the kernel saw go. */
struct release_result {
	uint64_t rss_before;     /* RSS before anything */
	uint64_t rss_after_zend; /* RSS after the Zend MM's step */
	uint64_t rss_after;      /* RSS after glibc's step too */
	uint64_t zend_mm_gc;     /* what zend_mm_gc() returned: bytes of runs it made free pages */
	uint64_t zend_mm_cached; /* bytes of cached chunks whose pages went back to the kernel */
};

/* Run the Zend MM's garbage collection, give its cached chunks' pages back to the kernel, then
 * malloc_trim(0). False when /proc/self/statm cannot be read (errno says why); nothing is
 * released then. emalloc() is called, so no C++ object may be alive in the caller's frame. */
bool release(release_result *out);

} // namespace memory

#endif
