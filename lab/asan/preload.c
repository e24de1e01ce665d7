/* Preloaded before the ASan runtime into every process of ./memlab test --asan.
 *
 * 1. PHP loads extensions with dlopen(..., RTLD_DEEPBIND) unless PHP itself was built with
 *    ASan, and the ASan runtime refuses such a dlopen and ends the process. Debian's PHP is
 *    not built with ASan, so this dlopen() drops the flag and hands the call on to the next
 *    dlopen in the search order: the ASan runtime's, then libc's. Without the flag memory.so
 *    looks up malloc and friends in the process first, where the ASan runtime interposes
 *    them, which is what the sanitizer needs; it defines no symbol of its own that PHP also
 *    defines, so nothing else changes.
 *
 * 2. The runtime reaches every process a test starts (sh, gnuplot, php-fpm), and LeakSanitizer
 *    would fail each of them for leaks of their own. The lane turns the exit-time check off
 *    (leak_check_at_exit=0) and this file runs it in the one program under test: the process
 *    whose executable is $MEMLAB_LSAN_EXE (Debian's php CLI). */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void *(*dlopen_fn)(const char *, int);

void *dlopen(const char *file, int mode)
{
	static dlopen_fn next;
	if (!next) {
		next = (dlopen_fn) dlsym(RTLD_NEXT, "dlopen");
	}
	return next(file, mode & ~RTLD_DEEPBIND);
}

/* LeakSanitizer's entry point, present once the ASan runtime is loaded. */
extern void __lsan_do_leak_check(void) __attribute__((weak));

/* Run the leak check now; registered first, so it runs after every other exit handler. */
static void leak_check(void)
{
	if (__lsan_do_leak_check) {
		__lsan_do_leak_check();
	}
}

/* Register the leak check in the program under test only. */
__attribute__((constructor)) static void register_leak_check(void)
{
	const char *want = getenv("MEMLAB_LSAN_EXE");
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (!want || n <= 0) {
		return;
	}
	exe[n] = '\0';
	if (strcmp(exe, want) == 0) {
		atexit(leak_check);
	}
}
