dnl config.m4 for the memory extension: a lab for PHP memory lifetimes.

PHP_ARG_ENABLE([memory],
  [whether to enable memory support],
  [AS_HELP_STRING([--enable-memory],
    [Enable memory support (the memory lifetime lab)])],
  [yes])

PHP_ARG_ENABLE([memory-dev],
  [whether to enable the memory developer build],
  [AS_HELP_STRING([--enable-memory-dev],
    [memory: strict compiler warnings as errors (-Wall -Wextra -Werror)])],
  [no],
  [no])

PHP_ARG_ENABLE([memory-seed],
  [whether to build the seed's confirm_memory_compiled()],
  [AS_HELP_STRING([--enable-memory-seed],
    [memory: the lab's build only: add the seed's confirm_memory_compiled(), built at -O2, where g++ deletes its malloc])],
  [no],
  [no])

if test "$PHP_MEMORY" != "no"; then
  PHP_REQUIRE_CXX()

  AC_CHECK_FUNCS([mallinfo2])

  MEMORY_CXXFLAGS="-std=c++17 -fvisibility=hidden -fno-exceptions -fno-rtti -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"
  if test "$PHP_MEMORY_DEV" != "no"; then
    dnl Zend's own headers trip -Wunused-parameter (zend_modules.h), so that one stays off.
    MEMORY_CXXFLAGS="$MEMORY_CXXFLAGS -Wall -Wextra -Werror -Wno-unused-parameter"
  fi

  dnl Shown by php --ri memory, so a report says how the module it came from was built.
  AC_DEFINE_UNQUOTED([MEMORY_BUILD_FLAGS], ["$CXXFLAGS $MEMORY_CXXFLAGS"],
    [The flags memory.so was compiled with])

  MEMORY_SOURCES="memory.cpp memory_leak.cpp memory_probe.cpp memory_release.cpp memory_report.cpp memory_track.cpp"
  PHP_NEW_EXTENSION(memory, $MEMORY_SOURCES, $ext_shared,, $MEMORY_CXXFLAGS, cxx)

  if test "$PHP_MEMORY_SEED" != "no"; then
    AC_DEFINE([MEMORY_SEED], [1], [Build the seed's confirm_memory_compiled()])
    dnl The seed built it with Debian's phpize, at -O2, where g++ deletes its malloc. It keeps
    dnl -O2 (after PHP's flags) against any PHP, a debug build's -O0 included.
    if test "$ext_shared" = "no"; then
      PHP_ADD_SOURCES(PHP_EXT_DIR(memory), memory_seed.cpp, $MEMORY_CXXFLAGS -O2)
    else
      PHP_ADD_SOURCES_X(PHP_EXT_DIR(memory), memory_seed.cpp, $MEMORY_CXXFLAGS -O2 -DZEND_COMPILE_DL_EXT=1, shared_objects_memory, yes)
    fi
  fi

  PHP_ADD_LIBRARY(stdc++, 1, MEMORY_SHARED_LIBADD)
  PHP_SUBST(MEMORY_SHARED_LIBADD)
fi
