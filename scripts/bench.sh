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
# The lab in a session of its own (setsid keeps the pid), stopped with its openssl servers by
# process group: a lab left behind would hold an inherited lock (flock make bench) forever.
setsid "$bin" lab --port "$port" >/dev/null 2>&1 < /dev/null &
lab=$!
disown "$lab"  # no job report when it is killed
stop_lab() {
  [[ -n $lab ]] || return 0
  kill -TERM -- "-$lab" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 "$lab" 2>/dev/null || break; sleep 0.05; done
  kill -KILL -- "-$lab" 2>/dev/null || true
  lab=""
}
trap 'stop_lab; rm -rf "$out"' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/healthy" && break; sleep 0.1; done
url="http://127.0.0.1:$port/healthy"

hyperfine -N --warmup 10 --runs "$runs" --export-json "$out/check.json" \
  -n httpdiag "$bin check $url" \
  -n probe-only "$bin check $url --no-default-playbooks" \
  -n curl "curl -s -o /dev/null -w %{http_code} $url" >/dev/null

median() { python3 -c "import json,sys; d=json.load(open('$out/check.json')); print([r['median'] for r in d['results'] if r['command']=='$1'][0])"; }
h=$(median httpdiag); p=$(median probe-only); c=$(median curl)
n=$("$bin" --version | sed -n 's/^playbooks: \([0-9]*\) built in.*/\1/p')
python3 - "$h" "$p" "$c" "$n" <<'PY'
import sys, os
h, p, c = map(float, sys.argv[1:4])
n = sys.argv[4] or "?"
print(f"check vs curl, {os.environ.get('RUNS','60')} runs each on loopback")
print(f"  httpdiag check ({n} built-in playbooks)  median {h*1000:7.2f} ms  ratio {h/c:.2f}  (goal <= 2.0)")
print(f"  httpdiag check --no-default-playbooks median {p*1000:7.2f} ms  ratio {p/c:.2f}  (probe only)")
print(f"  curl -s -o /dev/null -w              median {c*1000:7.2f} ms")
PY
stop_lab  # the fleet part has its own origin

# Fleet: N endpoints on a keep-alive loopback origin that answers after 20 ms (scripts/bench-origin.c,
# one epoll thread: not the bottleneck at concurrency 500), `httpdiag run` against
# `curl --parallel` over the same URLs, same run: wall time (best of 3), peak RSS and CPU per
# probe ((user+sys)/N) of that run. BASELINE=PATH adds another httpdiag binary (the code
# before a change) to the same table.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
cc -O2 -o "$out/origin" "$(dirname "$0")/bench-origin.c"
oport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$out/origin" "$oport" 20 > "$out/origin.log" &
origin=$!
trap 'kill $lab $origin 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 50); do grep -q ready "$out/origin.log" 2>/dev/null && break; sleep 0.1; done

measure() {  # measure CMD...: "wall rss_kb cpu_s" of the fastest of 3 runs
  local best="" line=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M %U %S" -o "$out/time" "$@" >/dev/null 2>&1 || true
    read -r wall kb user sys < <(tail -1 "$out/time")
    if [[ -z $best ]] || python3 -c "import sys; sys.exit(0 if $wall < $best else 1)"; then
      best=$wall; line="$wall $kb $(python3 -c "print($user + $sys)")"
    fi
  done
  echo "$line"
}

fleet() {  # fleet N CONCURRENCY WALL_GOAL RSS_GOAL_MB
  local n=$1 c=$2 goal=$3 rssgoal=$4
  python3 - "$oport" "$n" "$out" <<'PY'
import json, sys
port, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
urls = [f"http://127.0.0.1:{port}/delay/20?i={i}" for i in range(n)]
json.dump({"defaults": {"timeout_s": 30}, "endpoints": [{"name": f"e{i}", "url": u} for i, u in enumerate(urls)]},
          open(f"{out}/fleet.json", "w"))
open(f"{out}/curl.cfg", "w").write("".join(f'url = "{u}"\noutput = "/dev/null"\n' for u in urls))
PY
  local rows=()
  read -r hw hr hc < <(measure "$bin" run --config "$out/fleet.json" --concurrency "$c" --no-state)
  rows+=("httpdiag run $hw $hr $hc")
  if [[ -n ${BASELINE:-} ]]; then
    read -r bw br bc < <(measure "$BASELINE" run --config "$out/fleet.json" --concurrency "$c" --no-state)
    rows+=("baseline run $bw $br $bc")
  fi
  read -r cw cr cc_ < <(measure curl -s --parallel --parallel-max "$c" --config "$out/curl.cfg")
  rows+=("curl --parallel $cw $cr $cc_")
  python3 - "$n" "$c" "$goal" "$rssgoal" "${rows[@]}" <<'PY'
import sys
n, c, goal, rssgoal = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
rows = [r.rsplit(" ", 3) for r in sys.argv[5:]]
curl = [r for r in rows if r[0].startswith("curl")][0]
cw, ccpu = float(curl[1]), float(curl[3])
print(f"\nfleet: {n} endpoints, 20 ms keep-alive origin, concurrency {c} (best of 3 by wall time)")
print(f"  {'':18} {'wall':>8} {'x curl':>7} {'peak RSS':>10} {'CPU/probe':>10} {'x curl':>7}")
for name, w, kb, cpu in rows:
    w, kb, cpu = float(w), int(kb), float(cpu)
    print(f"  {name:18} {w:7.2f}s {w/cw:6.2f}x {kb/1024:8.1f}MB {cpu/n*1e6:8.0f}us {cpu/ccpu if ccpu else 0:6.2f}x")
print(f"  floor N/C x 20 ms = {n/c*0.02:.2f} s; goal: httpdiag <= {goal}x curl --parallel, RSS <= {rssgoal:.0f} MB")
PY
}
fleet "${FLEET_ENDPOINTS:-1000}" "${FLEET_CONCURRENCY:-100}" 1.2 100
fleet "${FLEET_ENDPOINTS_B:-10000}" "${FLEET_CONCURRENCY_B:-500}" 1.3 150
