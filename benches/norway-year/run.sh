#!/usr/bin/env bash
# romerike-year and norway-year, release, side by side in one run.
#
#   bash benches/norway-year/run.sh [RUNS] [THREADS]      (default 11 runs; threads: one per core)
#
# Builds both examples, then runs them alternately RUNS times each (default seed, files into a
# temporary folder), timing each process's wall time in nanoseconds and its CPU time (user +
# system, from /usr/bin/time when present). Prints the load before and after, each example's
# median and best wall time and mean CPU time, and the ratios norway-year / romerike-year. The
# machine may be shared: the CPU ratio does not depend on the load, the wall ratio does.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-11}"
THREADS="${2:-}"
cargo build -q --release -p krisesenter-sim --example romerike-year --example norway-year
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$RUNS"); do
  for ex in romerike-year norway-year; do
    args=(--out "$tmp/$ex")
    if [ "$ex" = norway-year ] && [ -n "$THREADS" ]; then args+=(--threads "$THREADS"); fi
    start=$(date +%s%N)
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f "%U %S" -o "$tmp/cpu" "target/release/examples/$ex" "${args[@]}" > /dev/null 2>&1
      cpu=$(awk '{print $1 + $2}' "$tmp/cpu")
    else
      "target/release/examples/$ex" "${args[@]}" > /dev/null 2>&1
      cpu=nan
    fi
    end=$(date +%s%N)
    echo "$ex $(( (end - start) / 1000 )) $cpu" >> "$tmp/times"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v runs="$RUNS" '
  { wall[$1] = wall[$1] " " $2; cpu[$1] += $3 }
  END {
    for (ex in wall) {
      n = split(substr(wall[ex], 2), w, " ")
      # insertion sort (n is small)
      for (i = 2; i <= n; i++) { v = w[i]; j = i - 1; while (j > 0 && w[j] > v) { w[j + 1] = w[j]; j-- } w[j + 1] = v }
      med[ex] = (n % 2) ? w[(n + 1) / 2] : (w[n / 2] + w[n / 2 + 1]) / 2
      best[ex] = w[1]
      mcpu[ex] = cpu[ex] / n
      printf "%-14s wall median %8.1f ms, best %8.1f ms; CPU mean %6.3f s (%d runs)\n", ex, med[ex] / 1000, best[ex] / 1000, mcpu[ex], n
    }
    r = "romerike-year"; y = "norway-year"
    printf "ratio norway-year / romerike-year: wall median %.1fx, best %.1fx", med[y] / med[r], best[y] / best[r]
    if (mcpu[r] > 0) printf ", CPU %.1fx", mcpu[y] / mcpu[r]
    printf "\n"
  }' "$tmp/times"
