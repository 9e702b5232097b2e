#!/usr/bin/env bash
# Peer comparison of the exact placement (krisesenter-rooms `allocate`) with OR-Tools CP-SAT.
#
#   benches/rooms-peer/run.sh
#
# 1. creates a Python venv under target/rooms-peer/venv and pip-installs `ortools`;
# 2. writes the seeded benchmark instances as `allocate` JSON, with our optimum and median
#    time, by running the rooms bench binary with `--export`;
# 3. solves each instance with CP-SAT (one worker) under the same rules and the same
#    lexicographic objective, checks that both reach the same optimum, prints the time ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=target/rooms-peer
venv=$dir/venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check ortools

cargo bench --bench rooms -- --export "$dir/instances"
"$venv/bin/python" -u benches/rooms-peer/cpsat.py "$dir/instances" "$@"
