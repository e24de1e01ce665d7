# summary: run the seed's experiment in every lifecycle: tables, verdicts, CSV, summary.json, plots
# shellcheck shell=bash

cmd_demo() {
    local a plot=1
    for a in "$@"; do
        case "$a" in
            -h|--help) "$PHP_BIN" "$MEMLAB_ROOT/lab/demo.php" --help; return 0 ;;
            --no-plot) plot=0 ;;
        esac
    done
    build
    [ "$plot" -eq 0 ] || need_packages gnuplot-nox
    # build holds the tree's build lock on fd 9; the demo only reads memory.so, so let
    # other builds and test runs go on while it runs (and keep the fd from the servers).
    exec 9>&-
    run_lab_php "$MEMLAB_ROOT/lab/demo.php" "$@"
}

# run_lab_php SCRIPT ARGS...: runs a lab script in a process group of its own, so that on
# Ctrl-C, TERM or failure every process it started (servers, php-fpm children) can be
# stopped: first the script is asked to stop its servers, then the group is killed.
run_lab_php() {
    local pid status=0
    set -m
    "$PHP_BIN" "$@" &
    pid=$!
    set +m
    # shellcheck disable=SC2064
    trap "lab_stop_group $pid" INT TERM HUP
    wait "$pid" || status=$?
    # wait returns early (status > 128) when a trapped signal arrives: wait for the end.
    while kill -0 "$pid" 2>/dev/null; do
        wait "$pid" || status=$?
    done
    trap - INT TERM HUP
    # Anything of the group still alive (the script was killed hard) goes now.
    kill -KILL -- "-$pid" 2>/dev/null || true
    return "$status"
}

# lab_stop_group PGID: TERM to the script (it stops its servers), then KILL to the group.
lab_stop_group() {
    local pgid=$1 i
    kill -TERM "$pgid" 2>/dev/null || true
    for i in $(seq 1 50); do
        kill -0 "$pgid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pgid" 2>/dev/null || true
}
