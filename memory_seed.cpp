/* The seed's experiment, run again: its confirm_memory_compiled(), body unchanged. Built only
 * with ./configure --enable-memory-seed, at -O2 whatever PHP's own flags (config.m4). */

#include "php_memory.h"

#include <cstdlib>

/* The seed meant this to leak 2 MiB per call. foo is never read, so g++ -O2 deletes the
 * malloc (malloc elision) and the function does nothing: VSZ never moves, and objdump finds no
 * call to malloc in it. leak_malloc() hands its block to an opaque sink instead. The warning
 * the unused variable raises is silenced rather than the body changed. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
// NOLINTBEGIN(clang-analyzer-deadcode.DeadStores,clang-analyzer-unix.Malloc): the seed's bug, kept
ZEND_FUNCTION(confirm_memory_compiled)
{
	void *foo = malloc(2 * 1024 * 1024);
}
// NOLINTEND(clang-analyzer-deadcode.DeadStores,clang-analyzer-unix.Malloc)
#pragma GCC diagnostic pop
