#!/usr/bin/env bash
# Goal 5 of issue 4, correctness: two builds must leave the same database after
# `repair-all --apply --create-licenses` on fresh copies of one demo dataset, on SQLite and
# PostgreSQL: every platform row and every audit and batch row, compared as text ordered by id, with
# the times the runs wrote masked (any timestamp the dataset did not already hold).
#
#   bench/repair_same_result.sh BEFORE_BINARY AFTER_BINARY [USERS] [RATE]
#
# Needs a PostgreSQL server of your own in PGHOST/PGPORT/PGUSER (scripts/pg-throwaway.sh). Exits 1
# and prints the first differences when the two databases differ.
set -euo pipefail
before=$(realpath "$1"); after=$(realpath "$2")
users=${3:-20000}; rate=${4:-0.5}
work=$(mktemp -d /tmp/cc-repair-same.XXXXXX)
trap 'rm -rf "$work"; for d in ccrs_master ccrs_before ccrs_after; do dropdb --if-exists "$d" >/dev/null 2>&1; done' EXIT
pgdb() { echo "host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432} user=${PGUSER:-postgres} dbname=$1"; }

dump() { # engine target masterdump|-
  python3 - "$@" <<'EOF'
import re, subprocess, sys
engine, target, master = sys.argv[1:4]
tables = ["users", "specializations", "specialization_progress", "user_licenses", "license_progressions",
          "user_achievements", "audit", "batches"]
out = []
for t in tables:
    tool = t in ("audit", "batches")
    if engine == "sqlite":
        name = "cc_" + t if tool else t
        cmd = ["sqlite3", "-separator", "|", target, f"SELECT * FROM {name} ORDER BY id"]
    else:
        name = "coupling_console." + t if tool else t
        cmd = ["psql", "-XAtq", "-d", target, "-c", f"COPY (SELECT * FROM {name} ORDER BY id) TO STDOUT"]
    out.append(f"== {t}\n" + subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
text = "".join(out)
stamp = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?")
if master != "-":
    known = set(stamp.findall(open(master).read()))
    text = stamp.sub(lambda m: m.group(0) if m.group(0) in known else "<time>", text)
sys.stdout.write(text)
EOF
}

"$after" demo --db "$work/master.db" --users "$users" --desync-rate "$rate" >/dev/null
dropdb --if-exists ccrs_master >/dev/null 2>&1
createdb ccrs_master
"$after" demo --pg "$(pgdb ccrs_master)" --users "$users" --desync-rate "$rate" >/dev/null
dump sqlite "$work/master.db" - >"$work/master.sqlite"
dump postgres ccrs_master - >"$work/master.postgres"

status=0
for engine in sqlite postgres; do
  for label in before after; do
    bin=$before; [ "$label" = after ] && bin=$after
    if [ "$engine" = sqlite ]; then
      cp "$work/master.db" "$work/$label.db"
      target=(--db "$work/$label.db"); dumped="$work/$label.db"
    else
      createdb -T ccrs_master "ccrs_$label"
      target=(--pg "$(pgdb "ccrs_$label")"); dumped="ccrs_$label"
    fi
    "$bin" repair-all --apply --create-licenses --json "${target[@]}" >"$work/$label.json"
    dump "$engine" "$dumped" "$work/master.$engine" >"$work/$engine.$label"
  done
  changed=$(python3 -c "import json; c=json.load(open('$work/after.json'))['changed']; print(c if isinstance(c, int) else len(c))")
  if cmp -s "$work/$engine.before" "$work/$engine.after"; then
    echo "$engine: identical ($changed keys changed; $(wc -l <"$work/$engine.after") lines, $(grep -c '<time>' "$work/$engine.after") with masked times)"
  else
    echo "$engine: DIFFERENT"; diff "$work/$engine.before" "$work/$engine.after" | head -n 20; status=1
  fi
  dropdb --if-exists ccrs_before >/dev/null 2>&1; dropdb --if-exists ccrs_after >/dev/null 2>&1
done
exit $status
