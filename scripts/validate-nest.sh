#!/usr/bin/env bash
# Validates `humam export nest` on the notebook's network (scaling 0.006, chi 1, seed 2903,
# 2000 ms, 1 thread) against the original's NEST run (Tests/Fixtures/downscaled) and, once
# `humam simulate` exists, humam's engine against NEST on the same export. See docs/nest-export.md.
#   1. Fidelity of run_nest.py: the export with the original's own tables substituted must make
#      NEST reproduce the original's spikes exactly (1,509,225 spikes, same senders and times).
#      humam analyze / fc run on that NEST folder; analyze's rates equal the original analysis's.
#   2. NEST on humam's export vs the original's run: population rates within the spread of two
#      valid simulations (humam's tables differ from the original's in a few synapse numbers).
#   3. humam simulate vs NEST on the same export: the same criterion.
# Needs python3 with nest (pip install nest-simulator) and numpy. About 3-5 minutes.
# Usage: scripts/validate-nest.sh [WORK_DIR]   (default: a temporary folder, removed at the end)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
reference="Tests/Fixtures/downscaled"
python3 -c "import nest, numpy" >/dev/null 2>&1 || {
    echo "error: python3 cannot import nest and numpy; install them with: pip install nest-simulator" >&2; exit 1; }
if [ $# -ge 1 ]; then work="$1"; mkdir -p "$work"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
compare="python3 scripts/nest_compare.py"
options=(--scaling 0.006 --downscaling original --fullscale-rates notebooks-data/base_theory_rates.csv --chi 1 --seed 2903 --t-sim 2000 --threads 1)

build_log="$(swift build -c release --product humam 2>&1)" || { echo "$build_log" >&2; exit 1; }
humam="$(swift build -c release --show-bin-path)/humam"
"$humam" export nest "${options[@]}" --out "$work/export"

echo "== 1. run_nest.py with the original's tables reproduces the original's NEST run"
$compare substitute "$work/export" "$reference" "$work/export-original-tables"
python3 "$work/export-original-tables/run_nest.py" --out "$work/nest-original-tables" | grep -E "^(built|simulated)"
$compare same-spikes "$work/nest-original-tables" "$reference/spikes.tsv.gz"
cmp "$work/nest-original-tables/population_GIDs.dat" "$reference/population_GIDs.dat" && echo "population_GIDs.dat identical"
echo "-- humam analyze and humam fc read the NEST run folder unchanged; rates equal the original analysis's"
"$humam" analyze --run "$work/nest-original-tables" --no-figures | tail -1
$compare same-rates "$work/nest-original-tables/analysis/population_statistics.csv" "$reference/rates_sim.csv"
"$humam" fc --run "$work/nest-original-tables" --no-figures | tail -1

echo "== 2. NEST on humam's export vs the original's run"
python3 "$work/export/run_nest.py" --out "$work/nest" | grep -E "^(built|simulated)"
$compare rates "$work/nest" "$work/nest-original-tables" --label-a "NEST(humam export)" --label-b "original"

echo "== 3. humam simulate vs NEST on the same network"
if "$humam" --help | grep -qE "^ +simulate( |$)"; then
    "$humam" simulate "${options[@]}" --out "$work/humam"
    $compare rates "$work/humam" "$work/nest" --label-a humam --label-b NEST
else
    echo "skipped: this humam has no 'simulate' command yet"
fi
