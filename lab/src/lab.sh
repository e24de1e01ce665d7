# Shared by the lab's commands (demo, serve): a private copy of memory.so, and running a
# lab script so that every process it starts is stopped, on Ctrl-C and failure too.
# shellcheck shell=bash

# lab_private_so: copies the freshly built memory.so (call it right after build, while the
# build lock is held) to a directory of its own and points MEMORY_SO at the copy. make
# rewrites modules/memory.so in place, and a server that has the old one mapped crashes
# (SIGSEGV) when another build in this tree replaces it under its feet.
lab_private_so() {
    LAB_SO_DIR=$(mktemp -d "${TMPDIR:-/tmp}/memlab-so.XXXXXX")
    cp "$MEMORY_SO" "$LAB_SO_DIR/memory.so"
    MEMORY_SO="$LAB_SO_DIR/memory.so"
    export MEMORY_SO
}

# lab_drop_so: removes the private copy.
lab_drop_so() {
    [ -z "${LAB_SO_DIR:-}" ] || rm -rf "$LAB_SO_DIR"
    LAB_SO_DIR=
}

# run_lab_php SCRIPT ARGS...: runs a lab script in a process group of its own. On Ctrl-C,
# TERM or HUP the script is asked to stop (it stops its servers by pid), then whatever is
# left of its group is killed. Returns the script's exit status.
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
    for i in $(seq 1 150); do
        kill -0 "$pgid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pgid" 2>/dev/null || true
}
