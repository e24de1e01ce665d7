/* The allocations: leak memory on purpose through one of PHP's allocators. */

#include "php_memory.h"
#include "memory_leak.h"
#include "memory_probe.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace memory {

namespace {

/* Process-wide counters. Under ZTS every thread of the process shares them, hence atomics.
 * After fork() the child inherits them; php-fpm and the CLI server fork before any request. */
std::atomic<uint64_t> leaked_malloc{0};
std::atomic<uint64_t> leaked_pemalloc{0};
std::atomic<uint64_t> leaked_lifetime{0}; /* malloc + pemalloc, checked against the cap */

/* Hand the pointer to an opaque sink. Without it g++ -O2 deletes a malloc whose result is
 * never read (malloc elision), and the seed's leak leaks nothing. An empty asm that "reads"
 * p and clobbers memory is a use the optimizer cannot see through; the pointer itself is
 * still dropped, so valgrind reports the block as definitely lost. */
inline void escape(void *p)
{
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

/* Write one byte in every page of [p, p + bytes), so the kernel backs them: RSS grows. */
void touch_pages(void *p, size_t bytes)
{
	volatile char *c = static_cast<volatile char *>(p);
	const size_t step = page_size();
	for (size_t off = 0; off < bytes; off += step) {
		c[off] = 1;
	}
	c[bytes - 1] = 1;
}

/* Reserve bytes of the process-lifetime budget; false when they would pass the cap. */
bool reserve(uint64_t bytes, uint64_t cap)
{
	if (bytes > cap) {
		return false;
	}
	uint64_t used = leaked_lifetime.load(std::memory_order_relaxed);
	do {
		if (used > cap - bytes) {
			return false;
		}
	} while (!leaked_lifetime.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
	return true;
}

} // namespace

error_message error_text(int err)
{
	error_message m{};
	/* GNU strerror_r may return a static string instead of filling the buffer. */
	const char *text = strerror_r(err, m.text, sizeof(m.text));
	if (text != m.text) {
		snprintf(m.text, sizeof(m.text), "%s", text);
	}
	return m;
}

leak_status leak(allocator a, size_t bytes, bool touch, uint64_t cap)
{
	void *p = nullptr;

	switch (a) {
		case allocator::emalloc_:
			/* May bail out on memory_limit; nothing is counted until it returns. */
			p = emalloc(bytes);
			MEMORY_G(leak.request_emalloc) += bytes;
			break;
		case allocator::malloc_:
			if (!reserve(bytes, cap)) {
				return leak_status::over_cap;
			}
			p = malloc(bytes);
			if (!p) {
				int saved = errno;
				leaked_lifetime.fetch_sub(bytes, std::memory_order_relaxed);
				errno = saved;
				return leak_status::failed;
			}
			leaked_malloc.fetch_add(bytes, std::memory_order_relaxed);
			MEMORY_G(leak.request_malloc) += bytes;
			break;
		case allocator::pemalloc_:
			if (!reserve(bytes, cap)) {
				return leak_status::over_cap;
			}
			/* The persistent allocator never returns NULL: on failure PHP prints
			 * "Out of memory" and exits, as it does for every persistent allocation. */
			p = pemalloc(bytes, 1);
			leaked_pemalloc.fetch_add(bytes, std::memory_order_relaxed);
			MEMORY_G(leak.request_pemalloc) += bytes;
			break;
	}

	if (touch) {
		touch_pages(p, bytes);
	}
	escape(p);
	/* Nothing frees p: the leak is the point, and static analysis is told so. */
	return leak_status::ok; // NOLINT(clang-analyzer-unix.Malloc)
}

uint64_t process_leaked(allocator a)
{
	switch (a) {
		case allocator::malloc_:
			return leaked_malloc.load(std::memory_order_relaxed);
		case allocator::pemalloc_:
			return leaked_pemalloc.load(std::memory_order_relaxed);
		case allocator::emalloc_:
			break;
	}
	return 0;
}

uint64_t request_leaked(allocator a)
{
	switch (a) {
		case allocator::emalloc_:
			return MEMORY_G(leak.request_emalloc);
		case allocator::malloc_:
			return MEMORY_G(leak.request_malloc);
		case allocator::pemalloc_:
			return MEMORY_G(leak.request_pemalloc);
	}
	return 0;
}

bool leak_rinit()
{
	memory_leak_globals *g = &MEMORY_G(leak);
	/* An extension loaded after startup (php-fpm's php_admin_value[extension]) gets one
	 * RINIT at load time with no RSHUTDOWN after it; the first real request reuses it. */
	const bool new_request = !g->in_request;
	g->in_request = true;
	g->request_emalloc = 0;
	g->request_malloc = 0;
	g->request_pemalloc = 0;
	return new_request;
}

void leak_rshutdown()
{
	MEMORY_G(leak.in_request) = false;
}

size_t largest_leak()
{
	static const size_t size = static_cast<size_t>(sysconf(_SC_PHYS_PAGES)) * page_size();
	return size;
}

} // namespace memory
