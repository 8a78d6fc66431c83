#!/usr/bin/env bash
# Whole-process wall time of `httpdiag check URL` against curl on the same loopback URL,
# measured in the same run with hyperfine. Prints both medians and their ratio.
# Usage: scripts/bench.sh PATH/TO/httpdiag
set -euo pipefail
bin=${1:-.build/release/httpdiag}
runs=${RUNS:-60}
out=$(mktemp -d)
trap 'kill $lab 2>/dev/null || true; rm -rf "$out"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18931)
"$bin" lab --port "$port" >/dev/null &
lab=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthy" && break; sleep 0.1; done
url="http://127.0.0.1:$port/healthy"

hyperfine -N --warmup 10 --runs "$runs" --export-json "$out/check.json" \
  -n httpdiag "$bin check $url" \
  -n probe-only "$bin check $url --no-default-playbooks" \
  -n curl "curl -s -o /dev/null -w %{http_code} $url" >/dev/null

median() { python3 -c "import json,sys; d=json.load(open('$out/check.json')); print([r['median'] for r in d['results'] if r['command']=='$1'][0])"; }
h=$(median httpdiag); p=$(median probe-only); c=$(median curl)
python3 - "$h" "$p" "$c" <<'PY'
import sys, os
h, p, c = map(float, sys.argv[1:4])
print(f"check vs curl, {os.environ.get('RUNS','60')} runs each on loopback")
print(f"  httpdiag check (80 playbooks)        median {h*1000:7.2f} ms  ratio {h/c:.2f}")
print(f"  httpdiag check --no-default-playbooks median {p*1000:7.2f} ms  ratio {p/c:.2f}  (goal <= 1.5)")
print(f"  curl -s -o /dev/null -w              median {c*1000:7.2f} ms")
PY
