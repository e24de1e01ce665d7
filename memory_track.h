/* memory.track: every emalloc, erealloc and efree of a request recorded with its call site,
 * and the blocks still live at request end reported as leaks. */

#ifndef MEMORY_TRACK_H
#define MEMORY_TRACK_H

#include <cstddef>
#include <cstdint>

namespace memory {

/* One call site's live blocks, for memory_track_live(). Strings stay valid until the next
 * call into the tracker. */
struct track_site_total {
	const char *file;      /* "" when no PHP code was executing */
	uint32_t line;         /* 0 when no PHP code was executing */
	const char *function;  /* "{main}", "Class::method", "{closure}", or "" */
	const char *extension; /* the owning extension of an internal function, or nullptr */
	uint64_t blocks;
	uint64_t bytes;
};

/* At MINIT: remember whether the extension was loaded at startup (dl() cannot track). */
void track_minit(bool loaded_by_dl);

/* At RINIT: with memory.track on, install the recording handlers on the request's heap. */
void track_rinit();

/* At RSHUTDOWN: arrange for unreferenced cycles to be collected where a debug build collects
 * them, before its leak check. */
void track_rshutdown();

/* Whether this request is tracked (its report is deferred to the leak report). */
bool track_active();

/* At post-deactivate: stop recording where PHP frees its last request memory, then report. */
void track_post_deactivate();

/* Hand the request-end report line (text or JSON, NUL-terminated) to the leak report, which
 * prints it with the leaks once they are known. */
void track_defer_line(const char *line);

/* The sequence number of the last tracked allocation: a mark for track_live(). */
uint64_t track_mark();

/* The live tracked blocks allocated after mark, by site, largest first; calls fn per site.
 * Returns the number of sites. */
size_t track_live(uint64_t mark, void (*fn)(const track_site_total &site, void *arg), void *arg);

/* Take the handlers off the tracked heap for a moment in which everything emalloc'd is freed
 * again (memory_release()); false when the request is not tracked. */
bool track_pause();

/* Put the handlers back after track_pause(). */
void track_resume();

/* Why the current request is not tracked, as the end of a sentence ("memory.track was off
 * when it started", the Zend MM not in use, dl()); meaningful when track_active() is false. */
const char *track_untracked_reason();

/* Whether memory.track can work in this process: false when the extension came by dl(). */
bool track_available();

/* Run the Zend MM's garbage collection on the tracked heap (gc_mem_caches()). */
size_t track_gc();

} // namespace memory

#endif
