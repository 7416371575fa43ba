#!/usr/bin/env bash
# Measures the Spark job against `vigie dedupe --model` on one generated corpus, in the same run (docs/spark.md):
# the model trained once, dedupe, then the job at local[1] and local[2]; checks the outputs are byte-identical.
#   Benchmarks/spark/measure.sh PERSONS SEED WORKDIR      (uses .build/release/vigie)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
vigie="$root/.build/release/vigie"
persons="${1:-60000}"; seed="${2:-5}"; work="${3:-/tmp/vigie-spark-bench}"
mkdir -p "$work"
cd "$work"
[ -f c/records.csv ] || "$vigie" corpus generate --persons "$persons" --seed "$seed" --out c >/dev/null
echo "records: $(($(wc -l < c/records.csv) - 1))"
measure() {  # label, command...: wall, CPU (user+sys of the process tree) and peak RSS of the largest process
    local label="$1"; shift
    /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB max RSS" "$@" 2>&1 >/dev/null | grep "^$label:" || true
}
measure train "$vigie" train c/records.csv --out model.json --quiet
measure dedupe "$vigie" dedupe c/records.csv --model model.json --out dedupe --quiet
for master in 'local[1]' 'local[2]'; do
    out="spark-${master//[^0-9]/}"
    rm -rf "$out"
    measure "spark $master" python3 "$root/deploy/spark/vigie-spark" c/records.csv --model model.json --out "$out" \
        --vigie "$vigie" --master "$master" --quiet
    cmp -s "$out/clusters.csv" dedupe/clusters.csv && cmp -s "$out/pairs.csv" dedupe/pairs.csv \
        && echo "spark $master: clusters.csv and pairs.csv identical to dedupe's" \
        || echo "spark $master: OUTPUTS DIFFER"
done
echo "candidate pairs kept by score-blocks: $(($(wc -l < spark-2/candidates.csv) - 1))"
