#!/usr/bin/env bash
# lab/sh/ui.sh [--browser]: the npm packages of ./memlab lab's page (lab/ui/node_modules, by
# npm ci when missing or out of date); with --browser also Debian's chromium for its browser test.
set -euo pipefail
# shellcheck source=lab/sh/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ui_packages
if [ "${1:-}" = --browser ]; then
    browser_packages
fi
