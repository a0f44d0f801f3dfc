#!/usr/bin/env bash
# Instructions per event for each parser on the same mixed stream, counted by
# callgrind (repeatable whatever the machine's load), with ratios.
# Usage: benchmarks/benches/instructions.sh [EVENTS]   (default 20000)
# Then the same for each published example alone (EVENTS/10 copies each).
set -euo pipefail
cd "$(dirname "$0")/../.."   # the repository root
n="${1:-20000}"
bin=$(cargo bench -p qlik-events-benchmarks --bench instructions --no-run 2>&1 | grep -o 'target/[^ )]*/instructions-[0-9a-f]*' | tail -n 1)
[ -x "$bin" ] || { echo "bench binary not found" >&2; exit 1; }
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$n" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
base=$(count baseline)
declare -A per
for mode in ignored value cloudevents qlik; do
  per[$mode]=$(( ($(count "$mode") - base) / n ))
done
sbase=$(count ser-baseline)
for mode in ser-value ser-qlik ser-fast; do
  per[$mode]=$(( ($(count "$mode") - sbase) / n ))
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "events: $n (mixed stream, benchmarks/benches/common)"
printf '| %-28s | %12s | %10s | %12s |\n' parser "instr/event" "vs Value" "vs IgnoredAny"
for mode in ignored value cloudevents qlik; do
  printf '| %-28s | %12s | %9sx | %11sx |\n' "$mode" "${per[$mode]}" \
    "$(ratio "${per[value]}" "${per[$mode]}")" "$(ratio "${per[$mode]}" "${per[ignored]}")"
done
echo
printf '| %-28s | %12s | %10s |\n' serializer "instr/event" "vs Value"
for mode in ser-value ser-qlik ser-fast; do
  printf '| %-28s | %12s | %9sx |\n' "$mode" "${per[$mode]}" "$(ratio "${per[ser-value]}" "${per[$mode]}")"
done

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
