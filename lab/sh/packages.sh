#!/usr/bin/env bash
# lab/sh/packages.sh PKG...: install the missing Debian packages (root), or say how and exit 1.
set -euo pipefail
# shellcheck source=lab/sh/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_packages "$@"
