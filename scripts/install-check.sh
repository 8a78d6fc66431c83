#!/usr/bin/env bash
# What "installed like a real tool" means, checked: `make install PREFIX=<temporary>` from a
# fresh clone of this repository, then, from /, the installed httpdiag diagnoses a lab endpoint
# (the lab runs from the installed binary too) and prints its cause; its man page, completions
# and --version are there. Usage: scripts/install-check.sh   (make install-check)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
lab=""
# The lab and its openssl servers are stopped by process group, with SIGKILL: the lab does
# not end on SIGTERM while its TLS servers run (a LabTLS issue).
trap '[[ -n $lab ]] && kill -KILL -- "-$lab" 2>/dev/null; rm -rf "$work"' EXIT

# A fresh clone of what is committed (HEAD), built in its own .build.
git clone -q "$repo" "$work/clone"
make -C "$work/clone" install PREFIX="$work/p" SWIFT="${SWIFT:-swift}"

p=$work/p
for f in bin/httpdiag share/man/man1/httpdiag.1 share/bash-completion/completions/httpdiag \
  share/zsh/site-functions/_httpdiag share/fish/vendor_completions.d/httpdiag.fish; do
  [[ -s $p/$f ]] || { echo "install-check: $p/$f missing" >&2; exit 1; }
done
# The lab serves recorded responses of the clone's corpus (read when it starts): it runs from
# the clone's build, then the clone goes, so nothing of the repository is left to find.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
setsid "$work/clone/.build/release/httpdiag" lab --port "$port" > "$work/lab.out" 2>&1 < /dev/null &
lab=$!
disown "$lab"
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthy" && break; sleep 0.1; done
rm -rf "$work/clone"
out=$(cd / && "$p/bin/httpdiag" check "http://127.0.0.1:$port/cloudfront-s3-oai-403" || true)
echo "$out" | head -3
echo "$out" | grep -q "cause: cloudfront_s3_origin_access_denied" || { echo "install-check: no cause from the installed binary" >&2; exit 1; }
"$p/bin/httpdiag" --version | grep -q "playbooks: [1-9][0-9]* built in" || { echo "install-check: --version has no playbook count" >&2; exit 1; }
echo "install-check: ok ($p/bin/httpdiag from / printed the cause)"
