#!/usr/bin/env bash
# Installs the Debian packages httpdiag needs to build, test, demo and benchmark.
# Idempotent and quiet when everything is present. Usage: scripts/install-deps.sh [build|test|bench]
set -euo pipefail
level=${1:-test}

packages=(libcurl4-openssl-dev libssl-dev zlib1g-dev libidn2-dev pkg-config ca-certificates openssl util-linux)  # build (libidn2: IDNA as libcurl does it); the lab uses openssl and setpriv
if [[ $level == test || $level == bench ]]; then
  packages+=(openssl dnsmasq-base iproute2 curl util-linux prometheus)                 # test servers (setpriv), promtool
  packages+=(nginx apache2 haproxy varnish python3-gunicorn python3-uvicorn)      # the real-server lab (Tests/HTTPDiagCoreTests/RealServerLab)
fi
if [[ $level == bench ]]; then
  packages+=(hyperfine time linux-perf)  # linux-perf: `perf record -g` of a fleet run, to see where a probe's CPU goes
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "installing: ${missing[*]}"
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# apache2, nginx, haproxy and varnish start their daemon on install (ports 80, 6081, ...): the tests
# run their own on free loopback ports, so no service may start while these packages are installed.
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  trap '$sudo rm -f "$policy"' EXIT
fi
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
