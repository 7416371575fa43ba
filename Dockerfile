# vigie in a container: `vigie worker` on a volume-mounted store, or any other command.
#
#   docker build -t vigie .
#   docker run --rm -i -v vigie-data:/data vigie worker --store /data/ri.sqlite
#   docker run --rm vigie --version
#
# Build stage: the official Swift image (Debian 12 "bookworm", Swift 6.3: the only toolchain the code is built and
# tested with — C23 `#embed` needs its clang), which must be pulled from a
# registry. Run stage: Debian slim with the two C libraries vigie links (ICU, SQLite); the Swift runtime is linked
# statically and the data (COG, name lists, CNDA test identities) is compiled into the binary.
# scripts/docker-smoke-test.sh builds this image and runs the smoke test when docker is available.

ARG SWIFT_IMAGE=swift:6.3-bookworm
FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libicu-dev libsqlite3-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY corpus ./corpus
RUN swift build -c release --static-swift-stdlib --product vigie \
    && install -D -m 0755 "$(swift build -c release --static-swift-stdlib --show-bin-path)/vigie" /out/vigie

FROM debian:bookworm-slim
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libicu72 libsqlite3-0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /data --create-home vigie
COPY --from=build /out/vigie /usr/local/bin/vigie
COPY LICENSE NOTICE /usr/share/doc/vigie/
USER vigie
WORKDIR /data
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/vigie"]
CMD ["worker", "--store", "/data/ri.sqlite"]
