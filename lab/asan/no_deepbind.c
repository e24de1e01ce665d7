/* Preloaded before the ASan runtime into Debian's PHP for ./memlab test --asan.
 *
 * PHP loads extensions with dlopen(..., RTLD_DEEPBIND) unless PHP itself was built with
 * ASan, and the ASan runtime refuses such a dlopen and ends the process. Debian's PHP is
 * not built with ASan, so this dlopen() drops the flag and hands the call on to the next
 * dlopen in the search order: the ASan runtime's, then libc's. Without the flag memory.so
 * looks up malloc and friends in the process first, where the ASan runtime interposes
 * them, which is what the sanitizer needs; it defines no symbol of its own that PHP also
 * defines, so nothing else changes. */

#define _GNU_SOURCE
#include <dlfcn.h>

typedef void *(*dlopen_fn)(const char *, int);

void *dlopen(const char *file, int mode)
{
	static dlopen_fn next;
	if (!next) {
		next = (dlopen_fn) dlsym(RTLD_NEXT, "dlopen");
	}
	return next(file, mode & ~RTLD_DEEPBIND);
}
