# Two entry points for a fresh Debian machine with the Swift toolchain:
#   make site   set up, then build the default site into public/
#   make test   set up, then run the whole test suite
# `make deps` alone installs the system library sitegen links against.

SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
SWIFT ?= swift

.PHONY: site test deps release clean

site: deps
	$(SWIFT) build -c release --product sitegen
	./.build/release/sitegen build --content Content --templates Templates --output public

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# libcmark (Debian's libcmark-dev) renders the Markdown; pkg-config finds it.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark; then \
		echo "Installing libcmark-dev and pkg-config (apt)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcmark-dev pkg-config >/dev/null; \
	fi
	@pkg-config --exists libcmark || { echo "libcmark not found after install" >&2; exit 1; }

release: deps
	$(SWIFT) build -c release --product sitegen

clean:
	rm -rf .build
