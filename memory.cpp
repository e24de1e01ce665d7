/* memory: module glue. INI, globals, request hooks, phpinfo, and the PHP functions. */

#include "php_memory.h"
#include "memory_leak.h"
#include "memory_probe.h"
#include "memory_release.h"
#include "memory_report.h"
#include "memory_track.h"

extern "C" {
#include "ext/standard/info.h"
#include "SAPI.h"
}

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "memory_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(memory)

/* memory.max_leak: a quantity (such as 256M) that must not be negative. */
static ZEND_INI_MH(OnUpdateMaxLeak)
{
	zend_long value = zend_ini_parse_quantity_warn(new_value, entry->name);
	if (value < 0) {
		php_error_docref(NULL, E_WARNING, "memory.max_leak must not be negative, \"%s\" given",
		                 ZSTR_VAL(new_value));
		return FAILURE;
	}
	*reinterpret_cast<zend_long *>(ZEND_INI_GET_ADDR()) = value;
	return SUCCESS;
}

/* memory.report: a boolean ("1", "on", "yes", "true"; "0", "off", "no", "false", "") or "leaks"
 * (any case). */
static ZEND_INI_MH(OnUpdateReport)
{
	zend_long mode;
	if (zend_string_equals_literal_ci(new_value, "leaks")) {
		mode = MEMORY_REPORT_LEAKS;
	} else if (ZSTR_LEN(new_value) == 0 || zend_string_equals_literal_ci(new_value, "0") ||
	           zend_string_equals_literal_ci(new_value, "off") || zend_string_equals_literal_ci(new_value, "no") ||
	           zend_string_equals_literal_ci(new_value, "false")) {
		mode = MEMORY_REPORT_OFF;
	} else if (zend_string_equals_literal_ci(new_value, "1") || zend_string_equals_literal_ci(new_value, "on") ||
	           zend_string_equals_literal_ci(new_value, "yes") || zend_string_equals_literal_ci(new_value, "true")) {
		mode = MEMORY_REPORT_ON;
	} else {
		zend_error(E_WARNING, "Invalid \"%s\" setting. Expected \"0\", \"1\" or \"leaks\", \"%s\" given",
		           ZSTR_VAL(entry->name), ZSTR_VAL(new_value));
		return FAILURE;
	}
	*reinterpret_cast<zend_long *>(ZEND_INI_GET_ADDR()) = mode;
	return SUCCESS;
}

/* How php --ri and phpinfo() show memory.report: Off, On or leaks, as PHP shows a boolean. */
static ZEND_INI_DISP(DisplayReport)
{
	const zend_string *value = type == ZEND_INI_DISPLAY_ORIG && ini_entry->modified ? ini_entry->orig_value
	                                                                                 : ini_entry->value;
	const char *shown = "Off";
	if (value && zend_string_equals_literal_ci(value, "leaks")) {
		shown = "leaks";
	} else if (value && (zend_string_equals_literal_ci(value, "1") || zend_string_equals_literal_ci(value, "on") ||
	                     zend_string_equals_literal_ci(value, "yes") ||
	                     zend_string_equals_literal_ci(value, "true"))) {
		shown = "On";
	}
	ZEND_PUTS(shown);
}

/* memory.report_format: "text" or "json" (any case). */
static ZEND_INI_MH(OnUpdateReportFormat)
{
	zend_long format;
	if (zend_string_equals_literal_ci(new_value, "text")) {
		format = MEMORY_REPORT_TEXT;
	} else if (zend_string_equals_literal_ci(new_value, "json")) {
		format = MEMORY_REPORT_JSON;
	} else {
		zend_error(E_WARNING, "Invalid \"%s\" setting. Expected \"text\" or \"json\", \"%s\" given",
		           ZSTR_VAL(entry->name), ZSTR_VAL(new_value));
		return FAILURE;
	}
	*reinterpret_cast<zend_long *>(ZEND_INI_GET_ADDR()) = format;
	return SUCCESS;
}

/* clang-format off */
PHP_INI_BEGIN()
	STD_PHP_INI_ENTRY("memory.max_leak", "1G", PHP_INI_SYSTEM, OnUpdateMaxLeak,
		ini.max_leak, zend_memory_globals, memory_globals)
	STD_PHP_INI_ENTRY_EX("memory.report", "0", PHP_INI_ALL, OnUpdateReport,
		ini.report, zend_memory_globals, memory_globals, DisplayReport)
	STD_PHP_INI_ENTRY("memory.report_format", "text", PHP_INI_ALL, OnUpdateReportFormat,
		ini.report_format, zend_memory_globals, memory_globals)
	STD_PHP_INI_BOOLEAN("memory.track", "0", PHP_INI_ALL, OnUpdateBool,
		ini.track, zend_memory_globals, memory_globals)
PHP_INI_END()
/* clang-format on */

/* Initialize one set of module globals (one per thread under ZTS). */
static PHP_GINIT_FUNCTION(memory)
{
#if defined(ZTS) && defined(COMPILE_DL_MEMORY)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	memset(memory_globals, 0, sizeof(*memory_globals));
	memory::probe_ginit(&memory_globals->probe);
}

/* Release what one set of module globals holds. */
static PHP_GSHUTDOWN_FUNCTION(memory)
{
	memory::probe_gshutdown(&memory_globals->probe);
}

namespace {

/* The keys of the arrays the functions return, each list in the order of its array: the one
 * place that enums of positions and the names are both expanded from. */
/* clang-format off */
#define MEMORY_STAT_KEYS \
	X(pid) \
	X(sapi) \
	X(request) \
	X(vsz) \
	X(rss) \
	X(zend_usage) \
	X(zend_real_usage) \
	X(zend_peak) \
	X(malloc_in_use) \
	X(malloc_mmapped) \
	X(leaked_malloc) \
	X(leaked_pemalloc) \
	X(leaked_emalloc)

#define MEMORY_BREAKDOWN_KEYS \
	X(rss) \
	X(rss_anon) \
	X(rss_file) \
	X(rss_shmem) \
	X(pss) \
	X(pss_anon) \
	X(uss) \
	X(swap) \
	X(zend_used) \
	X(zend_free) \
	X(malloc_used) \
	X(malloc_free) \
	X(malloc_mmapped)

#define MEMORY_RELEASE_KEYS \
	X(zend_mm) \
	X(malloc) \
	X(rss_before) \
	X(rss_after) \
	X(zend_mm_gc) \
	X(zend_mm_cached)

/* key_pid, key_sapi, ...: a key's position in memory_stats()'s array. */
enum stat_key {
#define X(name) key_##name,
	MEMORY_STAT_KEYS
#undef X
	key_count
};

/* bkey_rss, ...: a key's position in memory_breakdown()'s array. */
enum breakdown_key {
#define X(name) bkey_##name,
	MEMORY_BREAKDOWN_KEYS
#undef X
	bkey_count
};

/* rkey_zend_mm, ...: a key's position in memory_release()'s array. */
enum release_key {
#define X(name) rkey_##name,
	MEMORY_RELEASE_KEYS
#undef X
	rkey_count
};

/* "pid", "sapi", ...: each key's name, by position. */
const char *const stat_key_names[key_count] = {
#define X(name) #name,
	MEMORY_STAT_KEYS
#undef X
};
const char *const breakdown_key_names[bkey_count] = {
#define X(name) #name,
	MEMORY_BREAKDOWN_KEYS
#undef X
};
const char *const release_key_names[rkey_count] = {
#define X(name) #name,
	MEMORY_RELEASE_KEYS
#undef X
};
/* clang-format on */

/* One function's keys: their names, and the same as permanent interned strings. */
struct key_table {
	const char *const *names;
	zend_string **interned;
	int count;
};

zend_string *stat_keys[key_count];
zend_string *breakdown_keys[bkey_count];
zend_string *release_keys[rkey_count];
const key_table stat_table = {stat_key_names, stat_keys, key_count};
const key_table breakdown_table = {breakdown_key_names, breakdown_keys, bkey_count};
const key_table release_table = {release_key_names, release_keys, rkey_count};

/* The keys and the SAPI name as permanent interned strings, so that a call neither allocates
 * nor hashes a key (see BENCHMARKS.md). zend_string_init_interned() makes permanent strings
 * only while PHP starts up. An extension loaded later (php-fpm's php_admin_value[extension],
 * dl()) gets request-scoped ones, freed at request end, or, with opcache, plain copies: then
 * keys_permanent is false and each call builds its keys. */
zend_string *sapi_name;
bool keys_permanent;

/* Intern s; nullptr unless the result will outlive every request. */
zend_string *intern_permanent(const char *s)
{
	zend_string *z = zend_string_init_interned(s, strlen(s), 1);
	if (ZSTR_IS_INTERNED(z) && (GC_FLAGS(z) & IS_STR_PERMANENT)) {
		return z;
	}
	zend_string_release(z);
	return nullptr;
}

/* Intern one table's keys; false unless every one is permanent. */
bool intern_table(const key_table &t)
{
	bool all = true;
	for (int k = 0; k < t.count; k++) {
		t.interned[k] = intern_permanent(t.names[k]);
		all = all && t.interned[k];
	}
	return all;
}

/* Intern the functions' keys and the SAPI's name for the life of the process, if PHP can. */
void intern_keys()
{
	keys_permanent = intern_table(stat_table);
	keys_permanent = intern_table(breakdown_table) && keys_permanent;
	keys_permanent = intern_table(release_table) && keys_permanent;
	sapi_name = intern_permanent(sapi_module.name ? sapi_module.name : "");
	keys_permanent = keys_permanent && sapi_name;
}

/* A new array sized for one table's keys, in return_value. */
inline HashTable *init_keyed_array(zval *return_value, const key_table &t)
{
	array_init_size(return_value, static_cast<uint32_t>(t.count));
	HashTable *ht = Z_ARRVAL_P(return_value);
	zend_hash_real_init_mixed(ht);
	return ht;
}

/* Add a value under key k of a table; the array was sized for all of them. */
inline void put(HashTable *ht, const key_table &t, int k, zval *v)
{
	if (keys_permanent) {
		_zend_hash_append(ht, t.interned[k], v); /* interned and distinct: a plain append */
	} else {
		zend_hash_str_add_new(ht, t.names[k], strlen(t.names[k]), v);
	}
}

/* Add an integer under key k of a table. */
inline void put_long(HashTable *ht, const key_table &t, int k, uint64_t value)
{
	zval v;
	ZVAL_LONG(&v, static_cast<zend_long>(value));
	put(ht, t, k, &v);
}

/* Add a signed integer under key k of a table. */
inline void put_signed(HashTable *ht, const key_table &t, int k, int64_t value)
{
	zval v;
	ZVAL_LONG(&v, static_cast<zend_long>(value));
	put(ht, t, k, &v);
}

} // namespace

/* gc_mem_caches()'s own handler, replaced while the extension is loaded (see gc_mem_caches_tracked). */
static zif_handler original_gc_mem_caches;

/* gc_mem_caches() on a tracked heap: the Zend MM skips its garbage collection on a heap with
 * custom handlers, so the tracker runs it with them off. */
static ZEND_NAMED_FUNCTION(gc_mem_caches_tracked)
{
	if (!memory::track_active()) {
		original_gc_mem_caches(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		return;
	}
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_LONG(static_cast<zend_long>(memory::track_gc()));
}

static PHP_MINIT_FUNCTION(memory)
{
	REGISTER_INI_ENTRIES();
	memory::probe_minit();
	intern_keys();
	memory::track_minit(type == MODULE_TEMPORARY);
	/* Not for dl(): the handler would point into a .so unloaded at request end. */
	zend_function *gc =
	    static_cast<zend_function *>(zend_hash_str_find_ptr(CG(function_table), ZEND_STRL("gc_mem_caches")));
	if (type != MODULE_TEMPORARY && gc && gc->type == ZEND_INTERNAL_FUNCTION) {
		original_gc_mem_caches = gc->internal_function.handler;
		gc->internal_function.handler = gc_mem_caches_tracked;
	}
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(memory)
{
	if (original_gc_mem_caches) {
		zend_function *gc = static_cast<zend_function *>(
		    zend_hash_str_find_ptr(CG(function_table), ZEND_STRL("gc_mem_caches")));
		if (gc && gc->type == ZEND_INTERNAL_FUNCTION) {
			gc->internal_function.handler = original_gc_mem_caches;
		}
	}
	UNREGISTER_INI_ENTRIES();
	return SUCCESS;
}

/* Start the request in each module; only a new one is counted (see leak_rinit()). */
static PHP_RINIT_FUNCTION(memory)
{
#if defined(ZTS) && defined(COMPILE_DL_MEMORY)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	if (memory::leak_rinit()) {
		memory::probe_rinit();
	}
	/* Every RINIT, the repeated one too: it is the closer one to the request's start. */
	memory::report_rinit();
	memory::track_rinit();
	return SUCCESS;
}

/* End the request in each module, then report what it leaked. */
static PHP_RSHUTDOWN_FUNCTION(memory)
{
	memory::leak_rshutdown();
	memory::report_rshutdown();
	memory::track_rshutdown();
	return SUCCESS;
}

/* After the engine's own deactivation: the tracker stops where PHP frees its last block. */
static ZEND_MODULE_POST_ZEND_DEACTIVATE_D(memory)
{
	memory::track_post_deactivate();
	return SUCCESS;
}

/* Add one row of a count to the phpinfo table. */
static void info_number_row(const char *label, uint64_t bytes)
{
	char value[32];
	snprintf(value, sizeof(value), "%" PRIu64, bytes);
	php_info_print_table_row(2, label, value);
}

static PHP_MINFO_FUNCTION(memory)
{
	php_info_print_table_start();
	php_info_print_table_header(2, "memory support", "enabled");
	php_info_print_table_row(2, "Version", PHP_MEMORY_VERSION);
	/* The running PHP's, not the headers': a patch release needs no rebuild. */
	const zval *php_version = zend_get_constant_str(ZEND_STRL("PHP_VERSION"));
	php_info_print_table_row(2, "PHP version", php_version ? Z_STRVAL_P(php_version) : PHP_VERSION);
	/* The extension only loads into a PHP built the same way, so these are the PHP's too. */
	php_info_print_table_row(2, "Debug build", ZEND_DEBUG ? "yes" : "no");
#ifdef ZTS
	php_info_print_table_row(2, "Thread safety", "ZTS");
#else
	php_info_print_table_row(2, "Thread safety", "NTS");
#endif
	php_info_print_table_row(2, "Built with", "C++ " __VERSION__ ", -std=c++17");
	php_info_print_table_row(2, "Build flags", MEMORY_BUILD_FLAGS);
#ifdef MEMORY_SEED
	php_info_print_table_row(2, "The seed's confirm_memory_compiled() (--enable-memory-seed)", "built");
#else
	php_info_print_table_row(2, "The seed's confirm_memory_compiled() (--enable-memory-seed)", "not built");
#endif
	info_number_row("Requests started by this process", memory::requests_served());
	info_number_row("Leaked through malloc by this process (bytes)",
	                memory::process_leaked(memory::allocator::malloc_));
	info_number_row("Leaked through pemalloc by this process (bytes)",
	                memory::process_leaked(memory::allocator::pemalloc_));
	info_number_row("Leaked through emalloc in this request (bytes)",
	                memory::request_leaked(memory::allocator::emalloc_));
	php_info_print_table_end();

	DISPLAY_INI_ENTRIES();
}

/* Shared body of leak_malloc(), leak_emalloc() and leak_pemalloc(). */
static void leak_function(INTERNAL_FUNCTION_PARAMETERS, memory::allocator a)
{
	zend_long bytes = 2 * 1024 * 1024;
	bool touch = false;

	/* clang-format off */
	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(bytes)
		Z_PARAM_BOOL(touch)
	ZEND_PARSE_PARAMETERS_END();
	/* clang-format on */

	if (bytes <= 0) {
		zend_argument_value_error(1, "must be greater than 0");
		RETURN_THROWS();
	}
	/* Refuse what no allocator here can take: emalloc((size_t)-1) aborts the process, and
	 * an emalloc beyond physical memory with no memory_limit ends in a hard kill. */
	if (static_cast<zend_ulong>(bytes) > memory::largest_leak()) {
		zend_argument_value_error(1, "must be at most %zu (the physical memory of this machine)",
		                          memory::largest_leak());
		RETURN_THROWS();
	}

	/* A single emalloc above memory_limit can never succeed, and one above Debian's hard
	 * limit (memory_hard_limit_percent, 2 x memory_limit by default) kills the process with
	 * status 137 instead of PHP's catchable fatal. Growing past the limit a call at a time
	 * still ends in PHP's standard "Allowed memory size" fatal. */
	if (a == memory::allocator::emalloc_ && PG(memory_limit) > 0 && bytes > PG(memory_limit)) {
		zend_argument_value_error(1, "must be at most memory_limit (" ZEND_LONG_FMT " bytes)",
		                          PG(memory_limit));
		RETURN_THROWS();
	}

	const uint64_t cap = static_cast<uint64_t>(MEMORY_G(ini.max_leak));
	switch (memory::leak(a, static_cast<size_t>(bytes), touch, cap)) {
		case memory::leak_status::ok:
			break;
		case memory::leak_status::over_cap: {
			uint64_t held = memory::process_leaked(memory::allocator::malloc_) +
			                memory::process_leaked(memory::allocator::pemalloc_);
			zend_throw_error(NULL,
			                 "%s(): Leaking " ZEND_LONG_FMT " bytes would exceed memory.max_leak"
			                 " (%" PRIu64 " bytes): this process has already leaked %" PRIu64
			                 " bytes through malloc and pemalloc",
			                 get_active_function_name(), bytes, cap, held);
			RETURN_THROWS();
		}
		case memory::leak_status::failed:
			zend_throw_error(NULL, "%s(): malloc(" ZEND_LONG_FMT ") failed: %s", get_active_function_name(),
			                 bytes, memory::error_text(errno).text);
			RETURN_THROWS();
	}

	if (a == memory::allocator::emalloc_) {
		RETURN_LONG(static_cast<zend_long>(memory::request_leaked(a)));
	}
	RETURN_LONG(static_cast<zend_long>(memory::process_leaked(a)));
}

/* leak_malloc(): a leak for the life of the process. */
ZEND_FUNCTION(leak_malloc)
{
	leak_function(INTERNAL_FUNCTION_PARAM_PASSTHRU, memory::allocator::malloc_);
}

/* leak_emalloc(): a leak for the life of the request. */
ZEND_FUNCTION(leak_emalloc)
{
	leak_function(INTERNAL_FUNCTION_PARAM_PASSTHRU, memory::allocator::emalloc_);
}

/* leak_pemalloc(): a persistent leak, for the life of the process. */
ZEND_FUNCTION(leak_pemalloc)
{
	leak_function(INTERNAL_FUNCTION_PARAM_PASSTHRU, memory::allocator::pemalloc_);
}

/* memory_stats(): one snapshot of the process, glibc malloc and the Zend MM. */
ZEND_FUNCTION(memory_stats)
{
	ZEND_PARSE_PARAMETERS_NONE();

	memory::process_size size{};
	if (!memory::read_process_size(&size)) {
		zend_throw_error(NULL, "memory_stats(): cannot read /proc/self/statm: %s",
		                 memory::error_text(errno).text);
		RETURN_THROWS();
	}
	const memory::malloc_usage heap = memory::read_malloc_usage();

	HashTable *ht = init_keyed_array(return_value, stat_table);
	put_long(ht, stat_table, key_pid, static_cast<uint64_t>(memory::current_pid()));
	zval sapi;
	if (keys_permanent) {
		ZVAL_INTERNED_STR(&sapi, sapi_name);
	} else {
		ZVAL_STRING(&sapi, sapi_module.name ? sapi_module.name : "");
	}
	put(ht, stat_table, key_sapi, &sapi);
	put_long(ht, stat_table, key_request, memory::current_request());
	put_long(ht, stat_table, key_vsz, size.vsz);
	put_long(ht, stat_table, key_rss, size.rss);
	put_long(ht, stat_table, key_zend_usage, zend_memory_usage(false));
	put_long(ht, stat_table, key_zend_real_usage, zend_memory_usage(true));
	put_long(ht, stat_table, key_zend_peak, zend_memory_peak_usage(false));
	put_long(ht, stat_table, key_malloc_in_use, heap.in_use);
	put_long(ht, stat_table, key_malloc_mmapped, heap.mmapped);
	put_long(ht, stat_table, key_leaked_malloc, memory::process_leaked(memory::allocator::malloc_));
	put_long(ht, stat_table, key_leaked_pemalloc, memory::process_leaked(memory::allocator::pemalloc_));
	put_long(ht, stat_table, key_leaked_emalloc, memory::request_leaked(memory::allocator::emalloc_));
}

/* memory_breakdown(): where this process's memory is, by the kernel, the Zend MM and glibc. */
ZEND_FUNCTION(memory_breakdown)
{
	ZEND_PARSE_PARAMETERS_NONE();

	memory::breakdown b{};
	memory::probe_error error{};
	if (!memory::read_breakdown(&b, &error)) {
		if (error.missing_field) {
			zend_throw_error(NULL, "memory_breakdown(): %s has no \"%s\" line",
			                 memory::proc_path(error.source), error.missing_field);
		} else {
			zend_throw_error(NULL, "memory_breakdown(): cannot read %s: %s", memory::proc_path(error.source),
			                 memory::error_text(error.err).text);
		}
		RETURN_THROWS();
	}

	HashTable *ht = init_keyed_array(return_value, breakdown_table);
	put_long(ht, breakdown_table, bkey_rss, b.rss);
	put_long(ht, breakdown_table, bkey_rss_anon, b.rss_anon);
	put_long(ht, breakdown_table, bkey_rss_file, b.rss_file);
	put_long(ht, breakdown_table, bkey_rss_shmem, b.rss_shmem);
	put_long(ht, breakdown_table, bkey_pss, b.pss);
	put_long(ht, breakdown_table, bkey_pss_anon, b.pss_anon);
	put_long(ht, breakdown_table, bkey_uss, b.uss);
	put_long(ht, breakdown_table, bkey_swap, b.swap);
	put_long(ht, breakdown_table, bkey_zend_used, b.zend_used);
	put_long(ht, breakdown_table, bkey_zend_free, b.zend_free);
	put_long(ht, breakdown_table, bkey_malloc_used, b.malloc.in_use);
	put_long(ht, breakdown_table, bkey_malloc_free, b.malloc.free);
	put_long(ht, breakdown_table, bkey_malloc_mmapped, b.malloc.mmapped);
}

/* memory_release(): give what the Zend MM and glibc hold unused back to the system. */
ZEND_FUNCTION(memory_release)
{
	ZEND_PARSE_PARAMETERS_NONE();

	memory::release_result r{};
	if (!memory::release(&r)) {
		zend_throw_error(NULL, "memory_release(): cannot read /proc/self/statm: %s",
		                 memory::error_text(errno).text);
		RETURN_THROWS();
	}

	HashTable *ht = init_keyed_array(return_value, release_table);
	put_signed(ht, release_table, rkey_zend_mm,
	           static_cast<int64_t>(r.rss_before) - static_cast<int64_t>(r.rss_after_zend));
	put_signed(ht, release_table, rkey_malloc,
	           static_cast<int64_t>(r.rss_after_zend) - static_cast<int64_t>(r.rss_after));
	put_long(ht, release_table, rkey_rss_before, r.rss_before);
	put_long(ht, release_table, rkey_rss_after, r.rss_after);
	put_long(ht, release_table, rkey_zend_mm_gc, r.zend_mm_gc);
	put_long(ht, release_table, rkey_zend_mm_cached, r.zend_mm_cached);
}

/* The Error both tracking functions throw when the request is not tracked. */
static void throw_not_tracking()
{
	if (!memory::track_available()) {
		zend_throw_error(
		    NULL,
		    "%s(): memory.track needs the memory extension loaded at startup (extension=memory.so), "
		    "not by dl(): the tracker's handlers would outlive the unloaded extension",
		    get_active_function_name());
		return;
	}
	if (!MEMORY_G(ini.track)) {
		zend_throw_error(NULL,
		                 "%s(): memory.track is off: set memory.track=1 (php.ini, -d, or a pool's "
		                 "php_admin_value) for requests to be tracked from their start",
		                 get_active_function_name());
		return;
	}
	zend_throw_error(NULL, "%s(): memory.track=1, but this request is not tracked: %s", get_active_function_name(),
	                 memory::track_untracked_reason());
}

/* memory_track_mark(): the current checkpoint. */
ZEND_FUNCTION(memory_track_mark)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (!memory::track_active()) {
		throw_not_tracking();
		RETURN_THROWS();
	}
	RETURN_LONG(static_cast<zend_long>(memory::track_mark()));
}

/* Append one site's row to the list memory_track_live() returns, made at the first row: the
 * sites are counted before anything is emalloc'd, so the list's own blocks are not in it. */
static void add_live_site(const memory::track_site_total &s, void *arg)
{
	zval *list = static_cast<zval *>(arg);
	if (Z_TYPE_P(list) == IS_UNDEF) {
		array_init(list);
	}
	zval row;
	array_init_size(&row, 6);
	add_assoc_string(&row, "file", s.file);
	add_assoc_long(&row, "line", static_cast<zend_long>(s.line));
	add_assoc_string(&row, "function", s.function);
	if (s.extension) {
		add_assoc_string(&row, "extension", s.extension);
	} else {
		add_assoc_null(&row, "extension");
	}
	add_assoc_long(&row, "blocks", static_cast<zend_long>(s.blocks));
	add_assoc_long(&row, "bytes", static_cast<zend_long>(s.bytes));
	add_next_index_zval(list, &row);
}

/* memory_track_live(): the live blocks allocated after a mark, by site. */
ZEND_FUNCTION(memory_track_live)
{
	zend_long since = 0;
	/* clang-format off */
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(since)
	ZEND_PARSE_PARAMETERS_END();
	/* clang-format on */
	if (!memory::track_active()) {
		throw_not_tracking();
		RETURN_THROWS();
	}
	if (since < 0) {
		zend_argument_value_error(1, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	const uint64_t mark = memory::track_mark();
	if (static_cast<uint64_t>(since) > mark) {
		zend_argument_value_error(1, "must be at most the current mark (%" PRIu64 ")", mark);
		RETURN_THROWS();
	}
	ZVAL_UNDEF(return_value);
	memory::track_live(static_cast<uint64_t>(since), add_live_site, return_value);
	if (Z_TYPE_P(return_value) == IS_UNDEF) {
		RETURN_EMPTY_ARRAY();
	}
}

/* clang-format off */
zend_module_entry memory_module_entry = {
	STANDARD_MODULE_HEADER,
	"memory",
	ext_functions,
	PHP_MINIT(memory),
	PHP_MSHUTDOWN(memory),
	PHP_RINIT(memory),
	PHP_RSHUTDOWN(memory),
	PHP_MINFO(memory),
	PHP_MEMORY_VERSION,
	PHP_MODULE_GLOBALS(memory),
	PHP_GINIT(memory),
	PHP_GSHUTDOWN(memory),
	ZEND_MODULE_POST_ZEND_DEACTIVATE_N(memory),
	STANDARD_MODULE_PROPERTIES_EX
};
/* clang-format on */

#ifdef COMPILE_DL_MEMORY
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(memory)
#endif
