#!/bin/sh
# Quality against the file's size, before and after: `vigie corpus generate` files (the probe's `generate` is the
# same generator call) at several sizes, same seed and profile, each deduplicated by probe-before and probe-after
# (make-probe.sh). Then the persons of the largest file hashed into 1/58 are deduplicated alone, and each of their
# true pairs is compared, alone and inside the big file (compare.py: which levels and alerts flip).
# Usage: Benchmarks/size/run.sh PROBES_DIR OUT_DIR "5900 58000 580000" [seed]
set -eu
P=$1; OUT=$2; SIZES=$3; SEED=${4:-7}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
for n in $SIZES; do
  [ -f "$OUT/data-$n/truth.csv" ] || "$P/probe-after" generate "$n" "$SEED" "$OUT/data-$n"
  for v in before after; do
    printf '%s persons, %s (load %s): ' "$n" "$v" "$(cut -d' ' -f1 /proc/loadavg)"
    "$P/probe-$v" measure "$OUT/data-$n" - "$OUT/pairs-$n-$v.tsv"
  done
done
BIG=$(echo "$SIZES" | tr ' ' '\n' | sort -n | tail -1)
python3 "$HERE/subsample.py" "$OUT/data-$BIG" "$OUT/sub-$BIG" 58
"$P/probe-before" measure "$OUT/sub-$BIG" - "$OUT/pairs-sub-$BIG-before.tsv"
python3 "$HERE/compare.py" "$OUT/pairs-sub-$BIG-before.tsv" "$OUT/pairs-$BIG-before.tsv" 12
