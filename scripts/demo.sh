#!/usr/bin/env bash
# make demo: diagnose every lab endpoint (one Markdown report each in reports/), then a
# fleet run of config.example.json against the same lab (state, incident reports, metrics).
set -uo pipefail
bin=${1:-.build/release/httpdiag}
mkdir -p reports
"$bin" lab --check --reports reports
status=$?

echo
echo "== fleet run: httpdiag run --config config.example.json (against the lab on 127.0.0.1:47080) =="
# The lab makes its TLS certificates fresh in a private temporary directory (removed when
# it stops) and prints where, once every endpoint is up: the example config finds them
# through $HTTPDIAG_LAB_CERTS.
labout=$(mktemp "${TMPDIR:-/tmp}/httpdiag-demo-lab.XXXXXX")
"$bin" lab --port 47080 --dns-port 47053 >"$labout" 2>&1 &
lab=$!
trap 'kill $lab 2>/dev/null; wait $lab 2>/dev/null; rm -f "$labout"' EXIT
for _ in $(seq 200); do grep -q '^TLS certificates' "$labout" && break; sleep 0.1; done
HTTPDIAG_LAB_CERTS=$(sed -n 's/^TLS certificates (removed when the lab stops): //p' "$labout")
export HTTPDIAG_LAB_CERTS
if [[ -z $HTTPDIAG_LAB_CERTS ]]; then
  echo "demo: the lab did not start on 127.0.0.1:47080 (is another lab still running there?):" >&2
  cat "$labout" >&2
  exit 3
fi
# An ID token where an access token is expected: the Cognito case of the knowledge base.
export COGNITO_ID_TOKEN="eyJhbGciOiJSUzI1NiJ9.eyJ0b2tlbl91c2UiOiJpZCIsImF1ZCI6ImRlbW8ifQ.c2lnbmF0dXJl"
rm -f reports/state.sqlite*
"$bin" run --config config.example.json --state reports/state.sqlite --report-dir reports/incidents \
  --prometheus reports/httpdiag.prom
echo "(exit $? = worst verdict; incident reports in reports/incidents/, metrics in reports/httpdiag.prom)"
exit $status
