/* floor: the bare cost of what the memory extension does, with no PHP around it.
 *
 * ./memlab bench compiles this into its run's private folder at bench time, and lab/bench.php
 * runs it once per round, between the PHP candidates. Each mode times its own loop and prints "key=value"
 * lines in nanoseconds per iteration, so the process start is never counted: KEY is CPU time
 * (CLOCK_PROCESS_CPUTIME_ID, user + system), KEY_wall is CLOCK_MONOTONIC. Built with g++ -O2,
 * like the extension.
 *
 *   floor statm N          pread(/proc/self/statm) + mallinfo2(), the memory_stats() floor
 *   floor statm-getpid N   the same plus one getpid(), the price of checking the pid each call
 *   floor breakdown N [PID]  pread(/proc/PID/status) + pread(/proc/PID/smaps_rollup) +
 *                          mallinfo2(), the memory_breakdown() floor; PID (default self) is
 *                          the PHP process that calls memory_breakdown(): the kernel's cost of
 *                          smaps_rollup grows with the resident pages of the process it walks
 *   floor getpid N         getpid() alone
 *   floor huge N           N x (mmap(2 MiB) + prctl naming it), then N x munmap, newest
 *                          first: emalloc huge blocks and their reclaim, syscall for syscall
 *   floor malloc N BYTES   N x malloc(BYTES), never freed
 *   floor touch N BYTES    N x malloc(BYTES), one byte written in every page, never freed
 */

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <vector>

namespace {

/* A moment on both clocks: CPU time used by this process, and wall time. */
struct stamp {
	uint64_t cpu;
	uint64_t wall;
};

uint64_t clock_ns(clockid_t id)
{
	timespec t;
	clock_gettime(id, &t);
	return static_cast<uint64_t>(t.tv_sec) * 1000000000u + static_cast<uint64_t>(t.tv_nsec);
}

stamp now()
{
	return {clock_ns(CLOCK_PROCESS_CPUTIME_ID), clock_ns(CLOCK_MONOTONIC)};
}

/* A use of p that the optimizer cannot see through, so no allocation is elided. */
inline void escape(const void *p)
{
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

/* Print the time since start over n iterations, CPU time as key and wall time as key_wall. */
void report(const char *key, stamp start, uint64_t n)
{
	stamp end = now();
	std::printf("%s=%.3f\n%s_wall=%.3f\n", key,
		static_cast<double>(end.cpu - start.cpu) / static_cast<double>(n), key,
		static_cast<double>(end.wall - start.wall) / static_cast<double>(n));
}

/* pread of statm and mallinfo2 per iteration; with_pid adds the getpid() a fork check needs. */
int bench_statm(uint64_t n, bool with_pid)
{
	int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		std::perror("open /proc/self/statm");
		return 1;
	}
	char buf[128];
	uint64_t sum = 0;
	stamp start = now();
	for (uint64_t i = 0; i < n; i++) {
		if (with_pid) {
			sum += static_cast<uint64_t>(getpid());
		}
		ssize_t got = pread(fd, buf, sizeof(buf), 0);
		if (got <= 0) {
			std::perror("pread");
			return 1;
		}
		sum += static_cast<uint64_t>(std::strtoull(buf, nullptr, 10));
		struct mallinfo2 mi = mallinfo2();
		sum += mi.uordblks + mi.hblkhd;
	}
	report("ns", start, n);
	escape(&sum);
	close(fd);
	return 0;
}

/* pread of a process's status and smaps_rollup and mallinfo2 per iteration: what
 * memory_breakdown() reads (pid "self", or the PHP process whose files it reads). */
int bench_breakdown(uint64_t n, const char *pid)
{
	char path[64];
	std::snprintf(path, sizeof(path), "/proc/%s/status", pid);
	int status = open(path, O_RDONLY | O_CLOEXEC);
	std::snprintf(path, sizeof(path), "/proc/%s/smaps_rollup", pid);
	int rollup = open(path, O_RDONLY | O_CLOEXEC);
	if (status < 0 || rollup < 0) {
		std::perror("open /proc/self/status or smaps_rollup");
		return 1;
	}
	char buf[4096];
	uint64_t sum = 0;
	stamp start = now();
	for (uint64_t i = 0; i < n; i++) {
		ssize_t got = pread(status, buf, sizeof(buf), 0);
		ssize_t got2 = pread(rollup, buf, sizeof(buf), 0);
		if (got <= 0 || got2 <= 0) {
			std::perror("pread");
			return 1;
		}
		sum += static_cast<uint64_t>(got + got2) + static_cast<unsigned char>(buf[0]);
		struct mallinfo2 mi = mallinfo2();
		sum += mi.uordblks + mi.hblkhd + mi.fordblks;
	}
	report("ns", start, n);
	escape(&sum);
	close(status);
	close(rollup);
	return 0;
}

/* getpid() per iteration: one plain syscall. */
int bench_getpid(uint64_t n)
{
	uint64_t sum = 0;
	stamp start = now();
	for (uint64_t i = 0; i < n; i++) {
		sum += static_cast<uint64_t>(getpid());
	}
	report("ns", start, n);
	escape(&sum);
	return 0;
}

#ifndef PR_SET_VMA
#define PR_SET_VMA 0x53564d41
#define PR_SET_VMA_ANON_NAME 0
#endif

/* The Zend MM's huge block: its own 2 MiB mmap, all unmapped together at request end.
 * PHP 8.2's Zend MM also names every mapping it makes with prctl(PR_SET_VMA), "zend_alloc"
 * (strace shows it; on a kernel without CONFIG_ANON_VMA_NAME it fails with EINVAL, but the
 * syscall is still paid), so the floor makes the same call. */
int bench_huge(uint64_t n)
{
	const size_t size = 2u * 1024 * 1024;
	std::vector<void *> blocks(n);
	stamp start = now();
	for (uint64_t i = 0; i < n; i++) {
		void *p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			std::perror("mmap");
			return 1;
		}
		prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, reinterpret_cast<unsigned long>(p), size,
			reinterpret_cast<unsigned long>("zend_alloc"));
		blocks[i] = p;
	}
	report("mmap_ns", start, n);
	/* The Zend MM keeps its huge blocks on a list, newest first, and frees them in that order. */
	start = now();
	for (uint64_t i = n; i-- > 0;) {
		munmap(blocks[i], size);
	}
	report("munmap_ns", start, n);
	return 0;
}

/* malloc(bytes) per iteration, never freed; with touch, one write per page. */
int bench_malloc(uint64_t n, size_t bytes, bool touch)
{
	const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
	stamp start = now();
	for (uint64_t i = 0; i < n; i++) {
		void *p = std::malloc(bytes);
		if (!p) {
			std::perror("malloc");
			return 1;
		}
		if (touch) {
			volatile char *c = static_cast<volatile char *>(p);
			for (size_t off = 0; off < bytes; off += page) {
				c[off] = 1;
			}
			c[bytes - 1] = 1;
		}
		escape(p);
	}
	report("ns", start, n);
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 3) {
		std::fprintf(stderr, "usage: %s statm|statm-getpid|breakdown|getpid|huge|malloc|touch N [BYTES]\n",
		             argv[0]);
		return 2;
	}
	const char *mode = argv[1];
	uint64_t n = std::strtoull(argv[2], nullptr, 10);
	size_t bytes = argc > 3 ? static_cast<size_t>(std::strtoull(argv[3], nullptr, 10)) : 0;
	if (n == 0) {
		std::fprintf(stderr, "floor: N must be a positive integer\n");
		return 2;
	}
	if (!std::strcmp(mode, "statm")) {
		return bench_statm(n, false);
	}
	if (!std::strcmp(mode, "statm-getpid")) {
		return bench_statm(n, true);
	}
	if (!std::strcmp(mode, "breakdown")) {
		return bench_breakdown(n, argc > 3 ? argv[3] : "self");
	}
	if (!std::strcmp(mode, "getpid")) {
		return bench_getpid(n);
	}
	if (!std::strcmp(mode, "huge")) {
		return bench_huge(n);
	}
	if ((!std::strcmp(mode, "malloc") || !std::strcmp(mode, "touch")) && bytes > 0) {
		return bench_malloc(n, bytes, mode[0] == 't');
	}
	std::fprintf(stderr, "floor: unknown mode or missing BYTES: %s\n", mode);
	return 2;
}
