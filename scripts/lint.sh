#!/usr/bin/env bash
# The house's tooling (docs/ARCHITECTURE.md, "Tooling"):
#   scripts/lint.sh format        checks that every C++ file matches .clang-format (CI)
#   scripts/lint.sh format --fix  reformats them in place
#   scripts/lint.sh tidy [PRESET] runs clang-tidy (.clang-tidy) over every file of core/, ui/ and app/
#                                 with the compile commands of build/PRESET (default: default) and, when
#                                 it passes, records what it passed in .clang-tidy-clean (commit it)
#   scripts/lint.sh tidy-changed [PRESET]
#                                 runs clang-tidy over what differs from .clang-tidy-clean: the changed
#                                 .cpp files and those that include a changed header, directly or through
#                                 other headers; the whole tree when .clang-tidy changed (CI). When they
#                                 pass, .clang-tidy-clean records the tree (commit it with the change).
#                                 Files git does not know yet are not covered: git add them first.
set -euo pipefail
cd "$(dirname "$0")/.."

baseline=.clang-tidy-clean

tidied() { git ls-files .clang-tidy 'core/*.cpp' 'core/*.h' 'ui/*.cpp' 'ui/*.h' 'app/*.cpp' 'app/*.h'; }

# "blob path" for every file clang-tidy covers, as the working tree holds it now.
fingerprints() { tidied | paste -d' ' <(tidied | git hash-object --stdin-paths) -; }

build_dir() {
  local build="build/${1:-default}"
  [ -f "$build/compile_commands.json" ] || { echo "no $build/compile_commands.json: build that preset first" >&2; exit 2; }
  echo "$build"
}

# -Wshadow and -Wconversion are the GCC build's (-Werror in CI); clang's versions of them are wider
# (sign conversions, static members), so clang-tidy leaves them to the compiler.
run_tidy() { xargs -r -P"$(nproc)" -n4 clang-tidy -p "$1" --quiet --extra-arg=-Wno-shadow --extra-arg=-Wno-conversion; }

# The translation units to tidy again: changed .cpp files, and .cpp files that include a changed
# header directly or through other project headers (an include "x/Y.h" names the file ending in /x/Y.h).
changed_units() {
  local changed
  changed=$(fingerprints | grep -vxF -f "$baseline" | cut -d' ' -f2- || true)
  [ -n "$changed" ] || return 0
  if grep -qx '.clang-tidy' <<<"$changed"; then
    tidied | grep '\.cpp$'
    return
  fi
  # "file included-name" for every quoted include, then the closure over includers of changed files.
  tidied | grep -v '^\.clang-tidy$' | xargs grep -HE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"' |
    sed -E 's/^([^:]+):.*"([^"]+)".*/\1 \2/' |
    awk -v changed="$changed" '
      BEGIN { n = split(changed, list, "\n"); for (i = 1; i <= n; i++) dirty[list[i]] = 1 }
      { file[NR] = $1; name[NR] = $2 }
      function ends(path, suffix) { return substr("/" path, length(path) + 1 - length(suffix)) == "/" suffix }
      END {
        do {
          grown = 0
          for (i = 1; i <= NR; i++) {
            if (file[i] in dirty) continue
            for (d in dirty) if (d ~ /\.h$/ && ends(d, name[i])) { dirty[file[i]] = 1; grown = 1; break }
          }
        } while (grown)
        for (d in dirty) if (d ~ /\.cpp$/) print d
      }' | sort
}

sources() { git ls-files 'core/*.cpp' 'core/*.h' 'ui/*.cpp' 'ui/*.h' 'app/*.cpp' 'app/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h'; }

case "${1:-}" in
format)
  if [ "${2:-}" = "--fix" ]; then
    sources | xargs clang-format -i
  else
    sources | xargs clang-format --dry-run -Werror
  fi
  ;;
tidy)
  build=$(build_dir "${2:-}")
  before=$(fingerprints)
  tidied | grep '\.cpp$' | run_tidy "$build"
  [ "$(fingerprints)" = "$before" ] || { echo "files changed while clang-tidy ran: run it again" >&2; exit 1; }
  echo "$before" >"$baseline"
  echo "clang-tidy passed on every file; recorded in $baseline"
  ;;
tidy-changed)
  build=$(build_dir "${2:-}")
  [ -f "$baseline" ] || { echo "no $baseline: run scripts/lint.sh tidy once" >&2; exit 2; }
  before=$(fingerprints)
  units=$(changed_units)
  if [ -z "$units" ]; then
    echo "clang-tidy: no translation unit differs from the tree it passed ($baseline)"
  else
    echo "clang-tidy on the $(wc -l <<<"$units") translation units that differ from $baseline"
    run_tidy "$build" <<<"$units"
  fi
  # Every unit now either passed here or is, with all its headers, as it was when it passed.
  if [ "$(fingerprints)" = "$before" ]; then echo "$before" >"$baseline"; fi
  ;;
*)
  echo "usage: scripts/lint.sh format [--fix] | tidy [PRESET] | tidy-changed [PRESET]" >&2
  exit 64
  ;;
esac
