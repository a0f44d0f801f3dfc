#!/usr/bin/env bash
# Cold build time of the crate against its dependencies alone.
#
#   benchmarks/benches/buildtime.sh [RUNS] [-- CARGO_BUILD_ARGS...]   (default: 5 -- --no-default-features)
#   benchmarks/benches/buildtime.sh 3 -- --all-features
#
# "Dependencies alone" is a scratch crate with an empty lib.rs and the same
# non-optional [dependencies] lines and Cargo.lock. Each run builds both from
# a fresh target directory (debug profile, as `cargo build` does), the two
# alternating so that a change in the machine's load hits both; the medians
# give the ratio. Also printed: the crate alone rebuilt after `cargo clean
# -p qlik-events`, incrementally as in this repository and not, as it builds
# when it is someone's registry dependency.
set -euo pipefail
cd "$(dirname "$0")/../.."   # the repository root
root=$PWD

runs=${1:-5}
shift || true
[ "${1:-}" = "--" ] && shift
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--no-default-features)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/deps/src"
: >"$scratch/deps/src/lib.rs"
# The [dependencies] table's lines: without the optional ones, or with
# them (made required) for --all-features. Features the crate's own
# features switch on in a dependency (`chrono/clock`) are not added, so
# that figure's dependencies are slightly undercounted.
all=0
for a in "${args[@]}"; do [ "$a" = --all-features ] && all=1; done
{
    printf '[package]\nname = "deps-alone"\nversion = "0.0.0"\nedition = "2024"\n\n[dependencies]\n'
    awk -v all=$all '/^\[/{on = ($0 == "[dependencies]"); next}
        on && NF && !/^#/ {
            if (/optional *= *true/) { if (!all) next; sub(/, *optional *= *true/, "") }
            print
        }' Cargo.toml
} >"$scratch/deps/Cargo.toml"
cp Cargo.lock "$scratch/deps/"
cold() { # dir -> seconds
    local dir=$1 target=$scratch/target-$(basename "$1")
    rm -rf "$target"
    local s e
    s=$(date +%s.%N)
    if [ "$dir" = "$root" ]; then
        (cd "$dir" && CARGO_TARGET_DIR=$target cargo build -q "${args[@]}" >/dev/null 2>&1)
    else
        (cd "$dir" && CARGO_TARGET_DIR=$target cargo build -q >/dev/null 2>&1)
    fi
    e=$(date +%s.%N)
    echo "$e - $s" | bc
}
rebuild() { # incremental(0|1) -> seconds, crate only
    local target=$scratch/target-$(basename "$root")
    CARGO_INCREMENTAL=$1 CARGO_TARGET_DIR=$target cargo build -q "${args[@]}" >/dev/null 2>&1
    CARGO_TARGET_DIR=$target cargo clean -q -p qlik-events
    local s e
    s=$(date +%s.%N)
    CARGO_INCREMENTAL=$1 CARGO_TARGET_DIR=$target cargo build -q "${args[@]}" >/dev/null 2>&1
    e=$(date +%s.%N)
    echo "$e - $s" | bc
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

deps=() full=() inc=() noninc=()
for _ in $(seq "$runs"); do
    deps+=("$(cold "$scratch/deps")")
    full+=("$(cold "$root")")
done
for _ in $(seq "$runs"); do
    inc+=("$(rebuild 1)")
    noninc+=("$(rebuild 0)")
done
d=$(median "${deps[@]}") f=$(median "${full[@]}")
echo "cargo build ${args[*]}, $runs runs each, medians:"
echo "  dependencies alone:        $d s   (runs: ${deps[*]})"
echo "  crate and dependencies:    $f s   (runs: ${full[*]})"
echo "  the crate adds:            $(echo "scale=3; $f - $d" | bc) s = $(echo "scale=1; 100 * ($f - $d) / $d" | bc)% of the dependencies' time"
echo "  crate alone, incremental:  $(median "${inc[@]}") s   (as in this repository)"
echo "  crate alone, not:          $(median "${noninc[@]}") s   (as a registry dependency)"
