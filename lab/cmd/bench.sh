# summary: time memory_stats() and the leak calls against their C floors (out/bench.json)
# shellcheck shell=bash

cmd_bench() {
    local out="$MEMLAB_ROOT/out" quick=() rounds=() fidelity=(--memlab "$MEMLAB_ROOT/memlab")
    while [ $# -gt 0 ]; do
        case "$1" in
            -h|--help)
                cat <<USAGE
Usage: ./memlab bench [--quick] [--rounds N] [--out DIR] [--no-fidelity]

Builds memory.so, compiles the floor program (lab/bench/floor.cpp) with g++ -O2
into a temporary folder, and runs lab/bench.php with php -n and the extension:

  memory_stats() per call against the userland ways (statm + explode,
  status + regex) and the floor (a bare pread of statm + mallinfo2() in C++),
  interleaved in one process; the targets are printed beside the results.

  leak_emalloc(2 MiB) with its reclaim, leak_emalloc(64), leak_malloc(2 MiB)
  untouched and touched, each in child processes, against bare C loops of the
  same calls.

  Fidelity: runs ./memlab demo --requests 100 into DIR/fidelity and checks
  its slopes against what the allocators do exactly (malloc: 2 MiB + 1 page
  per request; emalloc: no drift; fpm: the sawtooth's period is
  pm.max_requests).

Prints the tables and writes DIR/bench.json. Takes 1 to 1.5 minutes (--quick:
about half). Timings are CPU time, medians of several rounds on a shared machine; they
never gate CI. A missed target is printed as MISSED; the exit status is 0
whenever the benchmark ran.

Options:
  --quick      fewer rounds and smaller batches
  --rounds N   rounds of the memory_stats() comparison (default 31, quick 9);
               the leak calls get a third of that, at least 3
  --out DIR    where bench.json goes (default: out/)
  --no-fidelity
               skip the ./memlab demo run
USAGE
                return 0
                ;;
            --quick) quick=(--quick) ;;
            --no-fidelity) fidelity=() ;;
            --rounds)
                [ $# -ge 2 ] || die "--rounds needs a number"
                [[ $2 =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a positive number, not '$2'"
                rounds=(--rounds "$2")
                shift
                ;;
            --rounds=*)
                [[ ${1#--rounds=} =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a positive number"
                rounds=(--rounds "${1#--rounds=}")
                ;;
            --out)
                [ $# -ge 2 ] || die "--out needs a folder"
                out=$2
                shift
                ;;
            --out=*) out=${1#--out=} ;;
            *) die "bench: unknown option '$1' (see ./memlab bench --help)" ;;
        esac
        shift
    done

    build
    command -v g++ >/dev/null || need_packages g++
    mkdir -p "$out" || die "cannot create $out"
    out=$(cd "$out" && pwd)

    # Bench a private copy of memory.so, then let go of the build lock: a rebuild by
    # ./memlab test while the benchmark runs must not rewrite the loaded library.
    local work
    work=$(mktemp -d)
    # shellcheck disable=SC2064
    trap "rm -rf '$work'" EXIT
    cp "$MEMORY_SO" "$work/memory.so"
    exec 9>&-

    say "g++ -O2 lab/bench/floor.cpp"
    g++ -O2 -std=c++17 -Wall -Wextra -Werror -o "$work/floor" "$MEMLAB_ROOT/lab/bench/floor.cpp" \
        || die "cannot build the floor program"

    # The bench process itself never leaks: memory.max_leak=0 turns a stray leak into an error.
    # Each leak child gets its own exact budget from bench.php.
    "$PHP_BIN" -n -d extension="$work/memory.so" -d memory.max_leak=0 \
        "$MEMLAB_ROOT/lab/bench.php" --floor "$work/floor" --so "$work/memory.so" --out "$out" \
        --cxx "$(g++ --version | head -n1)" "${quick[@]}" "${rounds[@]}" "${fidelity[@]}"
}
