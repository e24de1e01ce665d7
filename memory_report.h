/* The request-end report: one line per request saying where its memory went, measured. */

#ifndef MEMORY_REPORT_H
#define MEMORY_REPORT_H

#include <cstddef>
#include <cstdint>

namespace memory {

/* One request's figures at RSHUTDOWN, in bytes. */
struct request_report {
	long pid;
	uint64_t request;
	/* measured: the Zend MM, glibc and the kernel */
	uint64_t zend_peak;           /* memory_get_peak_usage(): the request's emalloc peak */
	uint64_t zend_usage;          /* memory_get_usage() at RSHUTDOWN: still emalloc'd, all of it back
	                               * to the Zend MM by request end */
	uint64_t zend_real_usage;     /* memory_get_usage(true) at RSHUTDOWN: what the Zend MM holds,
	                               * chunks (cached ones too) and huge blocks */
	uint64_t malloc_in_use;       /* glibc mallinfo2(): uordblks + hblkhd */
	uint64_t malloc_free;         /* glibc mallinfo2(): fordblks, held in the arenas, not in use */
	uint64_t vsz;                 /* /proc/self/statm */
	uint64_t rss;                 /* /proc/self/statm */
	bool measured;                /* RINIT was read (memory.report was on then): the growths are set */
	int64_t malloc_in_use_growth; /* malloc_in_use since RINIT */
	int64_t vsz_growth;           /* vsz since RINIT */
	int64_t rss_growth;           /* rss since RINIT */
	/* counted: the leak_*() calls */
	uint64_t emalloc;          /* leaked through emalloc this request: reclaimed now */
	uint64_t malloc;           /* leaked through malloc this request: retained */
	uint64_t pemalloc;         /* leaked through pemalloc this request: retained */
	uint64_t process_malloc;   /* malloc retained by the process in all */
	uint64_t process_pemalloc; /* pemalloc retained by the process in all */
};

/* Write the report as one line of text (NUL-terminated, cut to size); returns buf. */
const char *format_report(const request_report &r, char *buf, size_t size);

/* Write the report as one JSON object on one line (NUL-terminated, cut to size); returns buf. */
const char *format_report_json(const request_report &r, char *buf, size_t size);

/* At RINIT, with memory.report on: read VSZ, RSS and glibc's in-use bytes, the request's start. */
void report_rinit();

/* At RSHUTDOWN, with memory.report on: log the request's report, in memory.report_format, to
 * the SAPI's error log (the console under php -S). */
void report_rshutdown();

} // namespace memory

#endif
