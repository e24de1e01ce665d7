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
    [memory: the lab's build only: add the seed's confirm_memory_compiled(), whose malloc g++ -O2 deletes])],
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
  if test "$PHP_MEMORY_SEED" != "no"; then
    AC_DEFINE([MEMORY_SEED], [1], [Build the seed's confirm_memory_compiled()])
    MEMORY_SOURCES="$MEMORY_SOURCES memory_seed.cpp"
  fi

  PHP_NEW_EXTENSION(memory, $MEMORY_SOURCES, $ext_shared,, $MEMORY_CXXFLAGS, cxx)

  PHP_ADD_LIBRARY(stdc++, 1, MEMORY_SHARED_LIBADD)
  PHP_SUBST(MEMORY_SHARED_LIBADD)
fi
