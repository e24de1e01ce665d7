/* Process and allocator introspection: what the kernel, glibc and the Zend MM report. */

#ifndef MEMORY_PROBE_H
#define MEMORY_PROBE_H

#include "php_memory.h"

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
void probe_minit();

/* At GINIT: a set of globals starts with no statm descriptor. */
void probe_ginit(memory_probe_globals *g);

/* At GSHUTDOWN: close the statm descriptor a set of globals kept open, if any. */
void probe_gshutdown(memory_probe_globals *g);

/* At RINIT of a new request: count it, and remember its number. */
void probe_rinit();

/* This process's pid, without a syscall. */
pid_t current_pid();

/* Read VSZ and RSS from /proc/self/statm; false if it cannot be read. */
bool read_process_size(process_size *out);

/* The number of the current request in this process, from 1. */
uint64_t current_request();

/* Requests this process has started so far. */
uint64_t requests_served();

/* The size of a page, in bytes. */
size_t page_size();

/* Read glibc's malloc counters. */
malloc_usage read_malloc_usage();

} // namespace memory

#endif
