# httpdiag in a container: the image of the Kubernetes CronJob in docs/scheduling.md.
#   docker build -t registry.example.com/httpdiag:0.1.0 .
#   docker run --rm registry.example.com/httpdiag:0.1.0 check https://example.com/
# Build steps are the repository's own make targets (make install), so what CI tests is what
# the image runs. Not built in CI (no Docker engine there).
#
# The binary links the Swift runtime statically (--static-swift-stdlib, as make release does):
# no Swift runtime in the final image; libcurl, OpenSSL, zlib, libidn2 and SQLite come from
# Debian (libcurl wants its system CA store and resolver). Not a fully static binary: that needs
# the Static Linux SDK (musl) and static builds of libcurl and OpenSSL, which Debian does not ship.

ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
WORKDIR /src
# The build dependencies first: a layer that only changes with the script.
COPY scripts/install-deps.sh scripts/install-deps.sh
# libsqlite3-dev: GRDB links the system SQLite (the Swift image has the library, not its header).
RUN scripts/install-deps.sh build \
    && apt-get update -qq && apt-get install -y -qq --no-install-recommends libsqlite3-dev
COPY . .
# The release binary (static Swift runtime), its man page and completions, under /out/usr/local.
RUN make install PREFIX=/usr/local DESTDIR=/out \
    && /out/usr/local/bin/httpdiag --version

FROM ${RUNTIME_IMAGE}
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       libcurl4 libssl3 zlib1g libidn2-0 libsqlite3-0 libstdc++6 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr/local/ /usr/local/
# Non-root: state, reports and the textfile go under /state (a volume in the CronJob).
RUN useradd --system --uid 10001 --user-group --home-dir /state --create-home httpdiag
USER 10001:10001
WORKDIR /state
ENV XDG_STATE_HOME=/state
# The built-in playbooks are compiled in: this proves the binary diagnoses without Playbooks/.
RUN httpdiag --version && httpdiag playbooks list > /dev/null
ENTRYPOINT ["httpdiag"]
CMD ["--help"]
