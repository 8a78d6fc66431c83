#!/usr/bin/env bash
# Installs httpdiag under a prefix: the binary, its man page and bash/zsh/fish completions.
# Usage: scripts/install.sh BINARY PREFIX [MANPAGE]   (make install PREFIX=/usr/local [DESTDIR=...])
# MANPAGE: the page argument-parser's generate-manual plugin wrote (make man); without one
# (or when it is missing) a page is made from `httpdiag --help` of each command.
set -euo pipefail
bin=$1
prefix=$2
manpage=${3:-}
[[ -x $bin ]] || { echo "install: $bin is not an executable (make release first)" >&2; exit 1; }

install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$bin" "$prefix/bin/httpdiag"
installed=$prefix/bin/httpdiag

if [[ -n $manpage && -s $manpage ]]; then
  install -m 0644 "$manpage" "$prefix/share/man/man1/httpdiag.1"
else
  "$(dirname "$0")/help-manpage.sh" "$installed" > "$prefix/share/man/man1/httpdiag.1"
fi
"$installed" --generate-completion-script bash > "$prefix/share/bash-completion/completions/httpdiag"
"$installed" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_httpdiag"
"$installed" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/httpdiag.fish"
echo "installed $("$installed" --version | head -1) in $prefix/bin; man page and bash, zsh and fish completions under $prefix/share"
