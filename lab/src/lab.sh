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
    lab_sweep "$pid"
    return "$status"
}

# lab_sweep PID: stops, by pid, the servers a lab script (PID) left running because it was
# killed before it could stop them. php-fpm's master puts itself in a group of its own, so
# the group kill above does not reach it. A process is the script's when its command line
# names the script's private memory.so or one of its server directories (tests/inc/memlab.inc
# names them memlab-KIND-PID-*); php-fpm's master takes its children down with it.
lab_sweep() {
    local owner=$1 round p args cmd found
    for round in TERM TERM TERM TERM TERM KILL; do
        found=0
        for p in /proc/[0-9]*; do
            mapfile -d '' args < "$p/cmdline" 2>/dev/null || continue
            cmd="${args[*]}"
            case "$cmd" in
                *"${LAB_SO_DIR:-/nonexistent/}"*|*"/memlab-fpm-$owner-"*|*"/memlab-worker-$owner-"*|*"/memlab-cli-server-$owner-"*)
                    [ "${p#/proc/}" = "$$" ] && continue
                    found=1
                    kill "-$round" "${p#/proc/}" 2>/dev/null || true
                    ;;
            esac
        done
        [ "$found" -eq 1 ] || break
        [ "$round" = KILL ] || sleep 0.5
    done
    # Their directories (pool, logs), which a stopped server removes itself.
    local dir
    for dir in "${TMPDIR:-/tmp}"/memlab-fpm-"$owner"-* "${TMPDIR:-/tmp}"/memlab-worker-"$owner"-* "${TMPDIR:-/tmp}"/memlab-cli-server-"$owner"-*; do
        [ ! -d "$dir" ] || rm -rf "$dir"
    done
}

# lab_stop_group PGID: TERM to the script (it stops its servers), then KILL to the group.
lab_stop_group() {
    local pgid=$1 _
    kill -TERM "$pgid" 2>/dev/null || true
    for _ in $(seq 1 150); do
        kill -0 "$pgid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL -- "-$pgid" 2>/dev/null || true
}
