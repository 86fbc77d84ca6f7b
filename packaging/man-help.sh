#!/usr/bin/env bash
# help2man runs this in place of the binary ($CC_BINARY): it passes --version through and lays
# out --help the way help2man reads it, so the man page gets a SYNOPSIS with both forms, one
# tagged entry per command, and an EXIT STATUS section. The help text itself stays the app's.
set -euo pipefail
binary=${CC_BINARY:?CC_BINARY names the coupling-console binary}
if [ "${1:-}" != --help ]; then
  exec "$binary" "$@"
fi
"$binary" --help | awk '
  # Usage: PROG ARGS   comment / PROG ARGS   comment  ->  Usage: PROG ARGS / or: PROG ARGS
  NR == 1 && /^Usage:/ { sub(/    *[^ ].*$/, ""); print; next }
  NR > 1 && NR < 5 && /^ +coupling-console / {
    sub(/^ +/, ""); sub(/    *[^ ].*$/, ""); print "   or: " $0; next
  }
  # Commands: one entry per command, the name as the tag and its arguments as the text.
  /^[A-Z][a-z ]*:$/ { section = $0; print; next }
  /^$/ { section = ""; print; next }
  section == "Commands:" && /^  +[a-z]/ {
    sub(/^ +/, ""); name = $1; sub(/^[^ ]+ */, "")
    printf "  %s  %s\n", name, ($0 == "" ? "(no arguments)" : $0); next
  }
  # Common options: A, B, ...  ->  a paragraph of its own.
  /^Common options: / { sub(/^Common options: /, ""); print "Common options:"; print "  " $0; next }
  /^Exit codes: / { sub(/^Exit codes: /, ""); print ""; print "*Exit status*"; exit_status = 1; print; next }
  { if (!exit_status && /^[A-Z] = /) print ""; print }
'
