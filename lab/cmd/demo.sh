# summary: the seed's experiment in every lifecycle: tables, verdicts, out/ (--requests N --bytes N --only L,.. --alloc A,.. --out DIR --no-plot)
# shellcheck shell=bash

# shellcheck source=lab/src/lab.sh
. "$MEMLAB_ROOT/lab/src/lab.sh"

cmd_demo() {
    local a plot=1 status=0
    for a in "$@"; do
        case "$a" in
            -h|--help) "$PHP_BIN" "$MEMLAB_ROOT/lab/demo.php" --help; return 0 ;;
            --no-plot) plot=0 ;;
        esac
    done
    [ "$plot" -eq 0 ] || need_packages gnuplot-nox
    build
    lab_private_so
    # build holds the tree's build lock on fd 9; the demo runs on its own copy of memory.so,
    # so other builds and test runs may go on meanwhile (and the servers never hold the fd).
    exec 9>&-
    run_lab_php "$MEMLAB_ROOT/lab/demo.php" "$@" || status=$?
    lab_drop_so
    return "$status"
}
