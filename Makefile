# httpdiag: the two commands that matter are `make demo` and `make test`.
SHELL      := /bin/bash
.SHELLFLAGS := -o pipefail -c
SWIFT      ?= swift
RELEASE    := .build/release/httpdiag
DEBUG      := .build/debug/httpdiag
# Static Swift runtime: faster start-up (no runtime libraries to load and relocate).
RELEASE_FLAGS := -c release --static-swift-stdlib

PREFIX     ?= /usr/local
DESTDIR    ?=

.PHONY: all deps build release demo test bench clean builtin install man install-check

all: build

deps:
	@scripts/install-deps.sh test

# What building needs, no more (make install, the Dockerfile).
.PHONY: deps-build
deps-build:
	@scripts/install-deps.sh build

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

## builtin: regenerate the playbooks compiled into httpdiag from Playbooks/ (Sources/HTTPDiagPlaybooks/Builtin/BuiltinPlaybooks.generated.swift).
builtin:
	@scripts/generate-builtin-playbooks.sh $(SWIFT)

## man: the man page, by argument-parser's generate-manual plugin (.build/man/httpdiag.1; make install does it).
man: deps-build
	$(SWIFT) build $(RELEASE_FLAGS)
	@scripts/manpage.sh $(SWIFT) $(RELEASE) .build/man

## install: the release binary (static Swift runtime), its man page and bash/zsh/fish completions under $(DESTDIR)$(PREFIX).
install: deps-build
	$(SWIFT) build $(RELEASE_FLAGS)
	@scripts/manpage.sh $(SWIFT) $(RELEASE) .build/man
	@scripts/install.sh $(RELEASE) "$(DESTDIR)$(PREFIX)" .build/man/httpdiag.1

## install-check: install under a temporary prefix, then from / diagnose a lab endpoint with the installed binary.
install-check:
	@scripts/install-check.sh

## demo: install what is missing, build, diagnose every lab endpoint, then a fleet run of config.example.json.
demo: release
	@scripts/demo.sh $(RELEASE)

## test: unit and integration tests against real loopback servers (dnsmasq, openssl s_server, lab, the real-server lab: nginx, apache2, haproxy, varnish, gunicorn, uvicorn).
test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build 2>&1 | grep --line-buffered -v -E '^(◇|↳)|  ◇ |started\.$$'
	$(DEBUG) playbooks lint
	$(DEBUG) playbooks test
	$(DEBUG) playbooks eval Playbooks/corpus Playbooks/corpus-heldback

## lint: the formatting every Swift file keeps (.swift-format; `make format` rewrites them so).
.PHONY: lint format
lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive --parallel Sources Tests Package.swift

## eval: top-1/top-3 on the tuned corpus and, separately, on the held-back one (no playbook is written from it).
.PHONY: eval
eval: build
	$(DEBUG) playbooks eval Playbooks/corpus Playbooks/corpus-heldback

## bench: whole-process wall time of `httpdiag check` against curl on the same loopback URL.
bench:
	@scripts/install-deps.sh bench
	$(SWIFT) build $(RELEASE_FLAGS)
	@scripts/bench.sh $(RELEASE)

clean:
	rm -rf .build reports

## fuzz: the property-based fuzz tests with many inputs (HTTPDIAG_FUZZ_SEED=N for another seed).
.PHONY: fuzz
fuzz: deps
	$(SWIFT) build --build-tests
	HTTPDIAG_FUZZ_ITERATIONS=$${HTTPDIAG_FUZZ_ITERATIONS:-20000} $(SWIFT) test --skip-build --filter HTTPDiagFuzzTests
