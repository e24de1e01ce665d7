/* memory: module glue. INI, globals, request hooks, phpinfo, and the PHP functions. */

#include "php_memory.h"
#include "memory_leak.h"
#include "memory_probe.h"
#include "memory_report.h"

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

/* clang-format off */
PHP_INI_BEGIN()
	STD_PHP_INI_ENTRY("memory.max_leak", "1G", PHP_INI_SYSTEM, OnUpdateMaxLeak,
		ini.max_leak, zend_memory_globals, memory_globals)
	STD_PHP_INI_BOOLEAN("memory.report", "0", PHP_INI_ALL, OnUpdateBool,
		ini.report, zend_memory_globals, memory_globals)
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

/* memory_stats()'s keys, in the order it returns them: the one list the enum of keys and
 * their names are both expanded from. */
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

/* key_pid, key_sapi, ...: a key's position in the array. */
enum stat_key {
#define X(name) key_##name,
	MEMORY_STAT_KEYS
#undef X
	key_count
};

/* "pid", "sapi", ...: each key's name, indexed by stat_key. */
const char *const stat_key_names[key_count] = {
#define X(name) #name,
	MEMORY_STAT_KEYS
#undef X
};
/* clang-format on */

/* The keys and the SAPI name as permanent interned strings, so that a memory_stats() call
 * neither allocates nor hashes a key (see BENCHMARKS.md). zend_string_init_interned() makes
 * permanent strings only while PHP starts up. An extension loaded later (php-fpm's
 * php_admin_value[extension], dl()) gets request-scoped ones, freed at request end, or, with
 * opcache, plain copies: then keys_permanent is false and each call builds its keys. */
zend_string *stat_keys[key_count];
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

/* Intern memory_stats()'s keys and the SAPI's name for the life of the process, if PHP can. */
void intern_stat_keys()
{
	keys_permanent = true;
	for (int k = 0; k < key_count; k++) {
		stat_keys[k] = intern_permanent(stat_key_names[k]);
		keys_permanent = keys_permanent && stat_keys[k];
	}
	sapi_name = intern_permanent(sapi_module.name ? sapi_module.name : "");
	keys_permanent = keys_permanent && sapi_name;
}

/* Add a value under one of memory_stats()'s keys; the array was sized for all of them. */
inline void put(HashTable *ht, stat_key k, zval *v)
{
	if (keys_permanent) {
		_zend_hash_append(ht, stat_keys[k], v); /* interned and distinct: a plain append */
	} else {
		zend_hash_str_add_new(ht, stat_key_names[k], strlen(stat_key_names[k]), v);
	}
}

/* Add an integer under one of memory_stats()'s keys. */
inline void put_long(HashTable *ht, stat_key k, uint64_t value)
{
	zval v;
	ZVAL_LONG(&v, static_cast<zend_long>(value));
	put(ht, k, &v);
}

} // namespace

static PHP_MINIT_FUNCTION(memory)
{
	REGISTER_INI_ENTRIES();
	memory::probe_minit();
	intern_stat_keys();
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(memory)
{
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
	return SUCCESS;
}

/* End the request in each module, then report what it leaked. */
static PHP_RSHUTDOWN_FUNCTION(memory)
{
	memory::leak_rshutdown();
	memory::report_rshutdown();
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

	array_init_size(return_value, key_count);
	HashTable *ht = Z_ARRVAL_P(return_value);
	zend_hash_real_init_mixed(ht);
	put_long(ht, key_pid, static_cast<uint64_t>(memory::current_pid()));
	zval sapi;
	if (keys_permanent) {
		ZVAL_INTERNED_STR(&sapi, sapi_name);
	} else {
		ZVAL_STRING(&sapi, sapi_module.name ? sapi_module.name : "");
	}
	put(ht, key_sapi, &sapi);
	put_long(ht, key_request, memory::current_request());
	put_long(ht, key_vsz, size.vsz);
	put_long(ht, key_rss, size.rss);
	put_long(ht, key_zend_usage, zend_memory_usage(false));
	put_long(ht, key_zend_real_usage, zend_memory_usage(true));
	put_long(ht, key_zend_peak, zend_memory_peak_usage(false));
	put_long(ht, key_malloc_in_use, heap.in_use);
	put_long(ht, key_malloc_mmapped, heap.mmapped);
	put_long(ht, key_leaked_malloc, memory::process_leaked(memory::allocator::malloc_));
	put_long(ht, key_leaked_pemalloc, memory::process_leaked(memory::allocator::pemalloc_));
	put_long(ht, key_leaked_emalloc, memory::request_leaked(memory::allocator::emalloc_));
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
	NULL,
	STANDARD_MODULE_PROPERTIES_EX
};
/* clang-format on */

#ifdef COMPILE_DL_MEMORY
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(memory)
#endif
