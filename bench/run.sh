#!/usr/bin/env bash
# The scale-and-speed benchmarks of issue 4. Not a test: CI never runs it (it takes ~40 minutes,
# ~45 with --half).
#
#   bench/run.sh [--quick] [--half] [--only SECTIONS] [--keep DIR] [--out FILE]
#     --quick   10k and 100k users only (for development); 1M figures are reported as not run
#     --half    also build 1M users × --desync-rate 0.5 on both engines for goal 7's Violations page
#               timings (ignored with --quick; without it they are reported as not run)
#     --only    run only these comma-separated sections (and build only their datasets): check
#               (goals 1, 3, 4 and --parallel), scan (goal 2), repair (goal 5), contention (goal 6),
#               gui (goal 7: check and repair-all), half (goal 7 at 1M × 0.5; implies --half),
#               startup (goal 8), demo (demo --users 1000000 timed $RUNS times per engine),
#               floor (issue 17: check against a plain scan of both tables, bench/check_floor.sh)
#     --keep    an earlier run's work directory (its results.tsv and meta): its rows are reported for
#               every (goal, label) this run did not measure, and the report names both runs
#     --out     where the report goes (default docs/PERFORMANCE.md)
#
# Installs what is missing (scripts/install-deps.sh), builds Release with the GUI into build/bench
# (the GUI probe, bench/gui_probe.cpp, measures goals 7 and 8 offscreen), creates every dataset with
# `coupling-console demo` (inside the database), starts its own throwaway PostgreSQL
# (scripts/pg-throwaway.sh, port 54335) and stops it in a trap, runs each measurement at least 5
# times, alternating the things that are compared, and writes the report with bench/report.py from
# the raw rows in $WORK/results.tsv.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
quick=0; half=0; only=""; keep=""; out="$root/docs/PERFORMANCE.md"
usage="usage: $0 [--quick] [--half] [--only SECTIONS] [--keep DIR] [--out FILE]"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --half) half=1 ;;
    --only) only="$2"; shift ;;
    --keep) keep="$2"; shift ;;
    --out) out="$2"; shift ;;
    *) echo "$usage" >&2; exit 64 ;;
  esac
  shift
done
for section in ${only//,/ }; do
  case "$section" in
    check|scan|repair|contention|gui|startup|demo|floor) ;;
    half) half=1 ;;
    *) echo "bench/run.sh: unknown section '$section' (check, scan, repair, contention, gui, half, startup, demo, floor)" >&2; exit 64 ;;
  esac
done
runs() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; } # is this section measured?
if [ -n "$keep" ] && { [ ! -f "$keep/results.tsv" ] || [ ! -f "$keep/meta" ]; }; then
  echo "bench/run.sh: --keep $keep: no results.tsv and meta there (give an earlier run's work directory)" >&2; exit 64
fi
RUNS=${CC_BENCH_RUNS:-5}
WORK=${CC_BENCH_WORK:-/tmp/cc-bench}
PGDIR=/tmp/bench-pg
PGPORT=54335

# --- tools ------------------------------------------------------------------------------------
# The project's own packages (build, Qt GUI, QtKeychain, PostgreSQL, xvfb), then what only the
# benchmarks use: pgbench (in postgresql), python3 for the report, /usr/bin/time, help2man (the build
# writes the man page). install-deps.sh installs only what is missing and needs root only then.
"$root/scripts/install-deps.sh"
"$root/scripts/install-deps.sh" python3 time help2man

# --- build ------------------------------------------------------------------------------------
# With the GUI: cc_gui_probe drives the real main window (goals 7 and 8). Built under nice so the
# compile does not starve other work on the machine; the build is not measured.
cmake -S "$root" -B "$root/build/bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCC_BUILD_TESTS=OFF \
  -DCC_BUILD_GUI=ON -DCC_BUILD_BENCH=ON >/dev/null
nice -n 10 ninja -C "$root/build/bench" -j2 >/dev/null
CC="$root/build/bench/app/coupling-console"
SCAN="$root/build/bench/bench/cc_platform_scan"
CONTENTION="$root/build/bench/bench/cc_contention"
PROBE="$root/build/bench/bench/cc_gui_probe"

# The kept run is read before the work directory is emptied (it may be the same directory).
kept_rows=""; kept_meta=""
if [ -n "$keep" ]; then kept_rows=$(cat "$keep/results.tsv"); kept_meta=$(cat "$keep/meta"); fi
rm -rf "$WORK"; mkdir -p "$WORK"
R="$WORK/results.tsv"            # goal <TAB> label <TAB> run <TAB> metric <TAB> value
: >"$R"
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$R"; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Runs a command under /usr/bin/time; sets WALL (s) and RSS (KB); its stdout goes to $WORK/last.out.
# Exit codes 0-3 are the check's health statuses, not failures.
timed() {
  local rc=0
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
  if [ "$rc" -gt 3 ]; then echo "failed ($rc): $*" >&2; cat "$WORK/last.err" >&2; exit 1; fi
  read -r WALL RSS < <(tail -n 1 "$WORK/time")
}
# repair-all --json "changed": a count, or the list of changed keys.
changed() { python3 -c "import json; c=json.load(open('$WORK/last.out'))['changed']; print(c if isinstance(c, int) else len(c))"; }
json() { python3 -c "import json,sys; print(json.load(open('$WORK/last.out'))$1)"; }

# --- PostgreSQL -------------------------------------------------------------------------------
"$root/scripts/pg-throwaway.sh" stop "$PGDIR" || true
"$root/scripts/pg-throwaway.sh" start "$PGDIR" "$PGPORT"
trap '"$root/scripts/pg-throwaway.sh" stop "$PGDIR"' EXIT
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres
pg() { echo "host=127.0.0.1 port=$PGPORT user=postgres dbname=$1"; }

# --- machine ----------------------------------------------------------------------------------
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- core ui app bench 2>/dev/null || echo ' (core/ui/app/bench modified)')"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "ram=$(free -m | awk '/^Mem:/ {print $2}') MB"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "sqlite=$(sqlite3 --version | cut -d' ' -f1)"
  echo "postgres=$(psql -X -At -d postgres -c 'SHOW server_version')"
  echo "runs=$RUNS"
  echo "quick=$quick"
  echo "half=$half"
  echo "only=$only"
  if [ -n "$kept_meta" ]; then # and what that run itself kept from an earlier one
    kept_only=$(sed -n 's/^only=//p' <<<"$kept_meta"); kept_earlier=$(sed -n 's/^kept=//p' <<<"$kept_meta")
    echo "kept=$(sed -n 's/^date=//p' <<<"$kept_meta"), commit $(sed -n 's/^commit=//p' <<<"$kept_meta")${kept_only:+ (sections $kept_only)}${kept_earlier:+; before it $kept_earlier}"
  fi
} >"$WORK/meta"

# --- datasets ---------------------------------------------------------------------------------
sizes="10000 100000"; [ "$quick" -eq 0 ] && sizes="$sizes 1000000"
big=${sizes##* }
indexes() { # which cc_ key indexes a dataset has
  if [ "$1" = sqlite ]; then sqlite3 "$2" "SELECT group_concat(name, ' ') FROM sqlite_master WHERE name IN ('cc_progress_key','cc_license_key')"
  else psql -X -At -d "$2" -c "SELECT string_agg(indexname, ' ') FROM pg_indexes WHERE indexname IN ('cc_progress_key','cc_license_key')"; fi
}
make_sqlite() { rm -f "$1" "$1-wal" "$1-shm"; timed "$CC" demo --users "$2" --seed 1 --desync-rate "$3" --db "$1"; }
make_pg() {
  dropdb --if-exists "$1"; createdb "$1"
  timed "$CC" demo --users "$2" --seed 1 --desync-rate "$3" --pg "$(pg "$1")"
  local demo_wall=$WALL
  psql -X -q -d "$1" -c 'VACUUM ANALYZE' # a live platform database has statistics; demo leaves them to autovacuum
  WALL=$demo_wall
}
data_sizes=""
for n in $sizes; do
  if runs check || { runs scan && [ "$n" = 100000 ]; } || { runs gui && [ "$n" = "$big" ]; }; then data_sizes="$data_sizes $n"; fi
done
for n in $data_sizes; do
  log "datasets: $n users"
  make_sqlite "$WORK/s$n.db" "$n" 0.02; record demo "sqlite $n" 1 wall_s "$WALL"
  make_pg "p$n" "$n" 0.02; record demo "postgresql $n" 1 wall_s "$WALL"
  record indexes "sqlite $n" 1 names "$(indexes sqlite "$WORK/s$n.db")"
  record indexes "postgresql $n" 1 names "$(indexes pg "p$n")"
done

# demo --users 1000000 finishes in under a minute (an absolute goal: the median of $RUNS runs per
# engine, alternated; each into a new file or database, without the VACUUM ANALYZE of the datasets).
for i in $(runs demo && [ "$quick" -eq 0 ] && seq 1 "$RUNS"); do
  log "demo at 1M users: round $i"
  make_sqlite "$WORK/demo.db" 1000000 0.02; record demotime "sqlite 1000000" "$i" wall_s "$WALL"
  rm -f "$WORK/demo.db"*
  dropdb --if-exists demo1m; createdb demo1m
  timed "$CC" demo --users 1000000 --seed 1 --desync-rate 0.02 --pg "$(pg demo1m)"; record demotime "postgresql 1000000" "$i" wall_s "$WALL"
  dropdb demo1m
done

# --- goals 1, 3, 4 and SCALING: check vs the database's own client, side by side -------------
check_run() { # goal label run engine-args...
  local goal=$1 label=$2 i=$3; shift 3
  timed "$CC" check --json --limit 0 "$@"
  record "$goal" "$label" "$i" wall_s "$WALL"
  record "$goal" "$label" "$i" rss_kb "$RSS"
  record "$goal" "$label" "$i" duration_ms "$(json "['duration_ms']")"
  record "$goal" "$label" "$i" total_pairs "$(json "['total_pairs']")"
}
runs check && "$CC" check --print-sql --db "$WORK/s10000.db" >"$WORK/sqlite.sql"
runs check && "$CC" check --print-sql --pg "$(pg p10000)" >"$WORK/pg.sql"
for n in $(runs check && echo "$sizes"); do
  for i in $(seq 1 "$RUNS"); do
    log "goal 1: $n users, round $i"
    timed sqlite3 "$WORK/s$n.db" ".read $WORK/sqlite.sql" ; record client "sqlite3 $n" "$i" wall_s "$WALL"
    check_run check "sqlite $n" "$i" --db "$WORK/s$n.db"
    timed psql -X -q -d "p$n" -f "$WORK/pg.sql" -o /dev/null; record client "psql $n" "$i" wall_s "$WALL"
    record client "psql $n" "$i" rss_kb "$RSS"
    check_run check "postgresql $n" "$i" --pg "$(pg "p$n")"
    if [ "$n" = "$big" ]; then
      for par in 2 4; do check_run parallel "postgresql $n p$par" "$i" --parallel "$par" --pg "$(pg "p$n")"; done
    fi
  done
done

# --- goal 2: the platform's N+1 scan vs check, 100k users -------------------------------------
# On the platform's own schema: a copy of the 100k dataset without the cc_ key indexes (apart from
# primary and foreign keys the platform has none, docs/PLATFORM.md), so each per-row query reads a whole
# table; the scan checks the first $PAIRS rows and estimates the whole scan from their mean cost
# (cc_platform_scan --pairs). Alternated with check on the same copy.
PAIRS=${CC_BENCH_SCAN_PAIRS:-500}
scan_run() { # label run engine-args...
  local label=$1 i=$2; shift 2
  timed "$SCAN" "$@" --pairs "$PAIRS"
  record scanplat "$label" "$i" estimated_s "$(sed -n 's/.*estimated_ms=\([0-9]*\).*/\1/p' "$WORK/last.out" | awk '{ print $1 / 1000 }')"
  record scanplat "$label" "$i" scanned "$(sed -n 's/.*scanned=\([0-9]*\).*/\1/p' "$WORK/last.out")"
  record scanplat "$label" "$i" rows "$(sed -n 's/.*rows=\([0-9]*\).*/\1/p' "$WORK/last.out")"
  record scanplat "$label" "$i" wall_s "$WALL"
}
if runs scan; then
  cp "$WORK/s100000.db" "$WORK/plat.db"
  "$CC" init --drop-indexes --db "$WORK/plat.db" >/dev/null
  dropdb --if-exists pplat; createdb -T p100000 pplat
  "$CC" init --drop-indexes --pg "$(pg pplat)" >/dev/null
  record indexes "sqlite 100000 platform schema" 1 names "$(indexes sqlite "$WORK/plat.db")"
  record indexes "postgresql 100000 platform schema" 1 names "$(indexes pg pplat)"
fi
for i in $(runs scan && seq 1 "$RUNS"); do
  log "goal 2, the platform's own schema: round $i"
  scan_run "sqlite 100000" "$i" --db "$WORK/plat.db"
  check_run scanplatcheck "sqlite 100000" "$i" --db "$WORK/plat.db"
  scan_run "postgresql 100000" "$i" --pg "$(pg pplat)"
  check_run scanplatcheck "postgresql 100000" "$i" --pg "$(pg pplat)"
done
runs scan && { rm -f "$WORK/plat.db"*; dropdb --if-exists pplat; }
# Reported only: the same scan over the tool's cc_ key indexes, which the platform does not have.
for i in $(runs scan && seq 1 "$RUNS"); do
  log "goal 2, with the cc_ indexes: round $i"
  timed "$SCAN" --db "$WORK/s100000.db"; record scan "sqlite 100000" "$i" wall_s "$WALL"
  record scan "sqlite 100000" "$i" queries "$(sed -n 's/.*queries=\([0-9]*\).*/\1/p' "$WORK/last.out")"
  check_run scancheck "sqlite 100000" "$i" --db "$WORK/s100000.db"
  if [ "$i" -le "${CC_BENCH_PG_SCAN_RUNS:-$RUNS}" ]; then
    timed "$SCAN" --pg "$(pg p100000)"; record scan "postgresql 100000" "$i" wall_s "$WALL"
    record scan "postgresql 100000" "$i" queries "$(sed -n 's/.*queries=\([0-9]*\).*/\1/p' "$WORK/last.out")"
    check_run scancheck "postgresql 100000" "$i" --pg "$(pg p100000)"
  fi
done

# --- goal 5: repairs on ~20k repairable keys (100k users at 17 % desync), fresh data each run --
RATE=0.17
for i in $(runs repair && seq 1 "$RUNS"); do
  log "goal 5: round $i"
  make_sqlite "$WORK/r.db" 100000 "$RATE"
  timed "$CC" repair-all --apply --create-licenses --json --db "$WORK/r.db"
  record repair "sqlite batch" "$i" wall_s "$WALL"; record repair "sqlite batch" "$i" keys "$(changed)"
  make_pg rpg 100000 "$RATE"
  timed "$CC" repair-all --apply --create-licenses --json --pg "$(pg rpg)"
  record repair "postgresql batch" "$i" wall_s "$WALL"; record repair "postgresql batch" "$i" keys "$(changed)"
done
# The writes alone, in process (bench/cc_repair_batches, after a stored check): 500 keys per
# transaction as repair-all writes them, and one commit per key, alternated on fresh copies of one
# checked dataset per engine.
# On SQLite the run is timed from inside too: bench/sqlite_step_timer.cpp, preloaded, sums the time
# spent in sqlite3_step (SQLite's own work and its file I/O), what no client could save.
BATCHES="$root/build/bench/bench/cc_repair_batches"
STEP_TIMER="$root/build/bench/bench/libcc_sqlite_step_timer.so"
writes_run() { # label run per-transaction engine-args...
  local label=$1 i=$2 per=$3; shift 3
  if [ "$1" = --db ]; then timed env LD_PRELOAD="$STEP_TIMER" "$BATCHES" "$@" --keys-per-transaction "$per"
  else timed "$BATCHES" "$@" --keys-per-transaction "$per"; fi
  record writes "$label" "$i" ms "$(sed -n 's/.* ms=\([0-9]*\).*/\1/p' "$WORK/last.out")"
  record writes "$label" "$i" keys "$(sed -n 's/.*changed=\([0-9]*\).*/\1/p' "$WORK/last.out")"
  [ "$1" = --db ] && record writes "$label" "$i" sqlite_ms "$(sed -n 's/^sqlite3_step .* ms=\([0-9.]*\).*/\1/p' "$WORK/last.err")"
  return 0
}
if runs repair; then
  make_sqlite "$WORK/w.db" 100000 "$RATE"; "$CC" check --limit 0 --db "$WORK/w.db" >/dev/null || true
  make_pg wsrc 100000 "$RATE"; "$CC" check --limit 0 --pg "$(pg wsrc)" >/dev/null || true
fi
for i in $(runs repair && seq 1 "$RUNS"); do
  log "goal 5, the writes alone: round $i"
  for per in 500 1; do
    rm -f "$WORK/w-run.db"*; cp "$WORK/w.db" "$WORK/w-run.db"
    writes_run "sqlite $per" "$i" "$per" --db "$WORK/w-run.db"
    dropdb --if-exists wrun; createdb -T wsrc wrun
    writes_run "postgresql $per" "$i" "$per" --pg "$(pg wrun)"
  done
done
runs repair && { rm -f "$WORK/w.db"* "$WORK/w-run.db"*; dropdb --if-exists wrun; dropdb --if-exists wsrc; }

# --- goal 6: contention on 100 users, PostgreSQL ----------------------------------------------
if runs contention; then
  TX=${CC_BENCH_TX:-2000}
  make_pg cont 10000 0
  psql -X -q -d cont -c "SELECT 1" >/dev/null
  xp_sum() { psql -X -At -d cont -c "SELECT sum(total_xp) FROM specialization_progress WHERE student_id BETWEEN 101 AND 200"; }
  desyncs() { psql -X -At -d cont -c "SELECT count(*) FROM specialization_progress p JOIN user_licenses l ON l.user_id = p.student_id \
    AND (CASE rtrim(l.specialization_type) WHEN 'PLAYER' THEN 'GANCUJU_PLAYER' WHEN 'COACH' THEN 'LFA_COACH' ELSE rtrim(l.specialization_type) END) = \
        (CASE rtrim(p.specialization_id) WHEN 'PLAYER' THEN 'GANCUJU_PLAYER' WHEN 'COACH' THEN 'LFA_COACH' ELSE rtrim(p.specialization_id) END) \
    WHERE p.student_id BETWEEN 101 AND 200 AND p.current_level <> l.current_level"; }
  psql -X -At -d cont -c "SELECT student_id, specialization_id FROM specialization_progress WHERE student_id BETWEEN 101 AND 200 ORDER BY 1, 2" \
    | awk -F'|' '!seen[$1]++' >"$WORK/cont_keys"
  for i in $(seq 1 "$RUNS"); do
    log "goal 6: round $i"
    before=$(xp_sum)
    pgbench -n -c 8 -j 2 -t "$TX" -f "$here/coupled_update.sql" -r cont >"$WORK/pgbench.out" 2>&1
    record contention "pgbench 8x$TX" "$i" tps "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench.out" | tail -1)"
    record contention "pgbench 8x$TX" "$i" lat_avg_ms "$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' "$WORK/pgbench.out")"
    after=$(xp_sum); record contention "pgbench 8x$TX" "$i" lost_xp "$((before + 8 * TX - after))"
    # The tool: 8 client threads in one process, each with its own session and connection, running
    # the engine's update-progress (docs/BEHAVIOUR.md C5's locks and audit) on the same keys.
    before=$after
    "$CONTENTION" --pg "$(pg cont)" --keys "$WORK/cont_keys" --clients 8 --transactions "$TX" >"$WORK/contention.out" 2>"$WORK/contention.err" \
      || log "cc_contention failed (see $WORK/contention.err)"
    awk -F'\t' -v r="$i" -v l="tool 8x$TX" 'NF == 3 { print "contention\t" l "\t" r "\t" $1 "\t" $2 }' "$WORK/contention.out" >>"$R"
    after=$(xp_sum); record contention "tool 8x$TX" "$i" lost_xp "$((before + 8 * TX - after))"
    record contention "after" "$i" desyncs "$(desyncs)"
  done
fi

# --- goals 7 and 8: the real main window, offscreen, under cc_gui_probe ------------------------
# The probe prints "name<TAB>value<TAB>unit" lines; each becomes a row of goal "gui". A probe that
# fails is recorded (metric failed) and the suite goes on; its stderr stays in $WORK/probe-*.err.
export QT_QPA_PLATFORM=offscreen
probe() { # label run probe-args...
  local label=$1 i=$2; shift 2
  local rc=0 err="$WORK/probe-$(echo "$label" | tr -c 'a-zA-Z0-9\n' '_')-$i.err"
  "$PROBE" "$@" >"$WORK/probe.out" 2>"$err" || rc=$?
  awk -F'\t' -v l="$label" -v r="$i" 'NF == 3 { print "gui\t" l "\t" r "\t" $1 "\t" $2 }' "$WORK/probe.out" >>"$R"
  if [ "$rc" -ne 0 ]; then
    log "cc_gui_probe failed ($rc): $label, round $i (see $err)"
    record gui "$label" "$i" failed 1
  fi
  # repair-all's closing message: "Repair all violations: 19999 key(s) changed; …"
  local keys
  keys=$(sed -n 's/.*repair-all said: .*[^0-9]\([0-9,]\{1,\}\) key(s) changed.*/\1/p' "$err" | tr -d ',' | tail -n 1)
  [ -n "$keys" ] && record gui "$label" "$i" keys "$keys"
  return 0
}

# Goal 7, a full check at the largest size ("Run check now", then 3 dashboard refreshes from the
# stored runs, then the Violations page over the run just stored). Each launch is also a second
# launch on an existing database: its time to the first painted dashboard is kept.
for i in $(runs gui && seq 1 "$RUNS"); do
  log "goal 7: check at $big users, round $i"
  probe "sqlite check $big" "$i" --db "$WORK/s$big.db" --check --refresh 3 --violations
  probe "postgresql check $big" "$i" --pg "$(pg "p$big")" --check --refresh 3 --violations
done

# Goal 7, "Repair all…" (preview, apply, reload) of ~20k keys: 40k users at --desync-rate 0.5
# (≈ 20,000 keys changed), a fresh copy of the same dataset per run.
if runs gui; then
  make_sqlite "$WORK/gr.db" 40000 0.5
  make_pg grsrc 40000 0.5
fi
for i in $(runs gui && seq 1 "$RUNS"); do
  log "goal 7: repair-all, round $i"
  rm -f "$WORK/gr-run.db"*; cp "$WORK/gr.db" "$WORK/gr-run.db"
  probe "sqlite repair 40000 x 0.5" "$i" --db "$WORK/gr-run.db" --repair
  dropdb --if-exists grrun; createdb -T grsrc grrun
  probe "postgresql repair 40000 x 0.5" "$i" --pg "$(pg grrun)" --repair
done
rm -f "$WORK/gr.db"* "$WORK/gr-run.db"*; dropdb --if-exists grrun; dropdb --if-exists grsrc

# Goal 7, the Violations page over 1M users at --desync-rate 0.5 (500,000 violations in the stored
# run that `check` leaves), and the dashboard refresh at that size.
if [ "$half" -eq 1 ] && [ "$quick" -eq 0 ] && runs half; then
  log "1M x 0.5: datasets"
  make_sqlite "$WORK/half.db" 1000000 0.5; record demo "sqlite 1000000 rate 0.5" 1 wall_s "$WALL"
  make_pg phalf 1000000 0.5; record demo "postgresql 1000000 rate 0.5" 1 wall_s "$WALL"
  timed "$CC" check --limit 0 --db "$WORK/half.db"
  timed "$CC" check --limit 0 --pg "$(pg phalf)"
  for i in $(seq 1 "$RUNS"); do
    log "goal 7: Violations page at 1M x 0.5, round $i"
    probe "sqlite half" "$i" --db "$WORK/half.db" --violations --refresh 3
    probe "postgresql half" "$i" --pg "$(pg phalf)" --violations --refresh 3
  done
  rm -f "$WORK/half.db"*; dropdb --if-exists phalf
fi

# --- goal 8: start-up on the embedded database --------------------------------------------------
# A new XDG_DATA_HOME (and XDG_CONFIG_HOME) per round: the first launch of the GUI creates the
# embedded demo database (2,000 users) before its window, the second opens it. The probe times
# process start to the first painted dashboard. The headless CLI is timed alongside, for comparison.
for i in $(runs startup && seq 1 "$RUNS"); do
  log "goal 8: round $i"
  x=$(mktemp -d)
  XDG_DATA_HOME="$x/data" XDG_CONFIG_HOME="$x/config" probe "first launch" "$i" --embedded
  if [ -z "$(find "$x/data" -name coupling-console.db 2>/dev/null)" ]; then
    log "goal 8: the first launch did not create the embedded database"; record gui "first launch" "$i" failed 1
  fi
  XDG_DATA_HOME="$x/data" XDG_CONFIG_HOME="$x/config" probe "second launch" "$i" --embedded
  rm -rf "$x"; x=$(mktemp -d)
  timed env XDG_DATA_HOME="$x" "$CC" --version; record startup "--version" "$i" wall_s "$WALL"
  timed env XDG_DATA_HOME="$x" "$CC" check --limit 0; record startup "check, first launch (creates the demo)" "$i" wall_s "$WALL"
  timed env XDG_DATA_HOME="$x" "$CC" check --limit 0; record startup "check, second launch" "$i" wall_s "$WALL"
  rm -rf "$x"
done

echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/meta"
# --keep: the earlier run's rows for every (goal, label) this run did not record.
if [ -n "$kept_rows" ]; then
  cp "$R" "$WORK/measured.tsv"
  awk -F'\t' 'NR == FNR { new[$1 FS $2] = 1; next } !(($1 FS $2) in new)' "$WORK/measured.tsv" - <<<"$kept_rows" >>"$R"
fi
python3 "$here/report.py" "$WORK/meta" "$R" >"$out"
log "wrote $out (raw rows: $R)"
# Issue 17's section (check against the floor): its own datasets and server, written into $out.
if runs floor; then CC_BIN="$CC" "$here/check_floor.sh" --runs "$RUNS" --out "$out"; fi
