#!/usr/bin/env bash
# Instructions per event for each parser on the same stream, counted by
# callgrind (repeatable whatever the machine's load), with ratios: the
# vendor-like stream (every parser), the older mixed stream, the serializers.
# Usage: benchmarks/benches/instructions.sh [EVENTS]   (default 20000)
# Then the same for each published example alone (EVENTS/10 copies each).
set -euo pipefail
cd "$(dirname "$0")/../.."   # the repository root
n="${1:-20000}"
bin=$(cargo bench -p qlik-events-benchmarks --bench instructions --no-run 2>&1 | grep -o 'target/[^ )]*/instructions-[0-9a-f]*' | tail -n 1)
[ -x "$bin" ] || { echo "bench binary not found" >&2; exit 1; }
count() {   # MODE EVENTS INPUT
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" "$3" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
declare -A per
# The vendor-like stream (the headline): every parser.
parsers="ignored sonic-value qlik derive-sonic derive-json value cloudevents"
base=$(count baseline "$n" vendor)
for mode in $parsers; do
  per[$mode]=$(( ($(count "$mode" "$n" vendor) - base) / n ))
done
echo "events: $n (vendor-like stream, common::vendor)"
printf '| %-14s | %12s | %13s | %14s |\n' parser "instr/event" "vs IgnoredAny" "vs qlik"
for mode in $parsers; do
  printf '| %-14s | %12s | %12sx | %13sx |\n' "$mode" "${per[$mode]}" \
    "$(ratio "${per[$mode]}" "${per[ignored]}")" "$(ratio "${per[$mode]}" "${per[qlik]}")"
done
# The older mixed stream (common::mixed), as before.
base=$(count baseline "$n" mixed)
for mode in ignored value cloudevents qlik; do
  per[m-$mode]=$(( ($(count "$mode" "$n" mixed) - base) / n ))
done
echo
echo "events: $n (older mixed stream, common::mixed)"
printf '| %-28s | %12s | %10s | %12s |\n' parser "instr/event" "vs Value" "vs IgnoredAny"
for mode in ignored value cloudevents qlik; do
  printf '| %-28s | %12s | %9sx | %11sx |\n' "$mode" "${per[m-$mode]}" \
    "$(ratio "${per[m-value]}" "${per[m-$mode]}")" "$(ratio "${per[m-$mode]}" "${per[m-ignored]}")"
done
# Serializers, on the vendor-like stream.
sbase=$(count ser-baseline "$n" vendor)
for mode in ser-value ser-qlik ser-fast; do
  per[$mode]=$(( ($(count "$mode" "$n" vendor) - sbase) / n ))
done
echo
printf '| %-28s | %12s | %10s |\n' "serializer (vendor-like)" "instr/event" "vs Value"
for mode in ser-value ser-qlik ser-fast; do
  printf '| %-28s | %12s | %9sx |\n' "$mode" "${per[$mode]}" "$(ratio "${per[ser-value]}" "${per[$mode]}")"
done
[ "${FIXTURES:-1}" = 1 ] || exit 0   # FIXTURES=0: the streams only
echo
echo "published examples, one at a time ($(( n / 10 )) copies each)"
printf '| %-52s | %8s | %10s | %10s | %12s |\n' fixture "qlik" "vs Value" "vs cloudev" "vs IgnoredAny"
m=$(( n / 10 ))
for f in tests/fixtures/*.json; do
  name=$(basename "$f" .json)
  fbase=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" baseline "$m" "$name" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  declare -A fper
  for mode in ignored value cloudevents qlik; do
    c=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$mode" "$m" "$name" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    fper[$mode]=$(( (c - fbase) / m ))
  done
  printf '| %-52s | %8s | %9sx | %9sx | %11sx |\n' "$name" "${fper[qlik]}" \
    "$(ratio "${fper[value]}" "${fper[qlik]}")" "$(ratio "${fper[cloudevents]}" "${fper[qlik]}")" \
    "$(ratio "${fper[qlik]}" "${fper[ignored]}")"
done
