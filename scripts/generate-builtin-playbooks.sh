#!/usr/bin/env bash
# Writes Sources/HTTPDiagPlaybooks/Builtin/BuiltinPlaybooks.generated.swift from Playbooks/:
# the playbooks and hop signatures compiled into httpdiag (so a copied binary diagnoses as
# the repository's does, and a check parses no YAML). BuiltinPlaybooksTests fails when the
# checked-in file is not what this writes. Usage: scripts/generate-builtin-playbooks.sh [SWIFT]
set -euo pipefail
cd "$(dirname "$0")/.."
swift=${1:-swift}
out=Sources/HTTPDiagPlaybooks/Builtin/BuiltinPlaybooks.generated.swift
stub() {
  cat <<'STUB'
// Generated from Playbooks/ by scripts/generate-builtin-playbooks.sh (make builtin): do not edit.
// BuiltinPlaybooksTests proves this file is what the generator writes from Playbooks/ today.
// swift-format-ignore-file

import HTTPDiagCore

extension BuiltinPlaybooks {
    static let generatedPlaybooks: [Playbook] = [
    ]

    static let generatedHops: [HopSignature] = [
    ]
}
STUB
}
# The generator is httpdiag itself: when the current file no longer compiles (the model
# changed), build it from the empty stub first.
if ! "$swift" build --product httpdiag >/dev/null 2>&1; then
  stub > "$out"
  "$swift" build --product httpdiag
fi
bin=$("$swift" build --show-bin-path)/httpdiag
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$bin" playbooks generate-swift Playbooks > "$tmp"
if cmp -s "$tmp" "$out"; then
  echo "$out is current"
else
  mv "$tmp" "$out"
  echo "wrote $out ($(grep -c '^    private static var' "$out") playbooks and hops): build again to compile them in"
fi
