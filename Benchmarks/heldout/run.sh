#!/bin/sh
# Generates the held-out set, deduplicates it and scores the result.
# Usage: Benchmarks/heldout/run.sh VIGIE_BINARY OUT_DIR [extra vigie dedupe options]
set -eu
VIGIE=$1; OUT=$2; shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
python3 "$HERE/generate.py" --persons 10000 --seed 20261202 --out "$OUT/data"
"$VIGIE" dedupe "$OUT/data/records.csv" --out "$OUT/dedupe" --quiet "$@" 2> "$OUT/dedupe.stderr" || true
"$VIGIE" evaluate --truth "$OUT/data/truth.csv" --clusters "$OUT/dedupe/clusters.csv" --pairs "$OUT/dedupe/pairs.csv" > "$OUT/evaluate.txt"
python3 "$HERE/analyse.py" "$OUT/data" "$OUT/dedupe" > "$OUT/analyse.txt"
