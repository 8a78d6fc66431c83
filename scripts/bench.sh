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
# `curl --parallel` over the same URLs, same run, the commands taking turns for FLEET_RUNS
# rounds (6, each command first as often as the others): wall time (best and median), peak RSS and CPU per probe ((user+sys)/N).
# BASELINE=PATH adds another httpdiag binary (the code before a change) to the same table.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# Every httpdiag of the table diagnoses with its built-in playbooks (compiled in): none is
# given HTTPDIAG_PLAYBOOKS, which would make it parse the YAML files at start (~17% of a
# 1,000-endpoint run's CPU). A BASELINE must be a build with built-in playbooks too.
unset HTTPDIAG_PLAYBOOKS
cc -O2 -o "$out/origin" "$(dirname "$0")/bench-origin.c"
oport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$out/origin" "$oport" 20 > "$out/origin.log" &
origin=$!
trap 'kill $lab $origin 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 50); do grep -q ready "$out/origin.log" 2>/dev/null && break; sleep 0.1; done

runs_fleet=${FLEET_RUNS:-6}

timed() {  # timed CMD...: "wall rss_kb cpu_s" of one run
  /usr/bin/time -f "%e %M %U %S" -o "$out/time" "$@" >/dev/null 2>&1 || true
  read -r wall kb user sys < <(tail -1 "$out/time")
  echo "$wall $kb $(python3 -c "print($user + $sys)")"
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
  # The commands take turns, round after round: on a shared machine a burst of load then
  # falls on all of them alike, not on whichever ran its runs in that moment.
  # (Each probe of httpdiag opens and closes its own connection: a run leaves N sockets in
  # TIME_WAIT for 60 s, which the next runs' connects have to step around.)
  local names=("httpdiag run") cmds=("$bin run --config $out/fleet.json --concurrency $c --no-state")
  if [[ -n ${BASELINE:-} ]]; then
    names+=("baseline run")
    cmds+=("$BASELINE run --config $out/fleet.json --concurrency $c --no-state")
  fi
  names+=("curl --parallel")
  cmds+=("curl -s --parallel --parallel-max $c --config $out/curl.cfg")
  : > "$out/rows"
  # Each round starts with the next command (the order rotates): the first of a round was
  # seen to pay more (about 70 us per probe), whichever binary it was.
  local k=${#cmds[@]}
  for r in $(seq 0 $((runs_fleet - 1))); do
    for p in $(seq 0 $((k - 1))); do
      local i=$(((p + r) % k))
      # shellcheck disable=SC2086  # the command line is split into its words on purpose
      echo "$i $(timed ${cmds[$i]})" >> "$out/rows"
    done
  done
  python3 - "$n" "$c" "$goal" "$rssgoal" "$out/rows" "$runs_fleet" "${names[@]}" <<'PY'
import statistics, sys
n, c, goal, rssgoal = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
rows, runs, names = sys.argv[5], int(sys.argv[6]), sys.argv[7:]
by = {i: [] for i in range(len(names))}
for line in open(rows):
    i, w, kb, cpu = line.split()
    by[int(i)].append((float(w), int(kb), float(cpu)))
stats = []
for i, name in enumerate(names):
    r = by[i]
    stats.append((name, min(x[0] for x in r), statistics.median(x[0] for x in r),
                  max(x[1] for x in r), statistics.median(x[2] for x in r)))
curl = stats[-1]
print(f"\nfleet: {n} endpoints, 20 ms keep-alive origin, concurrency {c} ({runs} rounds, the commands taking turns)")
print(f"  {'':18} {'best':>7} {'x curl':>7} {'median':>7} {'x curl':>7} {'peak RSS':>9} {'CPU/probe':>10} {'x curl':>7}")
for name, best, med, kb, cpu in stats:
    print(f"  {name:18} {best:6.2f}s {best/curl[1]:6.2f}x {med:6.2f}s {med/curl[2]:6.2f}x {kb/1024:7.1f}MB "
          f"{cpu/n*1e6:8.0f}us {cpu/curl[4] if curl[4] else 0:6.2f}x")
print(f"  floor N/C x 20 ms = {n/c*0.02:.2f} s; goal: httpdiag <= {goal}x curl --parallel, RSS <= {rssgoal:.0f} MB")
print("  (wall: best and median of the rounds; peak RSS: the largest; CPU per probe: (user+sys)/N, median)")
PY
}
fleet "${FLEET_ENDPOINTS:-1000}" "${FLEET_CONCURRENCY:-100}" 1.2 100
fleet "${FLEET_ENDPOINTS_B:-10000}" "${FLEET_CONCURRENCY_B:-500}" 1.3 150
