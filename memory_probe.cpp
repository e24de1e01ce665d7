/* Process and allocator introspection: what the kernel, glibc and the Zend MM report. */

#include "php_memory.h"
#include "memory_probe.h"

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
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

/* Close one kept-open /proc/self file, if open. */
void close_proc_file(memory_proc_file *f)
{
	if (f->fd >= 0) {
		close(f->fd);
		f->fd = -1;
	}
}

/* The kept-open descriptor of a /proc/self file for this process. An fd opened on /proc/self
 * before a fork() still reads the parent (the link resolved at open time), and php-fpm and the
 * CLI server's workers are forked after MINIT: reopen whenever the pid is not the one that
 * opened it. */
int proc_fd(memory_proc_file *f, const char *path)
{
	pid_t pid = current_pid();
	if (f->fd >= 0 && f->pid == pid) {
		return f->fd;
	}
	close_proc_file(f);
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	f->pid = pid;
	return f->fd;
}

/* pread a whole /proc/self file (or its first size bytes) into buf; its length, or -1 with
 * errno set. */
ssize_t read_proc(memory_proc_file *f, proc_source s, char *buf, size_t size)
{
	int fd = proc_fd(f, proc_path(s));
	if (fd < 0) {
		return -1;
	}
	ssize_t n = pread(fd, buf, size, 0);
	if (n == 0) {
		errno = ENODATA;
		return -1;
	}
	return n;
}

/* One "Name:   N kB" line wanted from a /proc file, and where its value goes, in bytes. */
struct kb_field {
	const char *name; /* with its colon: "VmRSS:" */
	uint64_t *out;
};

/* Fill each field from the lines in [buf, buf + n); the name of a field that is not there, or
 * nullptr when all are. */
const char *parse_kb_fields(const char *buf, size_t n, const kb_field *fields, size_t count)
{
	uint32_t found = 0; /* bit i: fields[i] was read */
	const uint32_t all = (1U << count) - 1;
	const char *end = buf + n;
	for (const char *line = buf; line < end && found != all;) {
		const char *eol = static_cast<const char *>(memchr(line, '\n', static_cast<size_t>(end - line)));
		if (!eol) {
			eol = end;
		}
		const size_t len = static_cast<size_t>(eol - line);
		for (size_t i = 0; i < count; i++) {
			if ((found & (1U << i)) || len == 0 || line[0] != fields[i].name[0]) {
				continue;
			}
			const size_t name_len = strlen(fields[i].name);
			if (len <= name_len || memcmp(line, fields[i].name, name_len) != 0) {
				continue;
			}
			const char *c = line + name_len;
			while (c < eol && (*c == ' ' || *c == '\t')) {
				c++;
			}
			uint64_t kb = 0;
			while (c < eol && *c >= '0' && *c <= '9') {
				kb = kb * 10 + static_cast<uint64_t>(*c - '0');
				c++;
			}
			*fields[i].out = kb * 1024;
			found |= 1U << i;
			break;
		}
		line = eol + 1;
	}
	for (size_t i = 0; i < count; i++) {
		if (!(found & (1U << i))) {
			return fields[i].name;
		}
	}
	return nullptr;
}

/* Read the fields of one /proc/self file; false with *error filled when it cannot. */
bool read_kb_fields(memory_proc_file *f, proc_source s, const kb_field *fields, size_t count,
                    probe_error *error)
{
	/* status is about 1.5 KB and smaps_rollup under 1 KB, and the fields read come before
	 * status's long CPU and node masks. On the stack, so nothing is allocated. */
	char buf[4096];
	ssize_t n = read_proc(f, s, buf, sizeof(buf));
	if (n < 0) {
		*error = {s, nullptr, errno};
		return false;
	}
	const char *missing = parse_kb_fields(buf, static_cast<size_t>(n), fields, count);
	if (missing) {
		*error = {s, missing, 0};
		return false;
	}
	return true;
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
	g->statm.fd = -1;
	g->status.fd = -1;
	g->smaps_rollup.fd = -1;
}

void probe_gshutdown(memory_probe_globals *g)
{
	close_proc_file(&g->statm);
	close_proc_file(&g->status);
	close_proc_file(&g->smaps_rollup);
}

const char *proc_path(proc_source s)
{
	switch (s) {
		case proc_source::statm:
			return "/proc/self/statm";
		case proc_source::status:
			return "/proc/self/status";
		case proc_source::smaps_rollup:
			return "/proc/self/smaps_rollup";
	}
	return "";
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
	char buf[128];
	ssize_t n = read_proc(&MEMORY_G(probe.statm), proc_source::statm, buf, sizeof(buf));
	if (n < 0) {
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
	return {static_cast<uint64_t>(mi.uordblks) + mi.hblkhd, static_cast<uint64_t>(mi.hblkhd),
	        static_cast<uint64_t>(mi.fordblks)};
#else
	/* mallinfo()'s int fields wrap past 2 GiB; it is the fallback for glibc < 2.33. */
	struct mallinfo mi = mallinfo();
	return {static_cast<uint64_t>(static_cast<unsigned>(mi.uordblks)) + static_cast<unsigned>(mi.hblkhd),
	        static_cast<uint64_t>(static_cast<unsigned>(mi.hblkhd)),
	        static_cast<uint64_t>(static_cast<unsigned>(mi.fordblks))};
#endif
}

bool read_breakdown(breakdown *out, probe_error *error)
{
	const kb_field status_fields[] = {
	    {"VmRSS:", &out->rss},
	    {"RssAnon:", &out->rss_anon},
	    {"RssFile:", &out->rss_file},
	    {"RssShmem:", &out->rss_shmem},
	};
	if (!read_kb_fields(&MEMORY_G(probe.status), proc_source::status, status_fields, 4, error)) {
		return false;
	}
	uint64_t private_clean = 0, private_dirty = 0;
	const kb_field rollup_fields[] = {
	    {"Pss:", &out->pss},
	    {"Pss_Anon:", &out->pss_anon},
	    {"Private_Clean:", &private_clean},
	    {"Private_Dirty:", &private_dirty},
	    {"Swap:", &out->swap},
	};
	if (!read_kb_fields(&MEMORY_G(probe.smaps_rollup), proc_source::smaps_rollup, rollup_fields, 5, error)) {
		return false;
	}
	out->uss = private_clean + private_dirty;

	const size_t used = zend_memory_usage(false);
	const size_t real = zend_memory_usage(true);
	out->zend_used = used;
	/* Under USE_ZEND_ALLOC=0 the real size is not kept and may read below the usage. */
	out->zend_free = real > used ? real - used : 0;
	out->malloc = read_malloc_usage();
	return true;
}

} // namespace memory
