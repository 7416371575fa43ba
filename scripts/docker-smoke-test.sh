#!/usr/bin/env bash
# Builds the Dockerfile's image and checks that the container answers: --version, a worker session (an A28 and
# a JSON stats request on stdin), and corpus generate (data compiled in, no source tree in the image).
# Runs only where docker is available and can reach a registry for the build stage's Swift image; elsewhere it
# says so and exits 0 (it is not part of `swift test`: this project's build machine has no docker).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
    echo "docker-smoke-test: docker is not available here; nothing run" >&2
    exit 0
fi

image=${VIGIE_IMAGE:-vigie:smoke-test}
docker build -t "$image" .

version=$(docker run --rm "$image" --version)
expected=$(sed -n 's/.*current = "\(.*\)".*/\1/p' Sources/Vigie/Version.swift)
[ "$version" = "$expected" ] || { echo "docker-smoke-test: --version printed '$version', expected '$expected'" >&2; exit 1; }

a28='MSH|^~\&|GAM|CHU-X|VIGIE|CHU-X|20260101120000||ADT^A28^ADT_A05|1|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8\rEVN||20260101120000\rPID|1||100^^^CHU-X&000897406&N^PI||MARTIN^ALICE^ALICE^^^^L||19800101|F|||^^^^^^BDL^^75056'
answers=$(printf '%b\n%s\n' "$a28" '{"id":"s","op":"stats"}' | docker run --rm -i "$image" worker --store /data/ri.sqlite)
echo "$answers" | tr '\r' '\n' | grep -q '^MSA|AA|1$' || { echo "docker-smoke-test: no AA for the A28: $answers" >&2; exit 1; }
echo "$answers" | grep -q '"activeIdentities":1' || { echo "docker-smoke-test: stats: $answers" >&2; exit 1; }

docker run --rm "$image" corpus generate --persons 20 --seed 1 --out /tmp/c >/dev/null
echo "docker-smoke-test: ok ($image, vigie $version)"
