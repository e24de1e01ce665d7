# summary: build the extension and run the phpt suite (make test), plain or under valgrind/ASan, or the static analysers
# shellcheck shell=bash

cmd_test() {
    local args=() lane=plain
    while [ $# -gt 0 ]; do
        case "$1" in
            -h|--help)
                cat <<USAGE
Usage: ./memlab test [--valgrind | --asan | --static] [TEST...]

Installs what is missing (as root), builds memory.so with --enable-memory-dev
(-Wall -Wextra -Werror) and runs the phpt suite with make test, two tests at
a time. TEST narrows the run to some .phpt files or folders (default: tests/).
Ends with the line "N passed, N failed, N skipped"; exits non-zero when a test
fails.

Lanes:
  --valgrind  run every test's php under valgrind memcheck (run-tests -m) with
              --leak-check=full and ZEND_DONT_UNLOAD_MODULES=1; the servers and
              tools a test starts run without it. emalloc goes through malloc
              (USE_ZEND_ALLOC=0) with PHP's tracked allocator (USE_TRACKED_ALLOC=1,
              report_memleaks=0), so memory_limit still holds and emalloc blocks
              are freed at request end, as the Zend MM does. A test fails on any
              error or leak, except the tests that declare their leak with
              --XLEAK--; those count as passed.
  --asan      build a second copy of the extension with
              -fsanitize=address,undefined -fno-omit-frame-pointer in
              out/asan/ (the main tree is not reconfigured) and run the suite
              with the sanitizer runtime preloaded into Debian's PHP
              (lab/asan/preload.c). LeakSanitizer suppressions:
              lab/asan/lsan.supp. Any report, from a test or from a server a
              test started, fails the lane.
              Both lanes leave out the tests tests/hardening/lanes.skip lists:
              those that measure VmSize, VmRSS, mallinfo2() or the Zend MM,
              which the lanes replace. They count as skipped.
  --static    run cppcheck and clang-tidy (.clang-tidy) on the extension's
              sources; no phpt test runs. Ends with "N passed, N failed".
USAGE
                return 0
                ;;
            --valgrind) lane=valgrind ;;
            --asan) lane=asan ;;
            --static) lane=static ;;
            *) args+=("$1") ;;
        esac
        shift
    done
    [ ${#args[@]} -gt 0 ] || args=(tests)

    case "$lane" in
        valgrind) test_valgrind "${args[@]}"; return ;;
        asan) test_asan "${args[@]}"; return ;;
        static) test_static; return ;;
    esac

    # Tools some tests run (the valgrind tests, the lab's plots), so that nothing skips here.
    need_packages valgrind gnuplot-nox
    build
    local log status=0
    log=$(mktemp)
    # 9>&-: the servers a test starts must not inherit the build lock (a stray one would hold it).
    NO_INTERACTION=1 make test TESTS="-j2 -q --no-color --show-diff ${args[*]}" 9>&- 2>&1 | tee "$log" || status=$?
    summarize_run_tests "$log" || status=1
    rm -f "$log"
    return "$status"
}

# test_valgrind TEST...: the suite under valgrind memcheck, leaks included.
test_valgrind() {
    need_packages valgrind gnuplot-nox
    build
    local log status=0 args=("$@")
    log=$(mktemp)
    # run-tests -m alone runs "valgrind -q" with the default --leak-check=summary, which
    # prints nothing for a leak under -q: without --leak-check=full no leak fails a test.
    # It also traces children: --trace-children-skip=* keeps valgrind to the test's own php,
    # not the servers and tools a test starts (which it would slow down many times over).
    # USE_TRACKED_ALLOC=1 keeps memory_limit in force once USE_ZEND_ALLOC=0 (which -m
    # sets) replaces the Zend MM by malloc; with report_memleaks=0 it frees the request's
    # emalloc blocks at request end, so an emalloc leak is reclaimed here as in production.
    local list
    list=$(mktemp)
    lane_tests valgrind "$list" "$@"
    VALGRIND_OPTS="--trace-children-skip=* --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --num-callers=30" \
        USE_TRACKED_ALLOC=1 ZEND_DONT_UNLOAD_MODULES=1 NO_INTERACTION=1 \
        make test TESTS="-m -j2 -q --no-color --show-diff --show-mem -d report_memleaks=0 -r $list" 9>&- 2>&1 \
        | tee "$log" || status=$?
    summarize_run_tests "$log" || status=1
    rm -f "$log" "$list"
    return "$status"
}

# test_static: the -Werror build, then cppcheck and clang-tidy on the extension's sources.
test_static() {
    need_packages cppcheck clang-tidy
    build
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

# The sanitizer build: its flags, and where it lives (out/ is ignored by git).
MEMLAB_ASAN_FLAGS="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer"

# test_asan TEST...: build an ASan+UBSan copy out of tree and run the suite with the runtime preloaded.
test_asan() {
    need_packages "${MEMLAB_BASE_PACKAGES[@]}" g++ libasan8 libubsan1 gnuplot-nox
    local src=$MEMLAB_ROOT dir=$MEMLAB_ROOT/out/asan
    mkdir -p "$dir"
    # One ASan build and run at a time; the main tree's lock is not needed, nothing there changes.
    exec 8>"$MEMLAB_ROOT/out/asan.lock"
    flock 8
    (
        cd "$src" || exit 1
        # -p keeps the times, so make rebuilds what changed and gen_stub.php is not re-run.
        cp -p config.m4 memory.stub.php memory_arginfo.h ./*.cpp ./*.h "$dir/"
        # The tests, and the lab they reach with relative paths.
        rm -rf "$dir/tests" "$dir/lab"
        cp -a tests lab "$dir/"
        find "$dir/tests" \( -name '*.diff' -o -name '*.exp' -o -name '*.log' -o -name '*.out' -o -name '*.mem' \) -delete
    )
    make_tree "$dir" "$MEMLAB_ASAN_FLAGS" "${MEMLAB_CONFIGURE_FLAGS[@]}" CXXFLAGS="$MEMLAB_ASAN_FLAGS" \
        LDFLAGS="-fsanitize=address,undefined"
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
    local php_exe
    php_exe=$(readlink -f "$(command -v "$PHP_BIN")")
    cat > php-asan <<WRAPPER
#!/bin/sh
export LD_PRELOAD="$dir/preload.so $libasan"
export MEMLAB_LSAN_EXE="$php_exe"
export ASAN_OPTIONS="verify_asan_link_order=0:detect_leaks=1:leak_check_at_exit=0:fast_unwind_on_malloc=0:log_path=$reports/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"
export LSAN_OPTIONS="suppressions=$src/lab/asan/lsan.supp:print_suppressions=0"
export USE_ZEND_ALLOC=0 USE_TRACKED_ALLOC=1 ZEND_DONT_UNLOAD_MODULES=1
exec $php_exe "\$@"
WRAPPER
    chmod +x php-asan

    # The lane must be able to see: without the suppressions, LeakSanitizer reports the
    # intentional leak of leak_malloc() with its frame in memory::leak().
    local canary
    canary=$(mktemp -d)
    LD_PRELOAD="$dir/preload.so $libasan" MEMLAB_LSAN_EXE="$php_exe" \
        ASAN_OPTIONS="verify_asan_link_order=0:leak_check_at_exit=0:fast_unwind_on_malloc=0:log_path=$canary/asan" \
        LSAN_OPTIONS="suppressions=/dev/null" ZEND_DONT_UNLOAD_MODULES=1 \
        "$php_exe" -n -d extension="$dir/modules/memory.so" -r 'leak_malloc(1000);' >/dev/null 2>&1 || true
    if ! grep -qs 'Direct leak of 1000 byte(s)' "$canary"/asan.* || ! grep -qs 'memory::leak' "$canary"/asan.*; then
        rm -rf "$canary"
        die "ASan lane is blind: LeakSanitizer did not report leak_malloc(1000) in memory::leak()"
    fi
    rm -rf "$canary"
    say "ASan sees: an unsuppressed leak_malloc(1000) is reported in memory::leak()"

    local status=0 list log
    list=$(mktemp)
    log=$(mktemp)
    lane_tests asan "$list" "$@"
    NO_INTERACTION=1 make test PHP_EXECUTABLE="$dir/php-asan" \
        TESTS="-j2 -q --no-color --show-diff -d report_memleaks=0 -r $list" 8>&- 9>&- 2>&1 | tee "$log" || status=$?
    rm -f "$list"
    local n
    n=$(find "$reports" -type f | wc -l)
    if [ "$n" -gt 0 ]; then
        say "$n sanitizer reports in $reports:"
        find "$reports" -type f -exec sh -c 'echo "--- $1"; cat "$1"' _ {} \; >&2
        status=1
    fi
    # A process's sanitizer report counts as one failure more.
    summarize_run_tests "$log" "$n" || status=1
    rm -f "$log"
    return "$status"
}

# lane_tests LANE LIST TEST...: writes the .phpt files under TEST... that
# tests/hardening/lanes.skip does not leave out of LANE to the file LIST, one a line (for
# run-tests -r). Says which were left out, and counts them in LANE_SKIPPED for the summary.
LANE_SKIPPED=0
lane_tests() {
    local lane=$1 list=$2 f lanes path reason skip
    shift 2
    : > "$list"
    while IFS= read -r f; do
        f=${f#./}
        skip=
        while read -r lanes path reason; do
            case "$lanes" in ''|'#'*) continue ;; esac
            case ",$lanes," in *",$lane,"*) ;; *) continue ;; esac
            if [ "$f" = "$path" ] || { [ "${path%/}" != "$path" ] && [ "${f#"$path"}" != "$f" ]; }; then
                skip=$reason
                break
            fi
        done < "$MEMLAB_ROOT/tests/hardening/lanes.skip"
        if [ -n "$skip" ]; then
            say "SKIP in the $lane lane: $f ($skip)"
            LANE_SKIPPED=$((LANE_SKIPPED + 1))
        else
            echo "$f" >> "$list"
        fi
    done < <(find "$@" -name '*.phpt' | sort)
}

# summarize_run_tests LOG [EXTRA_FAILURES]: print "N passed, N failed, N skipped"; false when
# any failed. Run from the folder make test ran in.
#
# run-tests.php treats a test with --XLEAK-- in three ways, and only one of them is a failure:
# - it leaks (under valgrind) and its output matches: "Expected leak", a pass here;
# - it does not leak (a plain run) and its output matches: "warn: XLEAK section but test
#   passes", a pass here too, so a test can carry --XLEAK-- in every lane;
# - its output does not match: run-tests still files it under "Expected leak", hiding the
#   failure. It wrote the test's .diff, and that is how it is counted here: as failed.
summarize_run_tests() {
    local log=$1 passed failed skipped other=${2:-0} xleak_ok=0 xleak_bad=0 warn_xleak file
    count() { sed -n "s/^Tests $1 *: *\([0-9]*\).*/\1/p" "$log" | tail -n1; }
    section() { sed -n "/^$1 TEST SUMMARY/,/^=====/p" "$log"; }
    passed=$(count passed)
    failed=$(count failed)
    skipped=$(count skipped)
    local ran=${passed:+yes}
    while read -r file; do
        [ -n "$file" ] || continue
        if [ -f "${file%.phpt}.diff" ]; then
            say "FAIL $file: its output differs (run-tests files it as an expected leak)"
            xleak_bad=$((xleak_bad + 1))
        else
            xleak_ok=$((xleak_ok + 1))
        fi
    done < <(section 'EXPECTED LEAK' | sed -n 's/.*\[\([^]]*\.phpt\)\].*/\1/p')
    warn_xleak=$(section WARNED | grep -c '(warn: XLEAK section but test passes)' || true)
    if [ $((xleak_ok + warn_xleak)) -gt 0 ]; then
        say "$xleak_ok tests leaked as their --XLEAK-- says, $warn_xleak carry --XLEAK-- and did not leak here; counted as passed"
    fi
    passed=$(( ${passed:-0} + xleak_ok + warn_xleak ))
    # Borked, leaked and warned tests are failures too.
    other=$(( other + xleak_bad ))
    other=$(( other + $(count borked || true) + 0 ))
    other=$(( other + $(count leaked || true) + 0 ))
    other=$(( other + $(count warned || true) + 0 - warn_xleak ))
    failed=$(( ${failed:-0} + other ))
    echo "${passed} passed, ${failed} failed, $(( ${skipped:-0} + LANE_SKIPPED )) skipped"
    [ -n "$ran" ] && [ "$failed" -eq 0 ]
}
