/* The request-end report: one line per request saying what was reclaimed and what stays. */

#ifndef MEMORY_REPORT_H
#define MEMORY_REPORT_H

#include <cstddef>
#include <cstdint>

namespace memory {

/* What one request leaked, and what the process holds after it. */
struct request_report {
	long pid;
	uint64_t request;
	uint64_t emalloc;          /* leaked through emalloc this request: reclaimed now */
	uint64_t malloc;           /* leaked through malloc this request: retained */
	uint64_t pemalloc;         /* leaked through pemalloc this request: retained */
	uint64_t process_malloc;   /* malloc retained by the process in all */
	uint64_t process_pemalloc; /* pemalloc retained by the process in all */
};

/* Write the report line into buf (NUL-terminated, cut to size); returns buf. */
const char *format_report(const request_report &r, char *buf, size_t size);

/* Send the report line to the SAPI's error log (the console under php -S). */
void log_report(const request_report &r);

/* At RSHUTDOWN, with memory.report on: log what this request leaked before the Zend MM
 * reclaims it. */
void report_rshutdown();

} // namespace memory

#endif
