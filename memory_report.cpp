/* The request-end report: one line per request saying what was reclaimed and what stays. */

#include "php_memory.h"
#include "memory_report.h"
#include "memory_leak.h"
#include "memory_probe.h"

#include <cinttypes>
#include <cstdio>
#include <unistd.h>

namespace memory {

const char *format_report(const request_report &r, char *buf, size_t size)
{
	snprintf(buf, size,
	         "memory: pid %ld request %" PRIu64 ": reclaimed now: emalloc %" PRIu64 " B;"
	         " retained: malloc %" PRIu64 " B, pemalloc %" PRIu64 " B this request,"
	         " malloc %" PRIu64 " B, pemalloc %" PRIu64 " B by this process",
	         r.pid, r.request, r.emalloc, r.malloc, r.pemalloc, r.process_malloc, r.process_pemalloc);
	return buf;
}

void log_report(const request_report &r)
{
	char line[384];
	php_log_err(format_report(r, line, sizeof(line)));
}

void report_rshutdown()
{
	if (!MEMORY_G(ini.report)) {
		return;
	}
	request_report r{};
	r.pid = static_cast<long>(getpid());
	r.request = current_request();
	r.emalloc = request_leaked(allocator::emalloc_);
	r.malloc = request_leaked(allocator::malloc_);
	r.pemalloc = request_leaked(allocator::pemalloc_);
	r.process_malloc = process_leaked(allocator::malloc_);
	r.process_pemalloc = process_leaked(allocator::pemalloc_);
	log_report(r);
}

} // namespace memory
