#!/usr/bin/env bash
# Generate TLS test fixtures for httpdiag integration tests.
# Usage: scripts/make-test-certs.sh DIR
# Requires only the openssl CLI (tested with OpenSSL 3.0). All keys are EC P-256.
# DIR is new or empty: certificates are made fresh for every run (the tests and
# `httpdiag lab` give it a private temporary directory of their own and remove it),
# never reused, so none ages past its validity window (`expiring` has 5 days) between runs.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
DIR=$1
if [[ -e "$DIR/ca.pem" ]]; then
  echo "$0: $DIR already holds certificates: give a new or empty directory" >&2
  exit 2
fi
mkdir -p -m 700 "$DIR"
DIR=$(cd "$DIR" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/httpdiag-certs.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

LOCAL_SAN="DNS:localhost,IP:127.0.0.1,IP:::1"

newkey() { # newkey FILE
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  chmod 600 "$1"
}

# Self-signed CA: mkca NAME CN
mkca() {
  newkey "$DIR/$1.key"
  openssl req -x509 -new -key "$DIR/$1.key" -sha256 -days 3650 \
    -subj "/CN=$2/O=httpdiag test" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" \
    -out "$DIR/$1.pem"
}

# sign NAME CN ISSUER SAN STARTDATE ENDDATE EXTTYPE
#   STARTDATE/ENDDATE: YYYYMMDDHHMMSSZ, or "" for now / (enddate must be given)
#   EXTTYPE: server | client | ca
# Uses `openssl ca` with a throwaway config so arbitrary validity windows
# (including ones entirely in the past) work with OpenSSL 3.0.
sign() {
  local name=$1 cn=$2 issuer=$3 san=$4 start=$5 end=$6 ext=$7
  local d="$WORK/ca-$name"
  mkdir -p "$d/new"
  : > "$d/index.txt"
  openssl rand -hex 16 > "$d/serial"
  cat > "$d/ca.cnf" <<CNF
[ ca ]
default_ca = tca
[ tca ]
dir = $d
database = $d/index.txt
new_certs_dir = $d/new
serial = $d/serial
certificate = $DIR/$issuer.pem
private_key = $DIR/$issuer.key
default_md = sha256
policy = pol
unique_subject = no
copy_extensions = none
email_in_dn = no
[ pol ]
commonName = supplied
organizationName = optional
[ server ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $san
[ client ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ca_ext ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
  newkey "$DIR/$name.key"
  openssl req -new -key "$DIR/$name.key" -subj "/CN=$cn/O=httpdiag test" -out "$d/req.csr"
  local startargs=()
  if [[ -n $start ]]; then startargs=(-startdate "$start"); fi
  openssl ca -batch -notext -config "$d/ca.cnf" -extensions "$ext" \
    ${startargs[@]+"${startargs[@]}"} -enddate "$end" \
    -in "$d/req.csr" -out "$DIR/$name.pem" 2>"$d/ca.log" \
    || { cat "$d/ca.log" >&2; return 1; }
}

# UTC timestamp N days from now in openssl ca format (GNU date, or BSD date).
days_from_now() {
  date -u -d "+$1 days" +%Y%m%d%H%M%SZ 2>/dev/null || date -u -v "+$1d" +%Y%m%d%H%M%SZ
}

# --- Server trust hierarchy ---
mkca ca "httpdiag Test Root CA"
sign valid     localhost            ca "$LOCAL_SAN"               "" "$(days_from_now 365)" server
sign expired   localhost            ca "$LOCAL_SAN"               20200101000000Z 20200201000000Z server
sign expiring  localhost            ca "$LOCAL_SAN"               "" "$(days_from_now 5)" server
sign wronghost wrong.example.test   ca "DNS:wrong.example.test"   "" "$(days_from_now 365)" server

# Intermediate + leaf for incomplete-chain tests (serve chain-leaf.pem alone).
sign intermediate "httpdiag Test Intermediate CA" ca "$LOCAL_SAN" "" "$(days_from_now 1825)" ca_ext
sign chain-leaf localhost intermediate "$LOCAL_SAN" "" "$(days_from_now 365)" server
cat "$DIR/chain-leaf.pem" "$DIR/intermediate.pem" > "$DIR/chain-full.pem"

# --- Self-signed leaf (not issued by ca) ---
newkey "$DIR/selfsigned.key"
openssl req -x509 -new -key "$DIR/selfsigned.key" -sha256 -days 365 \
  -subj "/CN=localhost/O=httpdiag test self-signed" \
  -addext "basicConstraints=critical,CA:FALSE" \
  -addext "keyUsage=critical,digitalSignature" \
  -addext "extendedKeyUsage=serverAuth" \
  -addext "subjectAltName=$LOCAL_SAN" \
  -out "$DIR/selfsigned.pem"

# --- Client-certificate hierarchy (mTLS) ---
mkca client-ca "httpdiag Test Client CA"
sign client "httpdiag test client" client-ca "" "" "$(days_from_now 365)" client
