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
	uint64_t free;    /* fordblks: bytes held in glibc's arenas, not handed out */
};

/* Where this process's memory is (memory_breakdown()), every figure in bytes. */
struct breakdown {
	/* /proc/self/status */
	uint64_t rss;       /* VmRSS: resident */
	uint64_t rss_anon;  /* RssAnon: resident anonymous (heap, emalloc chunks, malloc) */
	uint64_t rss_file;  /* RssFile: resident file-backed (the binary, libraries) */
	uint64_t rss_shmem; /* RssShmem: resident shared memory (opcache's segment) */
	/* /proc/self/smaps_rollup */
	uint64_t pss;      /* Pss: resident, each page divided by the processes that map it */
	uint64_t pss_anon; /* Pss_Anon: the anonymous part of pss */
	uint64_t uss;      /* Private_Clean + Private_Dirty: resident in this process only */
	uint64_t swap;     /* Swap: swapped out */
	/* the Zend MM */
	uint64_t zend_used; /* memory_get_usage() */
	uint64_t zend_free; /* memory_get_usage(true) - memory_get_usage() */
	/* glibc, mallinfo2() */
	malloc_usage malloc;
};

/* The /proc/self files the probe reads. */
enum class proc_source {
	statm,
	status,
	smaps_rollup,
};

/* Why a read of a /proc/self file failed. */
struct probe_error {
	proc_source source;        /* the file */
	const char *missing_field; /* a field it lacks ("Pss_Anon:"), or nullptr */
	int err;                   /* else the errno of open() or pread() */
};

/* The path of a /proc/self file. */
const char *proc_path(proc_source s);

/* At MINIT: remember the pid and hook fork() so that children learn theirs. */
void probe_minit();

/* At GINIT: a set of globals starts with no /proc/self descriptor. */
void probe_ginit(memory_probe_globals *g);

/* At GSHUTDOWN: close the /proc/self descriptors a set of globals kept open. */
void probe_gshutdown(memory_probe_globals *g);

/* At RINIT of a new request: count it, and remember its number. */
void probe_rinit();

/* This process's pid, without a syscall. */
pid_t current_pid();

/* Read VSZ and RSS from /proc/self/statm; false if it cannot be read. */
bool read_process_size(process_size *out);

/* Read where the memory is: two preads and mallinfo2(), nothing allocated. False when a file
 * cannot be read or lacks a field, and *error says which and why. */
bool read_breakdown(breakdown *out, probe_error *error);

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
