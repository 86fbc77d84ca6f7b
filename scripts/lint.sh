#!/usr/bin/env bash
# The house's tooling (docs/ARCHITECTURE.md, "Tooling"):
#   scripts/lint.sh format        checks that every C++ file matches .clang-format (CI)
#   scripts/lint.sh format --fix  reformats them in place
#   scripts/lint.sh tidy [PRESET] runs clang-tidy (.clang-tidy) over core/, ui/ and app/ with the
#                                 compile commands of build/PRESET (default: default)
set -euo pipefail
cd "$(dirname "$0")/.."

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
  build="build/${2:-default}"
  [ -f "$build/compile_commands.json" ] || { echo "no $build/compile_commands.json: build that preset first" >&2; exit 2; }
  git ls-files 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp' | xargs -P"$(nproc)" -n4 clang-tidy -p "$build" --quiet
  ;;
*)
  echo "usage: scripts/lint.sh format [--fix] | tidy [PRESET]" >&2
  exit 64
  ;;
esac
