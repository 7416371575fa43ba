#!/usr/bin/env bash
# Measures how long loading the COG table takes (read + parse of Sources/VigieIdentity/Resources/cog.txt),
# built with -O outside SwiftPM so that it runs in seconds. The target is <= 50 ms at start (issue 3).
# Usage: scripts/cog-load-time.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/main.swift" <<'SWIFT'
import Foundation
extension Bundle { static let module = Bundle.main }
let path = CommandLine.arguments[1]
var best = Double.infinity
var first = -1.0
for _ in 0..<10 {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let data = FileManager.default.contents(atPath: path)!
    let cog = try! COG(table: [UInt8](data))
    let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    if first < 0 { first = ms }
    best = min(best, ms)
    precondition(cog.count > 39_000)
}
print(String(format: "COG load (read + parse): first %.1f ms, best of 10 %.1f ms", first, best))
SWIFT
S=Sources/VigieIdentity
swiftc -O -o "$work/cog-load-time" "$work/main.swift" $S/COG.swift $S/BirthPlace.swift $S/BirthPlaceError.swift \
    $S/BirthDate.swift $S/BirthDateError.swift
"$work/cog-load-time" $S/Resources/cog.txt
