#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz (clang 14, ASan + UBSan) in build/fuzz and runs each
# for SECONDS seconds (default 300) on a copy of its seed corpus, one after the other.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      TARGET: levelfile conninfo commandline (default: all)
# A crashing, leaking, slow (> 10 s) or memory-hungry input is copied into
# tests/fuzz/regressions/<target>/, where tst_fuzz_corpus replays it; the script then exits 1.
# The working corpora (seeds plus what the fuzzer found) stay in build/fuzz/corpus/<target>/ and the
# logs in build/fuzz/logs/. JOBS sets the build's parallelism (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-300}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(levelfile conninfo commandline)
fi
case "$seconds" in
  '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 64 ;;
esac
for target in "${targets[@]}"; do
  if [ ! -d "tests/fuzz/corpus/$target" ]; then
    echo "unknown target $target (levelfile, conninfo or commandline)" >&2
    exit 64
  fi
done

# clang 14 and its libFuzzer/sanitizer runtimes, and what the project needs to build its core.
scripts/install-deps.sh cmake ninja-build g++ clang-14 libclang-rt-14-dev qt6-base-dev libsqlite3-dev libpq-dev libcrypt-dev

build=build/fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCC_FUZZ=ON -DCC_BUILD_GUI=OFF >/dev/null
cmake --build "$build" --target "${targets[@]/#/fuzz_}" -- -j"${JOBS:-2}"

mkdir -p "$build/logs" "$build/artifacts"
failed=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  regressions="tests/fuzz/regressions/$target"
  mkdir -p "$corpus" "$artifacts"
  rm -f "$artifacts"/*
  cp tests/fuzz/corpus/"$target"/* "$corpus"/
  inputs=("$corpus")
  if [ -d "$regressions" ]; then
    inputs+=("$regressions")
  fi
  echo "== fuzz_$target for $seconds s (log: $build/logs/$target.log)"
  status=0
  # New inputs go into the first directory only: the seed corpus and the regressions stay as they are.
  LANG=C.UTF-8 LC_ALL=C.UTF-8 "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "${inputs[@]}" \
    >"$build/logs/$target.log" 2>&1 || status=$?
  grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added)|cov: .*ft:" \
    "$build/logs/$target.log" | tail -n 5 || true
  found=("$artifacts"/*)
  if [ "$status" -ne 0 ] || [ -e "${found[0]}" ]; then
    failed+=("$target")
    mkdir -p "$regressions"
    for file in "${found[@]}"; do
      [ -e "$file" ] && cp "$file" "$regressions"/ && echo "   kept $regressions/$(basename "$file")"
    done
    grep -E "ERROR|SUMMARY|contract broken|runtime error" "$build/logs/$target.log" | head -n 5 || true
    echo "   fuzz_$target stopped with exit $status"
  fi
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "crashed: ${failed[*]} (inputs kept in tests/fuzz/regressions/; fix, then rebuild and run tst_fuzz_corpus)" >&2
  exit 1
fi
echo "no crash in ${targets[*]} ($seconds s each)"
