#!/usr/bin/env bash
# lab/sh/build.sh DEST: the dev build of memory.so in the tree, copied to DEST while the
# tree's build lock is held. Exits 130 on Ctrl-C, quietly.
set -euo pipefail
# shellcheck source=lab/sh/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# -eq 1 ] || die "usage: lab/sh/build.sh DEST"
build_locked
cp "$MEMLAB_ROOT/modules/memory.so" "$1"
