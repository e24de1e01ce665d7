#!/usr/bin/env bash
# lab/sh/test.sh LANE [TEST...]: one lane of ./memlab test (lab/src/Cli/TestCommand.php runs it,
# once per lane): plain, valgrind or asan run the phpt files or folders TEST... (default: the
# tree's suite) with make test, plain against another PHP when MEMLAB_PHP_CONFIG names its
# php-config; static runs the analysers on the sources. Each lane ends with the line "N passed,
# N failed, N skipped" and exits 1 when something failed, 130 (129, 143) when interrupted,
# quietly and with nothing left behind.
#
# Why bash: a lane is `make test` with some environment and wrappers around it. The plain lane
# is make test itself; the valgrind lane is make test with run-tests -m and VALGRIND_OPTS; the
# ASan lane is phpize, configure and make of a second tree with sanitizer flags, a small C
# preload and a shell wrapper around php that sets the sanitizer's variables for every process;
# the static lane is two analyser command lines. The build they share (lab/sh/lib.sh) is bash
# too, because ./memlab runs it before PHP is installed. PHP would only shell out to the same
# commands; the command line, its checks and the totals over lanes live in TestCommand.
set -euo pipefail
# shellcheck source=lab/sh/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LANE_TMP=   # the lane's private temporary folder: logs, the tests' own temporary files
MAKE_JOB=   # the pid of the running make test pipeline, while it runs
MAKE_PGID=  # its process group: make, run-tests, the tests' php and every server they started

# start_lane: makes the private temporary folder and the traps that remove it. Called once the
# build is done (make_tree has traps of its own while it runs).
start_lane() {
    LANE_TMP=$(mktemp -d)
    trap 'rm -rf "$LANE_TMP"' EXIT
    trap 'interrupted 130' INT
    trap 'interrupted 143' TERM
    trap 'interrupted 129' HUP
}

# interrupted STATUS: stops make test with everything it started, removes the temporary files
# and exits with STATUS; the caller says "interrupted".
interrupted() {
    trap '' INT TERM HUP
    if [ -n "$MAKE_PGID" ]; then
        stop_group "$MAKE_PGID" TERM 50
    fi
    rm -rf "$LANE_TMP"
    exit "$1"
}

# replaced_allocator_ini: an INI folder for the lanes that replace the Zend MM. With
# USE_TRACKED_ALLOC=1, PHP frees what a request left tracked only when report_memleaks is off;
# run-tests passes -d report_memleaks=0 to the tests' own php, and this folder, appended to
# Debian's conf.d through PHP_INI_SCAN_DIR=":DIR", does it for the php processes a test starts
# that read their INI files (the lab's commands). Without it, every object a script still held
# at exit would be a leak to LeakSanitizer and valgrind. Processes started with -n ignore it.
replaced_allocator_ini() {
    mkdir -p "$LANE_TMP/ini"
    echo 'report_memleaks = 0' > "$LANE_TMP/ini/memlab-lane.ini"
}

# make_test LOG MAKE_ARG...: make test in the current folder, its output on stdout and in LOG.
# It runs in a process group of its own (set -m), so that an interruption stops all of it by
# its group id; the caller's variable assignments reach it. Returns make's status.
make_test() {
    local log=$1 rc=0
    shift
    set -m
    # 8>&- 9>&-: the servers a test starts must not inherit the build locks.
    TMPDIR=$LANE_TMP NO_INTERACTION=1 make test "$@" </dev/null 8>&- 9>&- 2>&1 | tee "$log" &
    set +m
    MAKE_JOB=$!
    MAKE_PGID=$(ps -o pgid= -p "$MAKE_JOB" | tr -d ' ' || true)
    wait "$MAKE_JOB" || rc=$?
    MAKE_JOB=
    MAKE_PGID=
    return "$rc"
}

# lane_plain TEST...: the dev build, then the suite; with MEMLAB_PHP_CONFIG, both against the
# PHP it names, in a copy of the tree (build_other_php).
lane_plain() {
    # The browser test of ./memlab lab (tests/ui/): its npm packages and chromium, before the
    # tree is copied for another PHP. Not in a Debian root of --php (/.memlab-root,
    # lab/sh/root.sh), where the test skips: the page is the same on every PHP, and the root
    # would get a browser for it.
    if [ ! -f /.memlab-root ]; then
        ui_packages
        browser_packages
    fi
    if [ -n "${MEMLAB_PHP_CONFIG:-}" ]; then
        build_other_php "$MEMLAB_PHP_CONFIG"
    else
        build_locked
    fi
    start_lane
    local log=$LANE_TMP/run-tests.log status=0
    make_test "$log" TESTS="-j2 -q --no-color --show-diff $*" || status=$?
    summarize_run_tests "$log" || status=1
    return "$status"
}

# lane_valgrind TEST...: the suite under valgrind memcheck, leaks included.
lane_valgrind() {
    build_locked
    start_lane
    local log=$LANE_TMP/run-tests.log status=0
    # run-tests -m alone runs "valgrind -q" with the default --leak-check=summary, which
    # prints nothing for a leak under -q: without --leak-check=full no leak fails a test.
    # It also traces children: --trace-children-skip=* keeps valgrind to the test's own php,
    # not the servers and tools a test starts (which it would slow down many times over).
    # -m sets USE_ZEND_ALLOC=0 for the test and its SKIPIF alike, so the tests that measure
    # the Zend MM or glibc malloc skip themselves (skip_unless('native')).
    # USE_TRACKED_ALLOC=1 keeps memory_limit in force once USE_ZEND_ALLOC=0 replaces the
    # Zend MM by malloc; with report_memleaks=0 it frees the request's emalloc blocks at
    # request end, so an emalloc leak is reclaimed here as in production.
    # pcre.jit=0: PCRE2's JIT code reads up to 16 bytes past a subject with SIMD loads, which
    # memcheck reports as invalid reads in a test that calls preg_*() (seen here in
    # lab_serve_sigkill and ui_lab_usage_errors, not in every run).
    replaced_allocator_ini
    VALGRIND_OPTS="--trace-children-skip=* --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --num-callers=30" \
        USE_TRACKED_ALLOC=1 ZEND_DONT_UNLOAD_MODULES=1 PHP_INI_SCAN_DIR=":$LANE_TMP/ini" \
        make_test "$log" TESTS="-m -j2 -q --no-color --show-diff --show-mem -d report_memleaks=0 -d pcre.jit=0 $*" || status=$?
    summarize_run_tests "$log" || status=1
    return "$status"
}

# lane_static: the -Werror build, then cppcheck and clang-tidy on the extension's sources.
lane_static() {
    build_locked
    start_lane
    # The extension's sources: every .cpp at the top of the tree (config.m4 builds them all).
    local sources=(*.cpp)
    # shellcheck disable=SC2207
    local includes=($(php-config --includes))
    local defines=(-DHAVE_CONFIG_H -DCOMPILE_DL_MEMORY -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1)
    local passed=0 failed=0
    # analyse NAME COMMAND...: run one analyser, print PASS or FAIL and count it.
    analyse() {
        local name=$1
        shift
        say "$name ${sources[*]}"
        if "$@"; then
            echo "PASS $name"
            passed=$((passed + 1))
        else
            echo "FAIL $name"
            failed=$((failed + 1))
        fi
    }
    analyse cppcheck cppcheck --std=c++17 --language=c++ --enable=warning,style,performance,portability \
        --inline-suppr --error-exitcode=1 --quiet --suppressions-list=.cppcheck-suppressions \
        -I . "${includes[@]}" "${defines[@]}" -D__x86_64__ -D__linux__ "${sources[@]}"
    # clang-tidy's stderr only counts the warnings it suppressed; what it finds goes to stdout.
    tidy() {
        clang-tidy --quiet "${sources[@]}" -- -x c++ -std=c++17 -I . "${includes[@]}" "${defines[@]}" 2>/dev/null
    }
    analyse clang-tidy tidy
    echo "$passed passed, $failed failed, 0 skipped"
    [ "$failed" -eq 0 ]
}

# copy_tree DIR: the extension's sources into DIR, times kept (make rebuilds what changed and
# gen_stub.php is not re-run; ./*.h includes memory_arginfo.h, the stub's generated header), and
# a fresh copy of the suite and of the lab it reaches with relative paths.
copy_tree() {
    local dir=$1
    (
        cd "$MEMLAB_ROOT" || exit 1
        cp -p config.m4 memory.stub.php ./*.cpp ./*.h "$dir/"
        rm -rf "$dir/tests" "$dir/lab"
        cp -a tests lab "$dir/"
        find "$dir/tests" \( -name '*.diff' -o -name '*.exp' -o -name '*.log' -o -name '*.out' -o -name '*.mem' \) -delete
    ) || die "cannot copy the tree into $dir"
}

# build_other_php PHP_CONFIG: the dev build against the PHP that PHP_CONFIG belongs to, in a
# copy of the tree in out/php-HASH (HASH: of PHP_CONFIG's path, version and configure options:
# a PHP rebuilt with other options gets a build of its own), so the main tree is not
# reconfigured; the lane then runs there. TestCommand has checked that PHP (lab/src/PhpConfig.php)
# and put its php, phpize and php-fpm first in PATH, PHP_FPM and MEMLAB_PHPIZE; make test runs
# the php that PHP_CONFIG names.
build_other_php() {
    local config=$1 dir
    need_packages libfcgi-bin php-parser
    dir=$MEMLAB_ROOT/out/php-$(printf '%s %s %s' "$config" "$("$config" --version)" "$("$config" --configure-options)" | sha1sum | cut -c1-12)
    mkdir -p "$dir"
    # One build and run per PHP at a time; the main tree's lock is not needed.
    exec 8>"$dir.lock"
    flock 8
    copy_tree "$dir"
    make_tree "$dir" "$config ${MEMLAB_CONFIGURE_FLAGS[*]}" --with-php-config="$config" "${MEMLAB_CONFIGURE_FLAGS[@]}"
}

# The sanitizer build: its flags, and where it lives (out/ is ignored by git).
MEMLAB_ASAN_FLAGS="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer"

# lane_asan TEST...: an ASan+UBSan copy of the tree built in out/asan, and the suite run there
# with the sanitizer runtime preloaded into every process. TEST... are relative to the tree.
lane_asan() {
    # shellcheck disable=SC2046
    need_packages $(memlab_php_packages)
    local src=$MEMLAB_ROOT dir=$MEMLAB_ROOT/out/asan
    mkdir -p "$dir"
    # One ASan build and run at a time; the main tree's lock is not needed, nothing there changes.
    exec 8>"$MEMLAB_ROOT/out/asan.lock"
    flock 8
    copy_tree "$dir"
    make_tree "$dir" "$MEMLAB_ASAN_FLAGS" "${MEMLAB_CONFIGURE_FLAGS[@]}" CXXFLAGS="$MEMLAB_ASAN_FLAGS" \
        LDFLAGS="-fsanitize=address,undefined"
    start_lane
    # A lane that ran an uninstrumented build would pass blind.
    nm -D modules/memory.so | grep -q '__asan_report_load' \
        || die "out/asan/modules/memory.so is not instrumented by ASan"
    nm -D modules/memory.so | grep -q '__ubsan_handle_' \
        || die "out/asan/modules/memory.so is not instrumented by UBSan"
    gcc -O2 -Wall -Werror -shared -fPIC -o preload.so "$src/lab/asan/preload.c" -ldl \
        || die "cannot build lab/asan/preload.c"

    local libasan
    libasan=$(g++ -print-file-name=libasan.so)
    [ -f "$libasan" ] || die "g++ has no libasan.so (package libasan8)"
    local reports=$dir/reports
    rm -rf "$reports"
    mkdir -p "$reports"
    # Every process of the run, the runner's and those a test starts alike, gets the runtime:
    # lab/asan/preload.c first (verify_asan_link_order=0 allows it), then ASan. Reports go
    # to files, one per process, so a server's report is not lost with its stderr. Leaks are
    # checked in the php CLI only (preload.c says why), php -S included; php-fpm gets ASan's
    # error checks without the leak check.
    # USE_ZEND_ALLOC=0 routes emalloc through malloc, so ASan sees emalloc'd blocks too;
    # USE_TRACKED_ALLOC=1 with report_memleaks=0 keeps memory_limit and frees them at request end.
    # run-tests runs SKIPIF through this wrapper too, so the tests that measure the Zend MM or
    # glibc malloc see USE_ZEND_ALLOC=0 and LD_PRELOAD and skip themselves.
    replaced_allocator_ini
    local php_exe
    php_exe=$(readlink -f "$(command -v "${PHP_BIN:-php}")")
    cat > php-asan <<WRAPPER
#!/bin/sh
export LD_PRELOAD="$dir/preload.so $libasan"
export MEMLAB_LSAN_EXE="$php_exe"
export ASAN_OPTIONS="verify_asan_link_order=0:detect_leaks=1:leak_check_at_exit=0:fast_unwind_on_malloc=0:log_path=$reports/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"
export LSAN_OPTIONS="suppressions=$src/lab/asan/lsan.supp:print_suppressions=0"
export USE_ZEND_ALLOC=0 USE_TRACKED_ALLOC=1 ZEND_DONT_UNLOAD_MODULES=1 PHP_INI_SCAN_DIR=":$LANE_TMP/ini"
exec $php_exe "\$@"
WRAPPER
    chmod +x php-asan

    # The lane must be able to see: without the suppressions, LeakSanitizer reports the
    # intentional leak of leak_malloc() with its frame in memory::leak().
    local canary=$LANE_TMP/canary
    mkdir "$canary"
    LD_PRELOAD="$dir/preload.so $libasan" MEMLAB_LSAN_EXE="$php_exe" \
        ASAN_OPTIONS="verify_asan_link_order=0:leak_check_at_exit=0:fast_unwind_on_malloc=0:log_path=$canary/asan" \
        LSAN_OPTIONS="suppressions=/dev/null" ZEND_DONT_UNLOAD_MODULES=1 \
        "$php_exe" -n -d extension="$dir/modules/memory.so" -r 'leak_malloc(1000);' >/dev/null 2>&1 || true
    if ! grep -qs 'Direct leak of 1000 byte(s)' "$canary"/asan.* || ! grep -qs 'memory::leak' "$canary"/asan.*; then
        die "ASan lane is blind: LeakSanitizer did not report leak_malloc(1000) in memory::leak()"
    fi
    say "ASan sees: an unsuppressed leak_malloc(1000) is reported in memory::leak()"

    local status=0 log=$LANE_TMP/run-tests.log n
    make_test "$log" PHP_EXECUTABLE="$dir/php-asan" \
        TESTS="-j2 -q --no-color --show-diff -d report_memleaks=0 $*" || status=$?
    n=$(find "$reports" -type f | wc -l)
    if [ "$n" -gt 0 ]; then
        say "$n sanitizer reports in $reports:"
        find "$reports" -type f -exec sh -c 'echo "--- $1"; cat "$1"' _ {} \; >&2
        status=1
    fi
    # A process's sanitizer report counts as one failure more.
    summarize_run_tests "$log" "$n" || status=1
    return "$status"
}

# summarize_run_tests LOG [REPORTS]: prints memlab's "N passed, N failed, N skipped" for a run
# of make test (LOG, its output), with REPORTS sanitizer reports as failures too; false when
# any failed. Run from the folder make test ran in.
#
# run-tests.php treats a test with --XLEAK-- in three ways, and only one of them is a failure:
# - it leaks (under valgrind) and its output matches: "Expected leak", a pass here;
# - it does not leak (a plain run) and its output matches: "warn: XLEAK section but test
#   passes", a pass here too, so a test can carry --XLEAK-- in every lane;
# - its output does not match: run-tests still files it under "Expected leak", hiding the
#   failure. It wrote the test's .diff, and that is how it is counted here: as failed.
# A test that failed and then passed on run-tests' own retry (it retries a test that calls
# sleep or reads the clock, PHP's mark of a timing-sensitive test) counts as passed, as
# run-tests counts it, and is named on a line of its own so that the flake is seen.
# Borked, leaked and other warned tests are failures too. When memlab's count differs from
# run-tests' own, one line says why, right after run-tests' summary.
summarize_run_tests() {
    local log=$1 reports=${2:-0} file
    count() { sed -n "s/^$1 *: *\([0-9]*\).*/\1/p" "$log" | tail -n1; }
    section() { sed -n "/^$1 TEST SUMMARY/,/^=====/p" "$log"; }
    local passed failed skipped warned borked leaked xleaked
    passed=$(count 'Tests passed')
    local ran=${passed:+yes}
    passed=${passed:-0}
    failed=$(count 'Tests failed')
    failed=${failed:-0}
    skipped=$(count 'Tests skipped')
    skipped=${skipped:-0}
    warned=$(count 'Tests warned')
    warned=${warned:-0}
    borked=$(count 'Tests borked')
    borked=${borked:-0}
    leaked=$(count 'Tests leaked')
    leaked=${leaked:-0}
    xleaked=$(count 'Expected leak')
    xleaked=${xleaked:-0}

    local xleak_ok=0 xleak_bad=0 warn_xleak
    while read -r file; do
        [ -n "$file" ] || continue
        if [ -f "${file%.phpt}.diff" ]; then
            echo "FAIL $file: its output differs (run-tests files it as an expected leak)"
            xleak_bad=$((xleak_bad + 1))
        else
            xleak_ok=$((xleak_ok + 1))
        fi
    done < <(section 'EXPECTED LEAK' | sed -n 's/.*\[\([^]]*\.phpt\)\].*/\1/p')
    warn_xleak=$(section WARNED | grep -c '(warn: XLEAK section but test passes)' || true)
    local warn_retry
    warn_retry=$(section WARNED | grep -c '(warn: Test passed on retry attempt)' || true)
    section WARNED | sed -n 's/.*\[\([^]]*\.phpt\)\].*(warn: Test passed on retry attempt).*/\1/p' | while read -r file; do
        echo "memlab: FLAKY $file: failed, then passed on run-tests' retry"
    done
    local warn_other=$((warned - warn_xleak - warn_retry))

    local our_passed=$((passed + xleak_ok + warn_xleak + warn_retry))
    local our_failed=$((failed + xleak_bad + borked + leaked + warn_other + reports))
    if [ "$our_passed" -ne "$passed" ] || [ "$our_failed" -ne "$failed" ]; then
        local counted=("$passed passed") why=()
        [ "$failed" -eq 0 ] || counted+=("$failed failed")
        [ "$warned" -eq 0 ] || counted+=("$warned warned")
        [ "$xleaked" -eq 0 ] || counted+=("$xleaked $(either "$xleaked" 'expected leak' 'expected leaks')")
        [ "$borked" -eq 0 ] || counted+=("$borked borked")
        [ "$leaked" -eq 0 ] || counted+=("$leaked leaked")
        [ "$warn_xleak" -eq 0 ] || why+=("$(either "$warn_xleak" \
            'the warned test carries --XLEAK-- and did not leak here, so it counts as passed' \
            "the $warn_xleak warned carry --XLEAK-- and did not leak here, so they count as passed")")
        [ "$warn_retry" -eq 0 ] || why+=("$(either "$warn_retry" \
            'the test that passed on retry counts as passed (named above as FLAKY)' \
            "the $warn_retry tests that passed on retry count as passed (named above as FLAKY)")")
        [ "$warn_other" -eq 0 ] || why+=("$(either "$warn_other" \
            'a test warned for another reason, so it counts as failed' \
            "$warn_other tests warned for another reason, so they count as failed")")
        [ "$xleak_ok" -eq 0 ] || why+=("$(either "$xleak_ok" \
            'the expected leak leaked as its --XLEAK-- says, so it counts as passed' \
            "the $xleak_ok expected leaks leaked as their --XLEAK-- says, so they count as passed")")
        [ "$xleak_bad" -eq 0 ] || why+=("$(either "$xleak_bad" \
            'an expected leak printed something else, so it counts as failed' \
            "$xleak_bad expected leaks printed something else, so they count as failed")")
        [ "$borked" -eq 0 ] || why+=("borked tests count as failed")
        [ "$leaked" -eq 0 ] || why+=("leaked tests count as failed")
        [ "$reports" -eq 0 ] || why+=("$(either "$reports" \
            'the sanitizer report counts as one failure more' \
            "each of the $reports sanitizer reports counts as one failure more")")
        echo "memlab: run-tests counted $(join_and "${counted[@]}"): $(join_semicolon "${why[@]}")"
    fi
    echo "$our_passed passed, $our_failed failed, $skipped skipped"
    [ -n "$ran" ] && [ "$our_failed" -eq 0 ]
}

# either N ONE MANY: ONE when N is 1, else MANY.
either() {
    if [ "$1" -eq 1 ]; then echo "$2"; else echo "$3"; fi
}

# join_and A B C: "A, B and C".
join_and() {
    local out=$1
    shift
    while [ $# -gt 1 ]; do
        out+=", $1"
        shift
    done
    [ $# -eq 0 ] || out+=" and $1"
    echo "$out"
}

# join_semicolon A B: "A; B".
join_semicolon() {
    local out=$1 part
    shift
    for part in "$@"; do
        out+="; $part"
    done
    echo "$out"
}

[ $# -ge 1 ] || die "usage: lab/sh/test.sh plain|static|valgrind|asan [TEST...]"
lane=$1
shift
[ $# -gt 0 ] || set -- tests
case "$lane" in
    plain) lane_plain "$@" ;;
    static) lane_static ;;
    valgrind) lane_valgrind "$@" ;;
    asan) lane_asan "$@" ;;
    *) die "unknown lane '$lane' (plain, static, valgrind, asan)" ;;
esac
