#!/usr/bin/env bash
# The benchmarks moved to the workspace package `benchmarks/`; this path
# still works.
exec "$(dirname "$0")/../benchmarks/benches/instructions.sh" "$@"
