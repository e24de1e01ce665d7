/* The allocations: leak memory on purpose through one of PHP's allocators. */

#ifndef MEMORY_LEAK_H
#define MEMORY_LEAK_H

#include <cstddef>
#include <cstdint>

namespace memory {

/* Which allocator a leak goes through, and so how long it lives. */
enum class allocator {
	malloc_,   /* libc malloc: lives until the process exits */
	emalloc_,  /* Zend MM: reclaimed at request end */
	pemalloc_, /* pemalloc(..., 1): persistent, lives until the process exits */
};

/* Outcome of leak(). */
enum class leak_status {
	ok,
	over_cap, /* would exceed memory.max_leak; nothing was allocated */
	failed,   /* malloc returned NULL; errno says why */
};

/* Allocate bytes through the allocator and never free them; touch writes every page.
 * emalloc may bail out (memory_limit): callers hold no C++ object with a destructor. */
leak_status leak(allocator a, size_t bytes, bool touch, uint64_t cap);

/* Bytes this process has leaked through a process-lifetime allocator (malloc, pemalloc). */
uint64_t process_leaked(allocator a);

/* Bytes leaked through an allocator in the current request. */
uint64_t request_leaked(allocator a);

/* At RINIT: start the request's leak counters at zero. False when no new request starts:
 * this RINIT repeats the load-time one of an extension loaded after startup. */
bool leak_rinit();

/* At RSHUTDOWN: end the request; its counters stay readable until the next RINIT. */
void leak_rshutdown();

/* An errno's message, copied into the caller's storage (strerror() is not thread-safe). */
struct error_message {
	char text[128];
};
error_message error_text(int err);

/* Largest size any allocator is asked for: the machine's physical memory. */
size_t largest_leak();

} // namespace memory

#endif
