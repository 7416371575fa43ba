# Build and install `vigie` (Debian Linux; see README "Install").
#   make install                    -> /usr/local/bin/vigie
#   make install PREFIX=$HOME/.local
# The binary carries its data (COG, name lists, CNDA identities) and the Swift runtime (--static-swift-stdlib):
# at run time it needs only libicu and libsqlite3 (Debian: libicu72, libsqlite3-0).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SWIFT ?= swift
SWIFT_FLAGS ?= -c release --static-swift-stdlib

.PHONY: build install uninstall test docker-smoke-test

build:
	$(SWIFT) build $(SWIFT_FLAGS) --product vigie

install: build
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 0755 "$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/vigie" "$(DESTDIR)$(BINDIR)/vigie"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/vigie"

test:
	$(SWIFT) test

docker-smoke-test:
	scripts/docker-smoke-test.sh
