# The lab's bash: Debian packages and the dev build. Sourced by ./memlab (before PHP is there)
# and by lab/sh/build.sh, packages.sh and test.sh.
# shellcheck shell=bash

MEMLAB_ROOT=${MEMLAB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# The dev build: strict warnings as errors, as CI builds it, with the seed's own function, so
# that the tests and the demo can show what -O2 makes of it (a release build leaves it out).
MEMLAB_CONFIGURE_FLAGS=(--enable-memory --enable-memory-dev --enable-memory-seed)

die() {
    echo "memlab: $*" >&2
    exit 1
}

# say MESSAGE: progress for humans, on stderr.
say() {
    echo "memlab: $*" >&2
}

# memlab_php_packages [X.Y]: the Debian packages of the PHP to build against: those of PHP X.Y
# when given, else of the PHP that php-config names (phpX.Y-dev, -cli, -fpm), or the
# distribution's default PHP when none is there; then what every command needs: cgi-fcgi (a
# FastCGI client), PHP-Parser (gen_stub.php offline), symfony/console and symfony/process (the
# command line), mbstring and intl (for console: symfony 7, in Debian sid, lays out its help
# with intl's Normalizer).
# shellcheck disable=SC2120  # root.sh passes X.Y
memlab_php_packages() {
    local v=${1:-}
    if [ -z "$v" ] && command -v php-config >/dev/null 2>&1; then
        v=$(php-config --version 2>/dev/null | cut -d. -f1,2)
    fi
    if [ -n "$v" ]; then
        echo "php$v-dev php$v-cli php$v-fpm php$v-mbstring php$v-intl"
    else
        echo "php-dev php-cli php-fpm php-mbstring php-intl"
    fi
    echo "libfcgi-bin php-parser php-symfony-console php-symfony-process"
}

# need_packages PKG...: install the missing ones when root, or say how and exit 1.
# $MEMLAB_PACKAGES_HINT, when set, says what works without them.
need_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "memlab: missing Debian packages: ${missing[*]}; as root (or with sudo) run:" >&2
        echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        [ -z "${MEMLAB_PACKAGES_HINT:-}" ] || echo "memlab: $MEMLAB_PACKAGES_HINT" >&2
        exit 1
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || die "apt-get install ${missing[*]} failed"
}

# make_tree DIR TAG CONFIGURE_ARG...: in DIR, phpize, configure and make, each only when its
# inputs changed; configure runs again when TAG (what the arguments stand for) changes. Their
# output goes to a log that is shown only when a step fails, not when it is interrupted.
make_tree() {
    local dir=$1 tag=$2 log
    shift 2
    cd "$dir" || die "cannot enter $dir"
    log=$(mktemp)
    # shellcheck disable=SC2064
    trap "rm -f '$log'; exit 130" INT
    # shellcheck disable=SC2064
    trap "rm -f '$log'; exit 143" TERM
    # shellcheck disable=SC2064
    trap "rm -f '$log'; exit 129" HUP
    if [ ! -f configure ] || [ config.m4 -nt configure ]; then
        say "phpize in $dir"
        # $MEMLAB_PHPIZE: another PHP's phpize (./memlab test --php-config).
        "${MEMLAB_PHPIZE:-phpize}" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "phpize failed in $dir"; }
        rm -f Makefile
    fi
    # gen_stub.php wants PHP-Parser under build/; point it at Debian's php-parser.
    mkdir -p build/PHP-Parser-4.15.1
    ln -sfn /usr/share/php build/PHP-Parser-4.15.1/lib
    if [ ! -f Makefile ] || [ configure -nt Makefile ] || [ "$(cat .memlab-configured 2>/dev/null)" != "$tag" ]; then
        say "configure $tag"
        rm -f .memlab-configured
        ./configure "$@" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; die "configure failed in $dir"; }
        echo "$tag" > .memlab-configured
    fi
    if ! make -j"$(nproc)" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "make failed in $dir"
    fi
    rm -f "$log"
    trap - INT TERM HUP
    [ -f modules/memory.so ] || die "make did not produce $dir/modules/memory.so"
}

# build_locked: the dev build of memory.so in the tree, holding the tree's build lock on fd 9
# until the calling process exits (make test writes tmp-php.ini into the tree too).
build_locked() {
    need_packages $(memlab_php_packages)
    exec 9>"$MEMLAB_ROOT/.memlab.lock"
    if ! flock -n 9; then
        say "waiting for another memlab building or testing in this tree (.memlab.lock)"
        flock 9
    fi
    make_tree "$MEMLAB_ROOT" "${MEMLAB_CONFIGURE_FLAGS[*]}" "${MEMLAB_CONFIGURE_FLAGS[@]}"
}

# ui_packages: the npm packages of lab/ui (its package-lock.json: uPlot, which ./memlab lab's
# page loads from lab/ui/node_modules, and playwright-core for its browser test), by npm ci when
# node_modules is missing or older than the lock file; Debian's nodejs and npm first when this
# machine has no node.
ui_packages() {
    local ui=$MEMLAB_ROOT/lab/ui
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        need_packages nodejs npm
    fi
    if [ ! -f "$ui/node_modules/.package-lock.json" ] || [ "$ui/package-lock.json" -nt "$ui/node_modules/.package-lock.json" ]; then
        say "npm ci --prefix lab/ui"
        npm ci --prefix "$ui" --no-audit --no-fund --no-update-notifier --loglevel=error >&2 || die "npm ci --prefix lab/ui failed"
    fi
}

# browser_packages: Debian's chromium (and a font for its screenshots) for the browser test of
# ./memlab lab, when root; as another user, without it, that test skips and says why.
browser_packages() {
    if [ "$(id -u)" -ne 0 ]; then
        [ -x /usr/bin/chromium ] || say "chromium is not installed and only root can install it (apt-get install chromium): the browser test skips"
        return 0
    fi
    need_packages chromium fonts-dejavu-core
}

# stop_group PGID SIGNAL TRIES: sends SIGNAL to the process group PGID, waits up to TRIES tenths
# of a second for it to end, then kills what is left, and reaps the caller's children.
stop_group() {
    kill "-$2" -- "-$1" 2>/dev/null || true
    local tries=$3
    while [ "$tries" -gt 0 ] && kill -0 -- "-$1" 2>/dev/null; do
        sleep 0.1
        tries=$((tries - 1))
    done
    kill -KILL -- "-$1" 2>/dev/null || true
    wait 2>/dev/null || true
}
