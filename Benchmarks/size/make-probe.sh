#!/bin/sh
# Builds the measurement probe (probe/main.swift: what `vigie dedupe` does, then figures against truth.csv, in one
# process) twice, in release: probe-before on the VigieMatch of commit BEFORE, probe-after on this tree's. Only the
# matching layer and the layers below it are built (no NIO, no SSL, no server): minutes instead of the CLI's
# half hour on a shared machine. The other layers are this tree's in both.
# Usage: Benchmarks/size/make-probe.sh BEFORE_COMMIT OUT_DIR     -> OUT_DIR/probe-before, OUT_DIR/probe-after
set -eu
BEFORE=$1; OUT=$2
REPO=$(cd "$(dirname "$0")/../.." && pwd)
PKG=$OUT/package
mkdir -p "$PKG/Sources" "$PKG/before"
for t in ICU4C CICU VigieSupport VigieText VigieIdentity CIdentityResources CCorpusResources VigieCorpus VigieMatch; do
  ln -sfn "$REPO/Sources/$t" "$PKG/Sources/$t"
done
ln -sfn "$REPO/corpus" "$PKG/corpus"    # CCorpusResources embeds ../../corpus/…
rm -rf "$PKG/before/Sources"
git -C "$REPO" archive "$BEFORE" Sources/VigieMatch | tar x -C "$PKG/before"
ln -sfn "$PKG/before/Sources/VigieMatch" "$PKG/Sources/VigieMatchBefore"
mkdir -p "$PKG/Sources/probe-after" "$PKG/Sources/probe-before"
cp "$REPO/Benchmarks/size/probe/main.swift" "$PKG/Sources/probe-after/main.swift"
cp "$REPO/Benchmarks/size/probe/main.swift" "$PKG/Sources/probe-before/main.swift"
cat > "$PKG/Package.swift" <<'PKG'
// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Probe",
    targets: [
        .systemLibrary(name: "ICU4C", path: "Sources/ICU4C", pkgConfig: "icu-uc icu-i18n"),
        .target(name: "CICU", dependencies: ["ICU4C"]),
        .target(name: "CIdentityResources"),
        .target(name: "CCorpusResources"),
        .target(name: "VigieSupport"),
        .target(name: "VigieText", dependencies: ["CICU"]),
        .target(name: "VigieIdentity", dependencies: ["VigieSupport", "VigieText", "CIdentityResources"], exclude: ["Resources"]),
        .target(name: "VigieCorpus", dependencies: ["VigieText", "VigieIdentity", "CCorpusResources"]),
        .target(name: "VigieMatch", dependencies: ["VigieText", "VigieIdentity"]),
        .target(name: "VigieMatchBefore", dependencies: ["VigieText", "VigieIdentity"]),
        .executableTarget(name: "probe-after", dependencies: ["VigieMatch", "VigieIdentity", "VigieCorpus"]),
        .executableTarget(
            name: "probe-before", dependencies: ["VigieMatchBefore", "VigieIdentity", "VigieCorpus"],
            swiftSettings: [.define("BEFORE")]),
    ]
)
PKG
(cd "$PKG" && swift build -c release)
cp "$PKG/.build/release/probe-before" "$PKG/.build/release/probe-after" "$OUT/"
