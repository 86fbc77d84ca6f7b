#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 server on 127.0.0.1 (root: runs it as postgres).
#   scripts/pg-throwaway.sh start DIR PORT     creates DIR/data and starts the server
#   scripts/pg-throwaway.sh stop DIR
#   scripts/pg-throwaway.sh halt DIR [fast|immediate]   stops the server, keeps its data
#   scripts/pg-throwaway.sh resume DIR PORT              starts a halted server again
set -euo pipefail
action="$1"; root="$2"; port="${3:-54329}"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
serve() {
  as_postgres "$pgbin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $root -c fsync=off -c max_connections=200" start >/dev/null
}
case "$action" in
  start)
    mkdir -p "$root"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$root"
    as_postgres "$pgbin/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1
    serve
    ;;
  halt) as_postgres "$pgbin/pg_ctl" -D "$root/data" -m "${3:-fast}" -w stop >/dev/null ;;
  resume) serve ;;
  stop)
    if [ -d "$root/data" ]; then
      as_postgres "$pgbin/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$root"
    ;;
  *) echo "usage: $0 start|stop|halt|resume DIR [PORT|MODE]" >&2; exit 64 ;;
esac
