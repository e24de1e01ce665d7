/* Process and allocator introspection: what the kernel, glibc and the Zend MM report. */

#ifndef MEMORY_PROBE_H
#define MEMORY_PROBE_H

#include <cstddef>
#include <cstdint>
#include <sys/types.h>

namespace memory {

/* The process as the kernel sees it (top's VIRT and RES), in bytes. */
struct process_size {
	uint64_t vsz;
	uint64_t rss;
};

/* glibc malloc's view, from mallinfo2(), in bytes. */
struct malloc_usage {
	uint64_t in_use;  /* uordblks + hblkhd: bytes handed out, heap and mmap */
	uint64_t mmapped; /* hblkhd: bytes in blocks that got their own mmap */
};

/* At MINIT: remember the pid and hook fork() so that children learn theirs. */
void start_probe();

/* This process's pid, without a syscall. */
pid_t current_pid();

/* Read VSZ and RSS from /proc/self/statm; false if it cannot be read. */
bool read_process_size(process_size *out);

/* Requests this process has started; called once per RINIT, returns the new count. */
uint64_t count_request();

/* Requests this process has started so far. */
uint64_t requests_served();

/* The size of a page, in bytes. */
size_t page_size();

/* Read glibc's malloc counters. */
malloc_usage read_malloc_usage();

/* Close the kept-open statm descriptor, if any. */
void close_probe();

} // namespace memory

#endif
