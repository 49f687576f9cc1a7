#!/usr/bin/env bash
# Starts a private PostgreSQL server for the tests, on 127.0.0.1 with a data
# folder of its own, and prints the export line for NEWSKG_PG_URL.
#   eval "$(bash .ci/postgres.sh start)"   ...   bash .ci/postgres.sh stop
# Installs Debian's postgresql when it is missing. Runs the server as the
# postgres user (PostgreSQL refuses to run as root).
set -euo pipefail
port=${NEWSKG_PG_PORT:-54329}
data=${NEWSKG_PG_DATA:-/tmp/newskg-pg-$port}

pgbin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

case "${1:-}" in
start)
  if [ -z "$(pgbin)" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  fi
  bin=$(pgbin)
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    chown postgres "$data"
    su postgres -s /bin/sh -c "$bin/initdb -D '$data' -A trust -U postgres --no-sync -E UTF8" >&2
  fi
  if ! su postgres -s /bin/sh -c "$bin/pg_ctl -D '$data' status" >/dev/null 2>&1; then
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$data' -l '$data/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$data'\" start" >&2
  fi
  echo "export NEWSKG_PG_URL='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
  ;;
stop)
  bin=$(pgbin)
  [ -n "$bin" ] && [ -f "$data/postmaster.pid" ] && su postgres -s /bin/sh -c "$bin/pg_ctl -D '$data' -w -m fast stop" >&2 || true
  ;;
*)
  echo "usage: $0 start|stop" >&2
  exit 2
  ;;
esac
