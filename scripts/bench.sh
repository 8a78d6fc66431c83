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

# Fleet: 1,000 endpoints on a loopback origin that answers after 20 ms, 100 at a time,
# httpdiag run against curl --parallel over the same URLs, same run. Wall time and peak RSS.
n=${FLEET_ENDPOINTS:-1000}
python3 - "$port" "$n" "$out" <<'PY'
import json, sys
port, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
urls = [f"http://127.0.0.1:{port}/delay/20?i={i}" for i in range(n)]
json.dump({"defaults": {"timeout_s": 30}, "endpoints": [{"name": f"e{i}", "url": u} for i, u in enumerate(urls)]},
          open(f"{out}/fleet.json", "w"))
open(f"{out}/curl.cfg", "w").write("".join(f'url = "{u}"\noutput = "/dev/null"\n' for u in urls))
PY
measure() {  # measure NAME CMD...: best wall time of 3 runs, and its peak RSS
  local best="" rss=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$out/time" "$@" >/dev/null 2>&1 || true
    read -r wall kb < "$out/time"
    if [[ -z $best ]] || python3 -c "import sys; sys.exit(0 if $wall < $best else 1)"; then best=$wall; rss=$kb; fi
  done
  echo "$best $rss"
}
read -r hw hr < <(measure "$bin" run --config "$out/fleet.json" --concurrency 100 --no-state)
read -r cw cr < <(measure curl -s --parallel --parallel-max 100 --config "$out/curl.cfg")
python3 - "$hw" "$hr" "$cw" "$cr" "$n" <<'PY'
import sys
hw, hr, cw, cr, n = float(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"\nfleet: {n} endpoints, 20 ms origin, concurrency 100 (best of 3)")
print(f"  httpdiag run                  {hw:6.2f} s  peak RSS {hr/1024:6.1f} MB")
print(f"  curl --parallel-max 100       {cw:6.2f} s  peak RSS {cr/1024:6.1f} MB")
print(f"  ratio (httpdiag/curl) {hw/cw:.2f}  (goal <= 1.2; RSS goal <= 100 MB)")
PY
