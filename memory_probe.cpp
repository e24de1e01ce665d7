/* Process and allocator introspection: what the kernel, glibc and the Zend MM report. */

#include "php_memory.h"
#include "memory_probe.h"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <unistd.h>

namespace memory {

namespace {

/* This process's pid, kept up to date by a fork hook rather than asked for on every read:
 * glibc 2.36 no longer caches getpid(), and on these VMs the syscall costs about 1 us, more
 * than half of the statm read it guards. Process-wide, hence atomic under ZTS. */
std::atomic<pid_t> process_pid{0};

/* Requests this process has started. Process-wide, hence atomic under ZTS. After fork() the
 * child inherits it; php-fpm and the CLI server fork before any request. */
std::atomic<uint64_t> requests{0};

/* pthread_atfork child hook: the child of any fork() (php-fpm, the CLI server's workers,
 * pcntl_fork) learns its own pid before it runs a line of PHP. */
void remember_pid_after_fork()
{
	process_pid.store(getpid(), std::memory_order_relaxed);
}

/* Close the statm descriptor of one set of globals, if open. */
void close_statm(memory_probe_globals *g)
{
	if (g->statm_fd >= 0) {
		close(g->statm_fd);
		g->statm_fd = -1;
	}
}

/* The statm descriptor for this process. An fd opened on /proc/self before a fork() still
 * reads the parent (the link resolved at open time), and php-fpm and the CLI server's
 * workers are forked after MINIT: reopen whenever the pid is not the one that opened it. */
int statm_fd()
{
	memory_probe_globals *g = &MEMORY_G(probe);
	pid_t pid = current_pid();
	if (g->statm_fd >= 0 && g->statm_pid == pid) {
		return g->statm_fd;
	}
	close_statm(g);
	g->statm_fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	g->statm_pid = pid;
	return g->statm_fd;
}

/* Parse one decimal field and step past the blank after it. */
bool next_field(const char **cursor, const char *end, uint64_t *out)
{
	const char *c = *cursor;
	uint64_t value = 0;
	const char *start = c;
	while (c < end && *c >= '0' && *c <= '9') {
		value = value * 10 + static_cast<uint64_t>(*c - '0');
		c++;
	}
	if (c == start) {
		return false;
	}
	while (c < end && *c == ' ') {
		c++;
	}
	*cursor = c;
	*out = value;
	return true;
}

} // namespace

void probe_minit()
{
	process_pid.store(getpid(), std::memory_order_relaxed);
	/* Once per process: a second MINIT (a static build restarted in place) must not stack
	 * hooks. A shared memory.so's hook goes away with it at dlclose. */
	static std::atomic<bool> hooked{false};
	if (!hooked.exchange(true)) {
		pthread_atfork(nullptr, nullptr, remember_pid_after_fork);
	}
}

void probe_ginit(memory_probe_globals *g)
{
	g->statm_fd = -1;
}

void probe_gshutdown(memory_probe_globals *g)
{
	close_statm(g);
}

void probe_rinit()
{
	MEMORY_G(probe.request) = requests.fetch_add(1, std::memory_order_relaxed) + 1;
}

pid_t current_pid()
{
	return process_pid.load(std::memory_order_relaxed);
}

uint64_t current_request()
{
	return MEMORY_G(probe.request);
}

uint64_t requests_served()
{
	return requests.load(std::memory_order_relaxed);
}

size_t page_size()
{
	static const size_t size = static_cast<size_t>(sysconf(_SC_PAGESIZE));
	return size;
}

bool read_process_size(process_size *out)
{
	int fd = statm_fd();
	if (fd < 0) {
		return false;
	}
	char buf[128];
	ssize_t n = pread(fd, buf, sizeof(buf), 0);
	if (n <= 0) {
		return false;
	}
	const char *cursor = buf;
	const char *end = buf + n;
	uint64_t size_pages, resident_pages;
	if (!next_field(&cursor, end, &size_pages) || !next_field(&cursor, end, &resident_pages)) {
		return false;
	}
	out->vsz = size_pages * page_size();
	out->rss = resident_pages * page_size();
	return true;
}

malloc_usage read_malloc_usage()
{
#ifdef HAVE_MALLINFO2
	struct mallinfo2 mi = mallinfo2();
	return {static_cast<uint64_t>(mi.uordblks) + mi.hblkhd, static_cast<uint64_t>(mi.hblkhd)};
#else
	/* mallinfo()'s int fields wrap past 2 GiB; it is the fallback for glibc < 2.33. */
	struct mallinfo mi = mallinfo();
	return {static_cast<uint64_t>(static_cast<unsigned>(mi.uordblks)) + static_cast<unsigned>(mi.hblkhd),
	        static_cast<uint64_t>(static_cast<unsigned>(mi.hblkhd))};
#endif
}

} // namespace memory
