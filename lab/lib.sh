# Shared by memlab's commands: packages, the build, and small helpers.
# shellcheck shell=bash

# Debian packages every command needs: the headers and phpize, the CLI, php-fpm,
# cgi-fcgi (a FastCGI client) and PHP-Parser (gen_stub.php, offline).
MEMLAB_BASE_PACKAGES=(php8.2-dev php8.2-cli php8.2-fpm libfcgi-bin php-parser)

# The dev build: strict warnings as errors, as CI builds it.
MEMLAB_CONFIGURE_FLAGS=(--enable-memory --enable-memory-dev)

PHP_BIN=${PHP_BIN:-php}

die() {
    echo "memlab: $*" >&2
    exit 1
}

# say MESSAGE: progress for humans, on stderr.
say() {
    echo "memlab: $*" >&2
}

# need_packages PKG...: install the missing ones when root, or say how and exit.
need_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "memlab: missing Debian packages; install them with:" >&2
        echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# make_tree DIR TAG CONFIGURE_ARG...: in DIR, phpize, configure and make, each only when its
# inputs changed; configure runs again when TAG (what the arguments stand for) changes.
make_tree() {
    local dir=$1 tag=$2
    shift 2
    cd "$dir" || die "cannot enter $dir"
    if [ ! -f configure ] || [ config.m4 -nt configure ]; then
        say "phpize in $dir"
        phpize >/dev/null 2>&1 || die "phpize failed in $dir"
        rm -f Makefile
    fi
    # gen_stub.php wants PHP-Parser under build/; point it at Debian's php-parser.
    mkdir -p build/PHP-Parser-4.15.1
    ln -sfn /usr/share/php build/PHP-Parser-4.15.1/lib
    if [ ! -f Makefile ] || [ configure -nt Makefile ] || [ "$(cat .memlab-configured 2>/dev/null)" != "$tag" ]; then
        say "configure $tag"
        ./configure "$@" >config.memlab.log 2>&1 || { cat config.memlab.log >&2; die "configure failed in $dir"; }
        rm -f config.memlab.log
        echo "$tag" > .memlab-configured
    fi
    local log
    log=$(mktemp)
    if ! make -j"$(nproc)" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "make failed in $dir"
    fi
    rm -f "$log"
    [ -f modules/memory.so ] || die "make did not produce $dir/modules/memory.so"
}

# build: the dev build of memory.so in the tree; exports MEMORY_SO.
build() {
    need_packages "${MEMLAB_BASE_PACKAGES[@]}"
    # One build (and make test, which writes tmp-php.ini) at a time in this tree;
    # the lock is held until the calling memlab process exits.
    exec 9>"$MEMLAB_ROOT/.memlab.lock"
    if ! flock -n 9; then
        say "waiting for another memlab building or testing in this tree (.memlab.lock)"
        flock 9
    fi
    make_tree "$MEMLAB_ROOT" "${MEMLAB_CONFIGURE_FLAGS[*]}" "${MEMLAB_CONFIGURE_FLAGS[@]}"
    MEMORY_SO="$MEMLAB_ROOT/modules/memory.so"
    export MEMORY_SO
}
