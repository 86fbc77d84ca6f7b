#!/usr/bin/env bash
# Goal 5 of issue 4, two builds side by side: `repair-all --apply --create-licenses` on fresh copies
# of one demo dataset, alternating the builds within each round, on SQLite and PostgreSQL.
#
#   bench/repair_side_by_side.sh BEFORE_BINARY AFTER_BINARY [ROUNDS] [USERS] [RATE]
#
# Needs a PostgreSQL server of your own in PGHOST/PGPORT/PGUSER (scripts/pg-throwaway.sh). Each run
# gets a fresh copy (SQLite: cp of the master file; PostgreSQL: createdb -T the master database).
# "whole" is the command as an operator runs it (it runs the check first: no stored run yet);
# "repair" runs `check` first, untimed, so repair-all works from that stored run (the writes only).
# Prints one line per run and the medians; keys/s = keys changed / wall time.
set -euo pipefail
before=$(realpath "$1"); after=$(realpath "$2")
rounds=${3:-3}; users=${4:-20000}; rate=${5:-0.5}
work=$(mktemp -d /tmp/cc-repair-bench.XXXXXX)
trap 'rm -rf "$work"; for d in $(psql -XAtq -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE '"'"'ccrb_%'"'"'"); do dropdb "$d"; done' EXIT
pgdb() { echo "host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432} user=${PGUSER:-postgres} dbname=$1"; }

"$after" demo --db "$work/master.db" --users "$users" --desync-rate "$rate" >/dev/null
dropdb --if-exists ccrb_master >/dev/null 2>&1
createdb ccrb_master
"$after" demo --pg "$(pgdb ccrb_master)" --users "$users" --desync-rate "$rate" >/dev/null
psql -XAtq -d ccrb_master -c "VACUUM ANALYZE" >/dev/null

results="$work/results"
: >"$results"
n=0
run_one() { # label binary engine mode
  local label=$1 bin=$2 engine=$3 mode=$4 target
  n=$((n + 1))
  if [ "$engine" = sqlite ]; then
    cp "$work/master.db" "$work/r.db"; rm -f "$work/r.db-wal" "$work/r.db-shm"
    target=(--db "$work/r.db")
  else
    createdb -T ccrb_master "ccrb_$n"
    target=(--pg "$(pgdb "ccrb_$n")")
  fi
  [ "$mode" = repair ] && "$bin" check --limit 0 "${target[@]}" >/dev/null 2>&1 || true
  /usr/bin/time -f '%e' -o "$work/time" "$bin" repair-all --apply --create-licenses --json "${target[@]}" >"$work/out.json"
  local wall keys
  wall=$(tail -n 1 "$work/time")
  keys=$(python3 -c "import json; c=json.load(open('$work/out.json'))['changed']; print(c if isinstance(c, int) else len(c))")
  printf '%s %s %s %s %s\n' "$engine" "$mode" "$label" "$wall" "$keys" | tee -a "$results"
  [ "$engine" = postgres ] && dropdb "ccrb_$n"
  return 0
}
for round in $(seq 1 "$rounds"); do
  for engine in sqlite postgres; do
    for mode in whole repair; do
      if [ $((round % 2)) -eq 1 ]; then
        run_one before "$before" "$engine" "$mode"; run_one after "$after" "$engine" "$mode"
      else
        run_one after "$after" "$engine" "$mode"; run_one before "$before" "$engine" "$mode"
      fi
    done
  done
done
python3 - "$results" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
print("\nengine   mode    build   wall median [min-max]   keys   keys/s (median wall)")
for engine in ("sqlite", "postgres"):
    for mode in ("whole", "repair"):
        for label in ("before", "after"):
            walls = [float(r[3]) for r in rows if r[:3] == [engine, mode, label]]
            keys = [int(r[4]) for r in rows if r[:3] == [engine, mode, label]]
            if walls:
                m = statistics.median(walls)
                print(f"{engine:8} {mode:7} {label:7} {m:6.2f} s [{min(walls):.2f}-{max(walls):.2f}, n={len(walls)}] "
                      f"{keys[0]:6} {keys[0] / m:8.0f}")
EOF
