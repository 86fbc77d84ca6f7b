#!/usr/bin/env bash
# Installs what is missing, builds, starts a throwaway PostgreSQL on 127.0.0.1, runs every test
# with ctest (SQLite and PostgreSQL), stops the server, and reports how many PostgreSQL tests ran.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh
# The sources match .clang-format (docs/ARCHITECTURE.md, "Tooling"): checked before the build.
scripts/lint.sh format
preset=default
[ -n "${CI:-}" ] && preset=ci
scripts/build.sh "$preset"
# clang-tidy over the translation units that differ from the tree it last passed (.clang-tidy-clean).
scripts/lint.sh tidy-changed "$preset"

pgroot=$(mktemp -d /tmp/cc-pg.XXXXXX)
pgport=${CC_TEST_PGPORT:-54329}
trap 'scripts/pg-throwaway.sh stop "$pgroot"' EXIT
scripts/pg-throwaway.sh start "$pgroot" "$pgport"
export PGHOST=127.0.0.1 PGPORT="$pgport" PGUSER=postgres PGDATABASE=postgres
export CC_STRESS="${CC_STRESS:-ci}"
# Tests never touch the user's embedded database.
export XDG_DATA_HOME="$pgroot/xdg-data"

junit="build/$preset/ctest-junit.xml"
status=0
ctest --test-dir "build/$preset" --output-on-failure -j2 --output-junit "$PWD/$junit" || status=$?

ran=$(grep -o '<testcase name="[^"]*_postgres"[^>]*status="run"' "$junit" | wc -l)
failed=$(grep -c '<failure' "$junit" || true)
echo "PostgreSQL tests run: $ran (all tests failed: $failed)"
if [ "$ran" -eq 0 ]; then
  echo "no PostgreSQL test ran: that is a failure" >&2
  status=1
fi
exit "$status"
