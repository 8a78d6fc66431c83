#!/usr/bin/env bash
# Installs the Debian packages httpdiag needs to build, test, demo and benchmark.
# Idempotent and quiet when everything is present. Usage: scripts/install-deps.sh [build|test|bench]
set -euo pipefail
level=${1:-test}

packages=(libcurl4-openssl-dev libssl-dev zlib1g-dev pkg-config ca-certificates openssl util-linux)  # build; the lab uses openssl and setpriv
if [[ $level == test || $level == bench ]]; then
  packages+=(openssl dnsmasq-base iproute2 curl util-linux prometheus)                 # test servers (setpriv), promtool
fi
if [[ $level == bench ]]; then
  packages+=(hyperfine time)
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
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
