# summary: bounded load and fault runs on 127.0.0.1 against php -S and php-fpm (emalloc drift, leak cap, memory_limit, SIGKILL)
# shellcheck shell=bash

# shellcheck source=lab/src/lab.sh
. "$MEMLAB_ROOT/lab/src/lab.sh"

cmd_soak() {
    local a status=0
    for a in "$@"; do
        case "$a" in
            -h|--help) "$PHP_BIN" -n "$MEMLAB_ROOT/lab/soak/soak.php" --help; return 0 ;;
        esac
    done
    build
    lab_private_so
    # build holds the tree's build lock on fd 9; the soak's servers load their own copy of
    # memory.so, so other builds and test runs may go on meanwhile.
    exec 9>&-
    run_lab_php -n "$MEMLAB_ROOT/lab/soak/soak.php" "$@" || status=$?
    lab_drop_so
    return "$status"
}
