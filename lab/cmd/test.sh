# summary: build the extension and run the phpt suite (make test)
# shellcheck shell=bash

cmd_test() {
    local args=()
    while [ $# -gt 0 ]; do
        case "$1" in
            -h|--help)
                cat <<USAGE
Usage: ./memlab test [TEST...]

Installs what is missing (as root), builds memory.so with --enable-memory-dev
(-Wall -Wextra -Werror) and runs the phpt suite with make test, two tests at
a time. TEST narrows the run to some .phpt files or folders (default: tests/).
Ends with the line "N passed, N failed, N skipped"; exits non-zero when a test
fails.
USAGE
                return 0
                ;;
            *) args+=("$1") ;;
        esac
        shift
    done
    [ ${#args[@]} -gt 0 ] || args=(tests)

    build
    local log status=0
    log=$(mktemp)
    NO_INTERACTION=1 make test TESTS="-j2 -q --no-color --show-diff ${args[*]}" 2>&1 | tee "$log" || status=$?
    summarize_run_tests "$log" || status=1
    rm -f "$log"
    return "$status"
}

# summarize_run_tests LOG: print "N passed, N failed, N skipped"; false when any failed.
summarize_run_tests() {
    local log=$1 passed failed skipped other
    count() { sed -n "s/^Tests $1 *: *\([0-9]*\).*/\1/p" "$log" | tail -n1; }
    passed=$(count passed)
    failed=$(count failed)
    skipped=$(count skipped)
    # Borked, leaked and warned tests are failures too.
    other=$(( $(count borked || true) + 0 ))
    other=$(( other + $(count leaked || true) + 0 ))
    other=$(( other + $(count warned || true) + 0 ))
    failed=$(( ${failed:-0} + other ))
    echo "${passed:-0} passed, ${failed} failed, ${skipped:-0} skipped"
    [ -n "$passed" ] && [ "$failed" -eq 0 ]
}
