/* memory: a lab for PHP memory lifetimes (malloc, emalloc, pemalloc). Plain C, so that a C
 * compiler can include it too; the C++ lives in the memory_*.h headers. */

#ifndef PHP_MEMORY_H
#define PHP_MEMORY_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"

#include <sys/types.h>

BEGIN_EXTERN_C()
extern zend_module_entry memory_module_entry;
END_EXTERN_C()
#define phpext_memory_ptr &memory_module_entry

#define PHP_MEMORY_VERSION "0.1.0"

/* The module globals, one struct per concern; each source file touches only its own. */

/* memory.report_format: how the request-end report is written. */
typedef enum memory_report_format {
	MEMORY_REPORT_TEXT = 0, /* "text": one readable line */
	MEMORY_REPORT_JSON = 1, /* "json": one JSON object on one line */
} memory_report_format;

/* memory.report: which requests get the request-end report. */
typedef enum memory_report_mode {
	MEMORY_REPORT_OFF = 0,   /* "0", "off": none */
	MEMORY_REPORT_ON = 1,    /* "1", "on": every request */
	MEMORY_REPORT_LEAKS = 2, /* "leaks": only a request that memory.track finds leaving emalloc
	                          * blocks behind, as a debug build reports only then */
} memory_report_mode;

/* The INI settings (memory.cpp binds them). */
typedef struct memory_ini_globals {
	zend_long max_leak;      /* memory.max_leak: cap on malloc + pemalloc leaks per process, bytes */
	zend_long report;        /* memory.report: a memory_report_mode */
	zend_long report_format; /* memory.report_format: a memory_report_format */
	bool track;              /* memory.track: record every emalloc with its call site, from RINIT */
} memory_ini_globals;

/* The current request's leaks (memory_leak.cpp), reset at RINIT. */
typedef struct memory_leak_globals {
	bool in_request;         /* between RINIT and RSHUTDOWN */
	size_t request_emalloc;  /* bytes leaked through emalloc in the current request */
	size_t request_malloc;   /* bytes leaked through malloc in the current request */
	size_t request_pemalloc; /* bytes leaked through pemalloc in the current request */
} memory_leak_globals;

/* One /proc/self file kept open for pread (memory_probe.cpp). */
typedef struct memory_proc_file {
	int fd;    /* -1 until the first read */
	pid_t pid; /* the pid that opened fd; another pid (a forked child) reopens it */
} memory_proc_file;

/* The probe's state (memory_probe.cpp). */
typedef struct memory_probe_globals {
	zend_ulong request;            /* number of the current request in this process, from 1 */
	memory_proc_file statm;        /* /proc/self/statm: memory_stats(), the report */
	memory_proc_file status;       /* /proc/self/status: memory_breakdown() */
	memory_proc_file smaps_rollup; /* /proc/self/smaps_rollup: memory_breakdown() */
} memory_probe_globals;

/* The request-end report's reading at RINIT (memory_report.cpp), taken when memory.report is
 * on then; the growth across the request is measured against it. */
typedef struct memory_report_globals {
	bool measured;          /* the fields below were read at this request's RINIT */
	uint64_t vsz;           /* VSZ at RINIT, bytes */
	uint64_t rss;           /* RSS at RINIT, bytes */
	uint64_t malloc_in_use; /* glibc in use at RINIT (mallinfo2 uordblks + hblkhd), bytes */
} memory_report_globals;

/* clang-format off */
ZEND_BEGIN_MODULE_GLOBALS(memory)
	memory_ini_globals ini;       /* INI settings */
	memory_leak_globals leak;     /* per-request leak counters */
	memory_probe_globals probe;   /* request number and the /proc/self descriptors */
	memory_report_globals report; /* the request-end report's RINIT reading */
ZEND_END_MODULE_GLOBALS(memory)
/* clang-format on */

ZEND_EXTERN_MODULE_GLOBALS(memory)

#define MEMORY_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(memory, v)

#if defined(ZTS) && defined(COMPILE_DL_MEMORY)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif /* PHP_MEMORY_H */
