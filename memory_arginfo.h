/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9c0b386bb7aaecdf09851b676499a30bdeb3f743 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_leak_malloc, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, bytes, IS_LONG, 0, "2097152")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, touch, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

#define arginfo_leak_emalloc arginfo_leak_malloc

#define arginfo_leak_pemalloc arginfo_leak_malloc

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_memory_stats, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_memory_breakdown arginfo_memory_stats

#define arginfo_memory_release arginfo_memory_stats

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_memory_track_mark, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_memory_track_live, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, since, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

#if defined(MEMORY_SEED)
ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_confirm_memory_compiled, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()
#endif


ZEND_FUNCTION(leak_malloc);
ZEND_FUNCTION(leak_emalloc);
ZEND_FUNCTION(leak_pemalloc);
ZEND_FUNCTION(memory_stats);
ZEND_FUNCTION(memory_breakdown);
ZEND_FUNCTION(memory_release);
ZEND_FUNCTION(memory_track_mark);
ZEND_FUNCTION(memory_track_live);
#if defined(MEMORY_SEED)
ZEND_FUNCTION(confirm_memory_compiled);
#endif


static const zend_function_entry ext_functions[] = {
	ZEND_FE(leak_malloc, arginfo_leak_malloc)
	ZEND_FE(leak_emalloc, arginfo_leak_emalloc)
	ZEND_FE(leak_pemalloc, arginfo_leak_pemalloc)
	ZEND_FE(memory_stats, arginfo_memory_stats)
	ZEND_FE(memory_breakdown, arginfo_memory_breakdown)
	ZEND_FE(memory_release, arginfo_memory_release)
	ZEND_FE(memory_track_mark, arginfo_memory_track_mark)
	ZEND_FE(memory_track_live, arginfo_memory_track_live)
#if defined(MEMORY_SEED)
	ZEND_FE(confirm_memory_compiled, arginfo_confirm_memory_compiled)
#endif
	ZEND_FE_END
};
