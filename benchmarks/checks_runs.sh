#!/usr/bin/env bash
# `make test` three times beside two CPU-bound processes, then three times on its own.
# Prints, per run: exit code, wall seconds, the machine's busy CPU seconds (from /proc/stat, so
# it counts the grader's sandboxed processes that wait4 misses) and each stage's line.
# Usage: benchmarks/checks_runs.sh [LOGDIR]   (several minutes; not part of make bench)
set -uo pipefail
cd "$(dirname "$0")/.."
logs=${1:-$(mktemp -d)}
tick=$(getconf CLK_TCK)
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
run() {  # label
  local b0 s e b1 rc
  b0=$(busy); s=$(date +%s.%N)
  make test >"$logs/$1.log" 2>&1; rc=$?
  e=$(date +%s.%N); b1=$(busy)
  printf '%s rc=%s wall=%.1f s busy_cpu=%.0f s load_before=%s |%s\n' "$1" "$rc" "$(echo "$e - $s" | bc)" \
    "$(echo "($b1 - $b0) / $tick" | bc -l)" "$2" \
    "$(grep -E '^  (unit|lessons|sixth|grading) ' "$logs/$1.log" | awk '{printf " %s %s s;", $1, $2}')"
}
for i in 1 2 3; do
  python3 -c 'while 1: pass' & a=$!; python3 -c 'while 1: pass' & b=$!
  run "loaded-$i" "$(cut -d' ' -f1 /proc/loadavg)"
  kill "$a" "$b"; wait "$a" "$b" 2>/dev/null
done
for i in 1 2 3; do
  sleep 10
  run "idle-$i" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "logs in $logs"
