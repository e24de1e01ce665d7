/* The request-end report: one line per request saying where its memory went, measured. */

#include "php_memory.h"
#include "memory_report.h"
#include "memory_leak.h"
#include "memory_probe.h"
#include "memory_track.h"

#include <cinttypes>
#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace memory {

namespace {

/* A line written piece by piece into a caller's buffer (size > 0). When it is full the line
 * is cut, still NUL-terminated, and later pieces add nothing. */
struct line_buffer {
	char *buf;
	size_t size;
	size_t used;
};

/* Start an empty line in buf. */
line_buffer start_line(char *buf, size_t size)
{
	buf[0] = '\0';
	return {buf, size, 0};
}

/* Step past the n bytes snprintf() just wrote, stopping at the last byte (the NUL's). */
void advance(line_buffer *line, int n)
{
	if (n > 0) {
		line->used = std::min(line->used + static_cast<size_t>(n), line->size - 1);
	}
}

/* Append printf-style text to a line_buffer; a macro, so that the compiler checks the format. */
#define APPEND(line, ...)                                                                                    \
	advance(&(line), snprintf((line).buf + (line).used, (line).size - (line).used, __VA_ARGS__))

/* now - then, as a signed count of bytes. */
int64_t growth(uint64_t now, uint64_t then)
{
	return static_cast<int64_t>(now) - static_cast<int64_t>(then);
}

/* Whether the request moved a leak_*() counter. */
bool leaked(const request_report &r)
{
	return r.emalloc || r.malloc || r.pemalloc;
}

} // namespace

const char *format_report(const request_report &r, char *buf, size_t size)
{
	line_buffer line = start_line(buf, size);
	APPEND(line,
	       "memory: pid %ld request %" PRIu64 ": zend peak %" PRIu64
	       " B, back to the Zend MM at request end %" PRIu64 " B, held by the Zend MM %" PRIu64
	       " B; malloc in use %" PRIu64 " B",
	       r.pid, r.request, r.zend_peak, r.zend_usage, r.zend_real_usage, r.malloc_in_use);
	if (r.measured) {
		APPEND(line, " (%+" PRId64 " B)", r.malloc_in_use_growth);
	}
	APPEND(line, ", free in arenas %" PRIu64 " B; VSZ %" PRIu64 " B", r.malloc_free, r.vsz);
	if (r.measured) {
		APPEND(line, " (%+" PRId64 " B)", r.vsz_growth);
	}
	APPEND(line, ", RSS %" PRIu64 " B", r.rss);
	if (r.measured) {
		APPEND(line, " (%+" PRId64 " B) across the request", r.rss_growth);
	} else {
		APPEND(line, " (no reading at RINIT: memory.report was off then)");
	}
	if (leaked(r)) {
		APPEND(line,
		       "; leak_*(): reclaimed now: emalloc %" PRIu64 " B; retained: malloc %" PRIu64
		       " B, pemalloc %" PRIu64 " B this request, malloc %" PRIu64 " B, pemalloc %" PRIu64
		       " B by this process",
		       r.emalloc, r.malloc, r.pemalloc, r.process_malloc, r.process_pemalloc);
	}
	return buf;
}

const char *format_report_json(const request_report &r, char *buf, size_t size)
{
	line_buffer line = start_line(buf, size);
	APPEND(line,
	       "{\"pid\":%ld,\"request\":%" PRIu64 ",\"zend_peak\":%" PRIu64 ",\"zend_usage\":%" PRIu64
	       ",\"zend_real_usage\":%" PRIu64 ",\"malloc_in_use\":%" PRIu64 ",\"malloc_free\":%" PRIu64
	       ",\"vsz\":%" PRIu64 ",\"rss\":%" PRIu64,
	       r.pid, r.request, r.zend_peak, r.zend_usage, r.zend_real_usage, r.malloc_in_use, r.malloc_free,
	       r.vsz, r.rss);
	if (r.measured) {
		APPEND(line,
		       ",\"malloc_in_use_growth\":%" PRId64 ",\"vsz_growth\":%" PRId64 ",\"rss_growth\":%" PRId64,
		       r.malloc_in_use_growth, r.vsz_growth, r.rss_growth);
	} else {
		APPEND(line, ",\"malloc_in_use_growth\":null,\"vsz_growth\":null,\"rss_growth\":null");
	}
	APPEND(line,
	       ",\"leaked_emalloc\":%" PRIu64 ",\"request_leaked_malloc\":%" PRIu64
	       ",\"request_leaked_pemalloc\":%" PRIu64 ",\"leaked_malloc\":%" PRIu64
	       ",\"leaked_pemalloc\":%" PRIu64 "}",
	       r.emalloc, r.malloc, r.pemalloc, r.process_malloc, r.process_pemalloc);
	return buf;
}

void report_rinit()
{
	memory_report_globals *g = &MEMORY_G(report);
	g->measured = false;
	if (!MEMORY_G(ini.report)) {
		return;
	}
	process_size size{};
	if (!read_process_size(&size)) {
		return;
	}
	g->vsz = size.vsz;
	g->rss = size.rss;
	g->malloc_in_use = read_malloc_usage().in_use;
	g->measured = true;
}

void report_rshutdown()
{
	if (!MEMORY_G(ini.report)) {
		return;
	}
	const memory_report_globals *g = &MEMORY_G(report);
	request_report r{};
	r.pid = static_cast<long>(current_pid());
	r.request = current_request();
	r.zend_peak = zend_memory_peak_usage(false);
	r.zend_usage = zend_memory_usage(false);
	r.zend_real_usage = zend_memory_usage(true);
	const malloc_usage heap = read_malloc_usage();
	r.malloc_in_use = heap.in_use;
	r.malloc_free = heap.free;
	process_size size{};
	const bool sized = read_process_size(&size);
	r.vsz = size.vsz;
	r.rss = size.rss;
	r.measured = g->measured && sized;
	if (r.measured) {
		r.malloc_in_use_growth = growth(r.malloc_in_use, g->malloc_in_use);
		r.vsz_growth = growth(r.vsz, g->vsz);
		r.rss_growth = growth(r.rss, g->rss);
	}
	r.emalloc = request_leaked(allocator::emalloc_);
	r.malloc = request_leaked(allocator::malloc_);
	r.pemalloc = request_leaked(allocator::pemalloc_);
	r.process_malloc = process_leaked(allocator::malloc_);
	r.process_pemalloc = process_leaked(allocator::pemalloc_);

	char line[1024]; /* the longest line, every number at 20 digits, is under 800 bytes */
	const char *text = MEMORY_G(ini.report_format) == MEMORY_REPORT_JSON
	                       ? format_report_json(r, line, sizeof(line))
	                       : format_report(r, line, sizeof(line));
	if (track_active()) {
		track_defer_line(text); /* printed with the leaks, once PHP has freed what it frees */
	} else if (MEMORY_G(ini.report) == MEMORY_REPORT_LEAKS) {
		/* Only memory.track knows the leaks: say so rather than stay silent as if none. */
		snprintf(line, sizeof(line),
		         "memory: pid %ld request %" PRIu64
		         ": memory.report=leaks reports emalloc leaks, but memory.track did not track this "
		         "request (%s)",
		         r.pid, r.request, track_untracked_reason());
		php_log_err(line);
	} else {
		php_log_err(text);
	}
}

} // namespace memory
