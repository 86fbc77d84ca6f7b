#!/usr/bin/env bash
# Issue 17: `check` against the floor (a plain scan of both tables), side by side in the same rounds.
# Not a test; CI never runs it. Called by `bench/run.sh --only floor`, or on its own:
#
#   bench/check_floor.sh [--users "100000 1000000"] [--ten] [--runs N] [--keep-data] [--out FILE]
#     --users      the dataset sizes (demo --users N --seed 11 --desync-rate 0.02, with the cc_ indexes)
#     --ten        also 10,000,000 users, one round (hours of demo and disk: off by default; a run
#                  without it keeps the 10M rows of the last run that had them, labelled with that run)
#     --runs       rounds per size and engine (default 5): each round runs the plain scan, check and the
#                  tool's own classification statement (check --print-sql) in the database's own client,
#                  in an order that rotates from round to round, so all three see the same load
#     --keep-data  reuse the datasets of an earlier run in $CC_FLOOR_WORK (default /tmp/cc-floor)
#     --out        the report to update (default docs/PERFORMANCE.md): the section between the floor
#                  markers is replaced (added after the title when absent)
#
# The binary: $CC_BIN, else build/bench/app/coupling-console (bench/run.sh builds it Release), else
# build/default/app/coupling-console. PostgreSQL: its own throwaway server (scripts/pg-throwaway.sh,
# $CC_FLOOR_PGDIR, port $CC_FLOOR_PGPORT, default /tmp/cc-floor-pg and 54336), stopped in a trap.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
sizes="100000 1000000"; ten=0; RUNS=5; keep=0; out="$root/docs/PERFORMANCE.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --users) sizes="$2"; shift ;;
    --ten) ten=1 ;;
    --runs) RUNS="$2"; shift ;;
    --keep-data) keep=1 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: $0 [--users \"N ...\"] [--ten] [--runs N] [--keep-data] [--out FILE]" >&2; exit 64 ;;
  esac
  shift
done
"$root/scripts/install-deps.sh" python3 time sqlite3 postgresql
CC=${CC_BIN:-}
for candidate in "$root/build/bench/app/coupling-console" "$root/build/default/app/coupling-console"; do
  [ -n "$CC" ] || { [ -x "$candidate" ] && CC=$candidate; }
done
[ -x "$CC" ] || { echo "check_floor.sh: build coupling-console first (cmake --preset default)" >&2; exit 1; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg) # before the bench's own work raises it
WORK=${CC_FLOOR_WORK:-/tmp/cc-floor}; PGDIR=${CC_FLOOR_PGDIR:-/tmp/cc-floor-pg}; PGPORT=${CC_FLOOR_PGPORT:-54336}
mkdir -p "$WORK"; R="$WORK/results.tsv"; : >"$R"
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$R"; }   # what, label, round, metric, value
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
timed() {
  local rc=0
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
  if [ "$rc" -gt 3 ]; then echo "failed ($rc): $*" >&2; cat "$WORK/last.err" >&2; exit 1; fi
  read -r WALL RSS < <(tail -n 1 "$WORK/time")
}

if [ "$keep" -eq 1 ] && [ -d "$PGDIR/data" ]; then # the datasets of an earlier run: halted, not removed
  "$root/scripts/pg-throwaway.sh" resume "$PGDIR" "$PGPORT"
else
  "$root/scripts/pg-throwaway.sh" stop "$PGDIR"; "$root/scripts/pg-throwaway.sh" start "$PGDIR" "$PGPORT"
fi
trap '"$root/scripts/pg-throwaway.sh" halt "$PGDIR"' EXIT # kept for --keep-data; `pg-throwaway.sh stop` removes it
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGDATABASE=postgres
pg() { echo "host=127.0.0.1 port=$PGPORT user=postgres dbname=$1"; }
target() { if [ "$1" = sqlite ]; then T=(--db "$WORK/s$2.db"); else T=(--pg "$(pg "p$2")"); fi; } # sets T
SCAN_P="SELECT count(*), sum(current_level), sum(total_xp), sum(completed_sessions) FROM specialization_progress"
SCAN_L="SELECT count(*), sum(current_level), sum(max_achieved_level) FROM user_licenses"

have() { if [ "$1" = sqlite ]; then [ -f "$WORK/s$2.db" ]; else psql -X -Atq -d "p$2" -c 'SELECT 1' >/dev/null 2>&1; fi; }
dataset() { # engine users
  target "$1" "$2"
  if [ "$keep" -eq 1 ] && have "$1" "$2"; then # an interrupted run may have left the indexes dropped
    "$CC" init --indexes "${T[@]}" >/dev/null
    [ "$1" = sqlite ] || psql -X -q -d "p$2" -c 'ANALYZE'
    return
  fi
  if [ "$1" = sqlite ]; then
    rm -f "$WORK/s$2.db"*; timed "$CC" demo --users "$2" --seed 11 --desync-rate 0.02 --db "$WORK/s$2.db"
  else
    dropdb --if-exists "p$2"; createdb "p$2"
    timed "$CC" demo --users "$2" --seed 11 --desync-rate 0.02 --pg "$(pg "p$2")"
    psql -X -q -d "p$2" -c 'VACUUM ANALYZE' # a live platform database has statistics
  fi
}
plain() { # engine users
  if [ "$1" = sqlite ]; then timed sqlite3 "$WORK/s$2.db" "$SCAN_P;" "$SCAN_L;"
  else timed psql -X -q -d "p$2" -o /dev/null -c "$SCAN_P" -c "$SCAN_L"; fi
}
old() { # the tool's own classification statement in the database's own client
  if [ "$1" = sqlite ]; then timed sqlite3 "$WORK/s$2.db" ".read $WORK/old-$1-$2.sql"
  else timed psql -X -q -d "p$2" -o /dev/null -f "$WORK/old-$1-$2.sql"; fi
}
check() { # engine users [options]
  local engine=$1 n=$2; shift 2
  target "$engine" "$n"
  timed "$CC" check --json --limit 0 "$@" "${T[@]}"
}

measure() { # engine users rounds
  local e=$1 n=$2 rounds=$3 label="$1 $2"
  target "$e" "$n"
  "$CC" check --print-sql "${T[@]}" >"$WORK/old-$e-$n.sql"
  check "$e" "$n" # a warm-up run: the first check stores the run the later ones compare with
  for i in $(seq 1 "$rounds"); do
    log "$label: round $i"
    local order=(plain check old)
    case $((i % 3)) in 2) order=(check old plain) ;; 0) order=(old plain check) ;; esac
    for what in "${order[@]}"; do
      "$what" "$e" "$n"; record "$what" "$label" "$i" wall_s "$WALL"; record "$what" "$label" "$i" rss_kb "$RSS"
    done
  done
  # Without the cc_ indexes (the platform's own schema): check beside the plain scan, then back.
  target "$e" "$n"
  "$CC" init --drop-indexes "${T[@]}" >/dev/null
  [ "$e" = postgresql ] && psql -X -q -d "p$n" -c 'ANALYZE'
  for i in $(seq 1 "$(( rounds < 3 ? rounds : 3 ))"); do
    check "$e" "$n"; record noindex "$label" "$i" wall_s "$WALL"; record noindex "$label" "$i" rss_kb "$RSS"
    plain "$e" "$n"; record noindexplain "$label" "$i" wall_s "$WALL"
  done
  target "$e" "$n"
  "$CC" init --indexes "${T[@]}" >/dev/null
  [ "$e" = postgresql ] && psql -X -q -d "p$n" -c 'ANALYZE'
  if [ "$e" = postgresql ]; then # --parallel 2 with the indexes, beside the serial check
    for i in $(seq 1 "$(( rounds < 3 ? rounds : 3 ))"); do
      check "$e" "$n" --parallel 2; record parallel "$label" "$i" wall_s "$WALL"
      check "$e" "$n"; record serial "$label" "$i" wall_s "$WALL"
    done
  fi
}

for n in $sizes; do
  for e in sqlite postgresql; do dataset "$e" "$n"; measure "$e" "$n" "$RUNS"; done
done
if [ "$ten" -eq 1 ]; then
  for e in sqlite postgresql; do dataset "$e" 10000000; measure "$e" 10000000 1; done
fi
# repair-all on SQLite, measured only: a copy of the smallest dataset, every repairable key.
small=${sizes%% *}
cp "$WORK/s$small.db" "$WORK/r.db"; rm -f "$WORK/r.db-wal" "$WORK/r.db-shm"
timed "$CC" repair-all --apply --create-licenses --json --db "$WORK/r.db"
record repair "sqlite $small" 1 wall_s "$WALL"
record repair "sqlite $small" 1 keys "$(python3 -c "import json; print(len(json.load(open('$WORK/last.out'))['changed']))")"

{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"; echo "commit=$(git -C "$root" rev-parse --short HEAD)"
  echo "binary=$CC"; echo "nproc=$(nproc)"; echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"; echo "load_start=$load_start"
  echo "sqlite=$(sqlite3 --version | cut -d' ' -f1)"; echo "postgresql=$(psql -X -Atq -c 'SHOW server_version')"
  echo "ten=$ten"; echo "sizes=$sizes"
} >"$WORK/meta"
python3 "$here/check_floor_report.py" "$WORK/meta" "$R" "$out"
log "wrote $out"
