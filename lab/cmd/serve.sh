# summary: start php -S on 127.0.0.1 with memory.so and the lab's pages, and show what to curl
# shellcheck shell=bash

# shellcheck source=lab/src/lab.sh
. "$MEMLAB_ROOT/lab/src/lab.sh"

cmd_serve() {
    local port=8080
    while [ $# -gt 0 ]; do
        case "$1" in
            -h|--help)
                cat <<USAGE
Usage: ./memlab serve [--port N]

The seed's manual setup, ready made: builds memory.so if needed and runs
  php -n -d extension=memory.so -d memory.report=1 -S 127.0.0.1:PORT -t tests/inc/pages
in the foreground (Ctrl-C stops it), on a private copy of memory.so.
memory.report=1 adds one line per request to the console: what the request leaked, what was reclaimed, what is retained.
It prints the curl commands to try; watch the server from another terminal
with ./memlab watch --port PORT (the seed's "top" step).

Options:
  --port N   the port on 127.0.0.1 (default 8080)
USAGE
                return 0
                ;;
            --port) [ $# -ge 2 ] || die "--port needs a value"; port=$2; shift ;;
            --port=*) port=${1#--port=} ;;
            *) die "serve: unknown option '$1' (see ./memlab serve --help)" ;;
        esac
        shift
    done
    if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
        die "--port must be from 1 to 65535, '$port' given"
    fi

    build
    lab_private_so # a later build in this tree must not pull memory.so from under the server
    exec 9>&- # the build lock: not held while serving
    local url="http://127.0.0.1:$port/leak.php"
    cat >&2 <<TRY
memlab: php -S on http://127.0.0.1:$port with memory.so and tests/inc/pages (Ctrl-C to stop)

In another terminal, watch the server the way the seed watched top:
  ./memlab watch --port $port
and in a third one, leak:
  curl '$url?alloc=malloc'           # VIRT +2 MiB per request, kept for the process's life
  curl '$url?alloc=malloc&touch=1'   # the pages written: RES +2 MiB too
  curl '$url?alloc=emalloc'          # reclaimed at the end of the request: flat
  curl '$url?alloc=pemalloc'         # persistent allocator: kept, like malloc
  curl '$url?alloc=emalloc&count=8'  # 16 MiB in one request, all reclaimed after it
  curl '$url?alloc=emalloc&count=70' # past memory_limit (128M): PHP's fatal error
  curl '$url?alloc=none'             # just memory_stats()
Every answer is JSON: pid, result, stats (memory_stats()) and error.

TRY
    # Ctrl-C reaches php -S from the terminal; this shell only waits and then cleans up.
    trap 'true' INT
    local status=0
    "$PHP_BIN" -n -d "extension=$MEMORY_SO" -d memory.report=1 -S "127.0.0.1:$port" -t "$MEMLAB_ROOT/tests/inc/pages" || status=$?
    trap - INT
    lab_drop_so
    [ "$status" -ne 130 ] || status=0
    return "$status"
}
