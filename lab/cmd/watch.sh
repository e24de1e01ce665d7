# summary: print a line whenever a process's VIRT or RES changes (the seed's "top" step)
# shellcheck shell=bash

cmd_watch() {
    # It reads /proc only: no build needed, and nothing to stop but itself.
    exec "$PHP_BIN" "$MEMLAB_ROOT/lab/watch.php" "$@"
}
