#!/usr/bin/env bash
# The man page of BINARY into DIR/httpdiag.1, by argument-parser's generate-manual tool (built
# by its plugin, in debug: the plugin builds the package's products in the configuration it is
# given, and a release build of its own would undo the static one of make release). When the
# plugin cannot run, a page made from --help (scripts/help-manpage.sh).
# Usage: scripts/manpage.sh SWIFT BINARY DIR
set -euo pipefail
swift=$1
bin=$2
dir=$3
cd "$(dirname "$0")/.."
mkdir -p "$dir"
tool=$(find .build -type f -name generate-manual-tool -perm -u+x 2>/dev/null | head -1)
if [[ -z $tool ]]; then
  "$swift" package plugin generate-manual --configuration debug >/dev/null 2>&1 || true
  tool=$(find .build -type f -name generate-manual-tool -perm -u+x 2>/dev/null | head -1)
fi
if [[ -n $tool ]] && "$tool" "$bin" --output-directory "$dir" >/dev/null 2>&1 && [[ -s $dir/httpdiag.1 ]]; then
  echo "man page: $dir/httpdiag.1 (argument-parser generate-manual)"
else
  scripts/help-manpage.sh "$bin" > "$dir/httpdiag.1"
  echo "man page: $dir/httpdiag.1 (from --help)"
fi
