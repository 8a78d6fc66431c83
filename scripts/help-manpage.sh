#!/usr/bin/env bash
# A man page from the --help of httpdiag and of each of its commands, for when argument-parser's
# generate-manual plugin is not at hand. Usage: scripts/help-manpage.sh BINARY > httpdiag.1
set -euo pipefail
bin=$1
esc() { sed -e 's/\\/\\e/g' -e 's/^\([.'"'"']\)/\\\&\1/'; }
version=$("$bin" --version | head -1)
cat <<HEAD
.TH HTTPDIAG 1 "" "$version" "User Commands"
.SH NAME
httpdiag \\- tells why an HTTP endpoint is failing: DNS, TCP, TLS and HTTP, layer by layer
.SH SYNOPSIS
.B httpdiag
.I command
[\\fIoptions\\fR]
.SH DESCRIPTION
.nf
HEAD
"$bin" --help | esc
for cmd in check run history incidents explain playbooks lab version; do
  printf '.fi\n.SH "httpdiag %s"\n.nf\n' "$cmd"
  "$bin" help "$cmd" | esc
done
printf '.fi\n.SH VERSION\n.nf\n'
"$bin" --version | esc
printf '.fi\n'
