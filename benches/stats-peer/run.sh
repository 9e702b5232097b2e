#!/usr/bin/env bash
# The `report` command against DuckDB on the same generated input.
#
#   bash benches/stats-peer/run.sh [STAYS]      (default 1000000)
#
# 1. generates a shelter-year of STAYS stays with the workspace's seeded generator (seed 2026)
#    as the JSON input of `report` (target/stats-peer/data/input.json);
# 2. runs `krisesenter-cli report --input FILE` (release build; the time is the process's wall
#    time, reading, parsing, validating, aggregating and writing included);
# 3. runs the same figures in DuckDB SQL (the `duckdb` Python package, installed into a venv under
#    target/), checks that every figure is equal, and prints both times and the ratio.
#
# With BEFORE_CLI=PATH (a krisesenter-cli binary built from an earlier commit) the same file
# is also reported by that binary, best of 3 in the same run, its output checked identical to
# the present one: a before-and-after figure taken under the same load.
set -euo pipefail
cd "$(dirname "$0")/../.."
STAYS="${1:-1000000}"
DATA=target/stats-peer/data
VENV=target/stats-peer/venv

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet duckdb
fi

cargo bench -q --bench stats -- --export "$DATA" "$STAYS"
cargo build -q --release --example krisesenter-cli
ls -l "$DATA/input.json"

# Warm the file cache once, then time the CLI end to end (best of 3).
cat "$DATA/input.json" > /dev/null
best=""
for _ in 1 2 3; do
  start=$(date +%s.%N)
  target/release/examples/krisesenter-cli report --input "$DATA/input.json" > "$DATA/cli-output.json"
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
echo "cli: best of 3 = ${best}s (same as: cargo run --release --example krisesenter-cli -- report --input $DATA/input.json)"

if [ -n "${BEFORE_CLI:-}" ]; then
  before=""
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$BEFORE_CLI" report --input "$DATA/input.json" > "$DATA/cli-before-output.json"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$before" ] || [ "$(echo "$t < $before" | bc -l)" = 1 ]; then before=$t; fi
  done
  cmp "$DATA/cli-output.json" "$DATA/cli-before-output.json"
  echo "cli before ($BEFORE_CLI): best of 3 = ${before}s, the same output; now $(echo "$before / $best" | bc -l | cut -c1-5) times faster"
fi

"$VENV/bin/python" benches/stats-peer/peer.py "$DATA/input.json" "$DATA/cli-output.json" "$best"
