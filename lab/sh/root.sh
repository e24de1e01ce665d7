#!/usr/bin/env bash
# lab/sh/root.sh: the plain lane of ./memlab test on another Debian PHP, inside a Debian root made
# with debootstrap. lab/src/Cli/TestCommand.php runs it once per --php version that is not the
# PHP running the lab (lab/src/DebianPhp.php says which root serves which version):
#
#   lab/sh/root.sh --name NAME --suite SUITE --serves "X.Y ..." [--experimental] --php X.Y
#                  [--packages "PKG ..."] [--refresh] [--] [TEST...]
#
# The root, $MEMLAB_ROOTS/NAME (default /var/cache/memlab/roots/NAME, outside any clone), is made
# once with `debootstrap --variant=minbase SUITE` from $MEMLAB_DEBIAN_MIRROR (default
# http://deb.debian.org/debian) and holds the packages of every version it serves (--serves; with
# --experimental those come from Debian experimental, on a sid root) plus --packages. It is
# reused while current (root_current: made less than $MEMLAB_ROOT_MAX_AGE_DAYS days ago, default
# 7, by this recipe, from this suite and mirror); --refresh makes it again. A new root is made
# next to the old one and replaces it only once complete.
#
# For the run, /proc is mounted and /dev bound into the root; the tree (the files git knows,
# not the build products) is copied in, never bind-mounted; lab/sh/test.sh plain TEST... runs
# there with PHP X.Y's php, phpize and php-config first in PATH. Processes left in the root,
# the mounts and the copy are removed in every outcome: the end, an error, Ctrl-C, TERM, HUP.
# TEST... are relative to the tree. Exits as test.sh does (1 when a test failed, 128+N after
# signal N), or 1 with one line saying why when the root cannot be made (not root, no mirror).
#
# Why bash: a root is debootstrap, apt-get, mount and chroot, run in order with a trap that
# undoes the mounts whatever happens; PHP would only shell out to each of them. The lanes
# (test.sh) and the packages (lib.sh) are bash for the same reason.
set -euo pipefail
# shellcheck source=lab/sh/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROOTS=${MEMLAB_ROOTS:-/var/cache/memlab/roots}
MIRROR=${MEMLAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}
MAX_AGE_DAYS=${MEMLAB_ROOT_MAX_AGE_DAYS:-7}
# The way a root is made; a root made by another recipe is made again. Bump it when the files
# written into a root or the packages every root gets change.
RECIPE=1
# Every root gets these, on top of its PHP's (memlab_php_packages) and --packages: a compiler
# and make for phpize, ps for test.sh.
BASE_PACKAGES="g++ make procps"
STAMP=.memlab-root

NAME='' SUITE='' SERVES='' EXPERIMENTAL=0 PHP='' PACKAGES='' REFRESH=0
ROOT=       # the root in use
NEW=        # a root being made, removed unless it is complete
RUN=        # the run's folder inside the root: the tree's copy and the PATH of PHP X.Y
MOUNTED=    # the root whose /proc and /dev this script mounted
CHILD=      # the process group of the long command running now (debootstrap, apt-get, the lane)
LOG=        # the log of the root's making, shown when a step fails
SWAPPING=0  # 1 while a new root replaces the old one: a signal then waits until it is done
PENDING=    # the exit status of a signal that came while SWAPPING

# cleanup: stops what runs in the root, unmounts, removes the run's copy and an incomplete root.
cleanup() {
    if [ -n "$MOUNTED" ]; then
        stop_processes_in "$MOUNTED"
        unmount_under "$MOUNTED"
        MOUNTED=
    fi
    if [ -n "$RUN" ]; then
        rm -rf --one-file-system "$RUN"
        RUN=
    fi
    if [ -n "$NEW" ]; then
        remove_root "$NEW"
        NEW=
    fi
    [ -z "$LOG" ] || rm -f "$LOG"
}

# shellcheck disable=SC2317  # reached through the traps
# on_signal STATUS: interrupted STATUS, after the swap of a new root when one is under way.
on_signal() {
    if [ "$SWAPPING" -eq 1 ]; then
        PENDING=$1
    else
        interrupted "$1"
    fi
}

# shellcheck disable=SC2317  # reached through the traps
# interrupted STATUS: stops the running command's process group (it gets the signal first, as
# test.sh does with make test), cleans up and exits with STATUS, quietly.
interrupted() {
    trap '' INT TERM HUP
    if [ -n "$CHILD" ]; then
        stop_group "$CHILD" "$(signal_of "$1")" 100
        CHILD=
    fi
    cleanup
    exit "$1"
}

# shellcheck disable=SC2317  # reached through interrupted
# signal_of STATUS: the signal behind an exit status of 128+N.
signal_of() {
    case "$1" in
        129) echo HUP ;;
        143) echo TERM ;;
        *) echo INT ;;
    esac
}

# in_group COMMAND...: runs COMMAND in a process group of its own, stdin from /dev/null and
# without the root's lock (fd 7), and waits for it; returns its status. An interruption stops
# the whole group (interrupted), at once: the wait is where a trap can run.
in_group() {
    local rc=0
    set -m
    "$@" </dev/null 7>&- &
    set +m
    CHILD=$!
    wait "$CHILD" || rc=$?
    CHILD=
    return "$rc"
}

# logged WHAT COMMAND...: in_group COMMAND with its output in the log, shown when it fails.
logged() {
    local what=$1
    shift
    : >"$LOG"
    if ! in_group "$@" >>"$LOG" 2>&1; then
        tail -n 40 "$LOG" >&2
        die "$what failed (its last lines are above)"
    fi
}

# unmount_under DIR: unmounts everything mounted at DIR or below it, deepest first.
unmount_under() {
    local dir=$1 point
    # Field 5 of mountinfo is the mount point; roots never hold spaces (checked below).
    while read -r point; do
        umount "$point" 2>/dev/null || umount -l "$point" 2>/dev/null || say "cannot unmount $point"
    done < <(awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r)
}

# stop_processes_in DIR: ends every process whose root is DIR (a server a test left, a daemon
# a package started): TERM, then KILL after 5 s. They would keep the mounts busy.
stop_processes_in() {
    local dir=$1 pids=() link p tries=50
    for p in /proc/[0-9]*; do
        link=$(readlink "$p/root" 2>/dev/null) || continue
        [ "$link" = "$dir" ] && pids+=("${p#/proc/}")
    done
    [ ${#pids[@]} -gt 0 ] || return 0
    kill -TERM "${pids[@]}" 2>/dev/null || true
    while [ "$tries" -gt 0 ]; do
        local alive=()
        for p in "${pids[@]}"; do
            ! kill -0 "$p" 2>/dev/null || alive+=("$p")
        done
        [ ${#alive[@]} -gt 0 ] || return 0
        pids=("${alive[@]}")
        sleep 0.1
        tries=$((tries - 1))
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
}

# remove_root DIR: deletes a root, never across a mount (/dev would be the host's).
remove_root() {
    local dir=$1
    [ -d "$dir" ] || return 0
    stop_processes_in "$dir"
    unmount_under "$dir"
    if awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
        die "not removing $dir: something is still mounted below it"
    fi
    rm -rf --one-file-system "$dir"
}

# mount_root DIR: DIR bound onto itself, /proc mounted and /dev bound into it, until cleanup.
# What a killed run left there (processes, mounts) is removed first: this script holds the root's lock.
mount_root() {
    local dir=$1
    stop_processes_in "$dir"
    unmount_under "$dir"
    MOUNTED=$dir
    # The root bound onto itself, so that its / is a mount point: unshare -m (a test that mounts
    # in a namespace of its own) must change its propagation. Private: nothing mounted in it
    # shows anywhere else.
    mount --bind "$dir" "$dir" || die "cannot bind $dir onto itself"
    mount --make-private "$dir" || die "cannot make the mount of $dir private"
    mount -t proc proc "$dir/proc" || die "cannot mount /proc in $dir"
    mount --bind /dev "$dir/dev" || die "cannot bind /dev in $dir"
}

# unmount_root: the reverse of mount_root.
unmount_root() {
    stop_processes_in "$MOUNTED"
    unmount_under "$MOUNTED"
    MOUNTED=
}

# stamp_get FILE KEY: a value of a root's stamp.
stamp_get() {
    sed -n "s/^$2=//p" "$1" 2>/dev/null | head -n1
}

# wanted_packages: every package the root gets.
wanted_packages() {
    local v list=$BASE_PACKAGES
    for v in $SERVES; do
        list+=" $(memlab_php_packages "$v" | tr '\n' ' ')"
    done
    list+=" $PACKAGES"
    # shellcheck disable=SC2086
    printf '%s\n' $list | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# root_current DIR: true when DIR is a root made by this recipe from this suite and mirror,
# serving these versions, less than MAX_AGE_DAYS days ago; else prints why not.
root_current() {
    local dir=$1 stamp=$1/$STAMP made age
    if [ ! -f "$stamp" ]; then
        echo "there is none yet"
        return 1
    fi
    if [ "$(stamp_get "$stamp" recipe)" != "$RECIPE" ] || [ "$(stamp_get "$stamp" suite)" != "$SUITE" ] \
        || [ "$(stamp_get "$stamp" serves)" != "$SERVES" ] || [ "$(stamp_get "$stamp" mirror)" != "$MIRROR" ]; then
        echo "it was made another way: recipe, suite, versions or mirror"
        return 1
    fi
    made=$(stamp_get "$stamp" made_epoch)
    age=$(( ($(date +%s) - ${made:-0}) / 86400 ))
    if [ "$age" -ge "$MAX_AGE_DAYS" ]; then
        echo "it was made $age days ago; a root is current for $MAX_AGE_DAYS, MEMLAB_ROOT_MAX_AGE_DAYS"
        return 1
    fi
    return 0
}

# check_mirror: the mirror serves SUITE's Release file (and experimental's), or exit 1 saying why.
check_mirror() {
    local suite url err
    for suite in "$SUITE" $([ "$EXPERIMENTAL" -eq 0 ] || echo experimental); do
        url=$MIRROR/dists/$suite/Release
        if ! err=$(wget -nv -T 20 -t 2 -O /dev/null "$url" 2>&1); then
            die "cannot reach the Debian mirror: $url: $(echo "$err" | grep -v '^ *$' | tail -n1) (set MEMLAB_DEBIAN_MIRROR to another mirror)"
        fi
    done
}

# configure_root DIR: what apt and dpkg in the root need to know: the sources, no Valid-Until
# check (the mirror serves stale sid and experimental Release files), no recommends, no docs,
# no services started by packages (policy-rc.d), and experimental only for the PHPs it serves.
configure_root() {
    local dir=$1 v pins=
    {
        echo "deb $MIRROR $SUITE main"
        [ "$EXPERIMENTAL" -eq 0 ] || echo "deb $MIRROR experimental main"
    } >"$dir/etc/apt/sources.list"
    cat >"$dir/etc/apt/apt.conf.d/90memlab" <<'APT'
Acquire::Check-Valid-Until "false";
Acquire::Languages "none";
APT::Install-Recommends "false";
Dpkg::Use-Pty "0";
APT
    cat >"$dir/etc/dpkg/dpkg.cfg.d/90memlab" <<'DPKG'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
DPKG
    printf '#!/bin/sh\n# memlab: packages start no service in this root.\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
    chmod 755 "$dir/usr/sbin/policy-rc.d"
    if [ "$EXPERIMENTAL" -eq 1 ]; then
        # "apt-get -t experimental" would take every package from there: its php-common
        # (2:102~ here) Breaks php8.5-common. Only the PHP versions come from experimental.
        for v in $SERVES; do
            pins+=" php$v-*"
        done
        printf 'Package:%s\nPin: release a=experimental\nPin-Priority: 500\n' "$pins" >"$dir/etc/apt/preferences.d/memlab"
    fi
}

# apt_install DIR PKG...: apt-get update and install in the root (mounted), then drop the .debs.
apt_install() {
    local dir=$1
    shift
    cp -L /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    logged "apt-get update in $dir" chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin apt-get update
    logged "apt-get install $* in $dir" chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
    chroot "$dir" apt-get clean
}

# write_stamp DIR PKG...: the stamp that root_current reads.
write_stamp() {
    local dir=$1
    shift
    {
        echo "made_epoch=$(date +%s)"
        echo "made=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "recipe=$RECIPE"
        echo "suite=$SUITE"
        echo "serves=$SERVES"
        echo "mirror=$MIRROR"
        echo "packages=$*"
    } >"$dir/$STAMP"
}

# make_root: a new root at ROOTS/NAME, made next to it and swapped in once complete.
make_root() {
    local why=$1 wanted
    check_mirror
    wanted=$(wanted_packages)
    NEW=$ROOTS/$NAME.new
    # What an interrupted making or swap may have left.
    remove_root "$NEW"
    remove_root "$ROOTS/$NAME.old"
    say "making the Debian $SUITE root $ROOTS/$NAME ($why): debootstrap --variant=minbase $SUITE, then PHP $SERVES; a few minutes"
    local start=$SECONDS
    logged "debootstrap --variant=minbase $SUITE $NEW $MIRROR" debootstrap --variant=minbase "$SUITE" "$NEW" "$MIRROR"
    configure_root "$NEW"
    mount_root "$NEW"
    # shellcheck disable=SC2086
    apt_install "$NEW" $wanted
    unmount_root
    # shellcheck disable=SC2086
    write_stamp "$NEW" $wanted
    # The swap is two renames; a signal in between would leave no root at all.
    SWAPPING=1
    [ ! -d "$ROOTS/$NAME" ] || mv "$ROOTS/$NAME" "$ROOTS/$NAME.old"
    mv "$NEW" "$ROOTS/$NAME"
    NEW=
    SWAPPING=0
    [ -z "$PENDING" ] || interrupted "$PENDING"
    remove_root "$ROOTS/$NAME.old"
    say "made $ROOTS/$NAME in $((SECONDS - start)) s"
}

# add_missing_packages: installs into the current root what it lacks (a package list that grew).
add_missing_packages() {
    local wanted missing=() p
    wanted=$(wanted_packages)
    for p in $wanted; do
        # shellcheck disable=SC2016  # dpkg-query's format, not ours
        chroot "$ROOT" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    check_mirror
    say "installing ${missing[*]} into $ROOT"
    mount_root "$ROOT"
    apt_install "$ROOT" "${missing[@]}"
    unmount_root
    # shellcheck disable=SC2086
    write_stamp "$ROOT" $wanted
}

# copy_tree DEST: the tree's files as git lists them (tracked and new, not ignored: no build
# products), with their times, so that the build in the root starts clean.
copy_tree() {
    local dest=$1
    mkdir -p "$dest"
    git -C "$MEMLAB_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
        || die "--php copies the tree as git lists it: $MEMLAB_ROOT is not a git checkout"
    (
        cd "$MEMLAB_ROOT"
        git ls-files -z -c -o --exclude-standard | while IFS= read -r -d '' f; do
            # A file deleted but not yet committed is still listed.
            if [ -e "$f" ] || [ -L "$f" ]; then
                printf '%s\0' "$f"
            fi
        done | tar --null -T - -cf -
    ) | tar -xf - -C "$dest" || die "cannot copy the tree into $dest"
}

# run_lane TEST...: test.sh plain in the root with PHP X.Y first in PATH; returns its status.
run_lane() {
    local bin=$RUN/bin inside=${RUN#"$ROOT"} b
    mkdir -p "$bin"
    for b in php phpize php-config; do
        [ -x "$ROOT/usr/bin/$b$PHP" ] || die "$ROOT has no /usr/bin/$b$PHP: make it again with --refresh-roots"
        ln -s "/usr/bin/$b$PHP" "$bin/$b"
    done
    say "PHP $PHP in $ROOT: the plain lane"
    # shellcheck disable=SC2016  # expanded by the bash in the root
    in_group chroot "$ROOT" /usr/bin/env -i \
        PATH="$inside/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
        HOME=/root LANG=C.UTF-8 \
        bash -c 'cd "$1" && shift && exec bash lab/sh/test.sh plain "$@"' _ "$inside/tree" "$@"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --name) NAME=$2; shift 2 ;;
        --suite) SUITE=$2; shift 2 ;;
        --serves) SERVES=$2; shift 2 ;;
        --experimental) EXPERIMENTAL=1; shift ;;
        --php) PHP=$2; shift 2 ;;
        --packages) PACKAGES=$2; shift 2 ;;
        --refresh) REFRESH=1; shift ;;
        --) shift; break ;;
        -*) die "root.sh: unknown option $1" ;;
        *) break ;;
    esac
done
{ [ -n "$NAME" ] && [ -n "$SUITE" ] && [ -n "$PHP" ] && [ -n "$SERVES" ]; } \
    || die "usage: lab/sh/root.sh --name NAME --suite SUITE --serves 'X.Y ...' [--experimental] --php X.Y [--packages 'PKG ...'] [--refresh] [--] [TEST...]"
[ $# -gt 0 ] || set -- tests
[ "$(id -u)" -eq 0 ] || die "--php needs root: debootstrap, mount and chroot (run as root or with sudo)"
case "$ROOTS" in
    /*[[:space:]]* | *[[:space:]]*) die "MEMLAB_ROOTS must be a path without spaces: '$ROOTS'" ;;
    /*) ;;
    *) die "MEMLAB_ROOTS must be an absolute path: '$ROOTS'" ;;
esac

trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

command -v debootstrap >/dev/null || die "debootstrap is not installed (Debian: debootstrap)"
mkdir -p "$ROOTS"
LOG=$(mktemp)
# One memlab at a time in a root: making, refreshing or running in it.
exec 7>"$ROOTS/$NAME.lock"
if ! flock -n 7; then
    say "waiting for another memlab using the $NAME root ($ROOTS/$NAME.lock)"
    flock 7
fi

ROOT=$ROOTS/$NAME
if [ "$REFRESH" -eq 1 ]; then
    make_root "--refresh-roots"
elif ! why=$(root_current "$ROOT"); then
    make_root "$why"
else
    say "using the Debian $SUITE root $ROOT, made $(stamp_get "$ROOT/$STAMP" made)"
    add_missing_packages
fi

mount_root "$ROOT"
RUN=$(mktemp -d "$ROOT/tmp/memlab.XXXXXX")
# Readable by all, as a clone is: some tests run the lab as another user.
chmod 755 "$RUN"
copy_tree "$RUN/tree"
status=0
run_lane "$@" || status=$?
cleanup
exit "$status"
