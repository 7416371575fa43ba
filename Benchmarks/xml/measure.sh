#!/usr/bin/env bash
# Before/after measurement of the INSi XML parser on hostile bodies (issue #18 §7.3), recorded in docs/insi.md.
# Usage: Benchmarks/xml/measure.sh [BEFORE_COMMIT]   (default: the commit before the linear parser)
# Compiles Sources/VigieINSi/XML/*.swift of BEFORE_COMMIT and of the working tree with this driver (swiftc -O),
# then parses each body with GNU time for wall time and peak RSS. The old parser runs under `ulimit -v 4 GiB`
# so that its quadratic memory cannot take the machine down: "killed" there means it needed more.
set -euo pipefail
cd "$(dirname "$0")"
root=$(git rev-parse --show-toplevel)
before=${1:-60b0e0c}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="/opt/swift/usr/bin:$PATH"
mkdir -p "$work/before" "$work/after"
for f in XMLElement.swift XMLParser.swift XMLEscaping.swift; do
    git -C "$root" show "$before:Sources/VigieINSi/XML/$f" > "$work/before/$f"
    cp "$root/Sources/VigieINSi/XML/$f" "$work/after/$f"
done
for v in before after; do
    cp driver.swift "$work/$v/main.swift"
    swiftc -O -module-name XMLMeasure "$work/$v"/*.swift -o "$work/$v/parse"
done
printf '%-22s %-7s %10s %12s  %s\n' body parser wall peak_RSS outcome
for body in "scopes 127000" "scopes 1000000" "attributes 1000000"; do
    set -- $body
    python3 hostile.py "$1" "$2" "$work/body.xml"
    for v in before after; do
        out=$( (ulimit -v 4194304; /usr/bin/time -f '%e s %M KB' "$work/$v/parse" "$work/body.xml") 2>&1 | tr '\n' ' ' ) || true
        printf '%-22s %-7s %s\n' "$1 $(stat -c %s "$work/body.xml")B" "$v" "$out"
    done
done
