#!/usr/bin/env bash
# A PostgreSQL server on loopback from Debian's postgresql package (installed if missing, when run as root):
# no Docker needed. Data and log live in deploy/local/.postgres (or $POSTGRES_STATE_DIR); trust authentication,
# loopback only, for development and tests.
#
#   deploy/local/postgres.sh start    # listens on 127.0.0.1:${POSTGRES_PORT:-5432}, prints the JDBC URL
#   deploy/local/postgres.sh stop
#   deploy/local/postgres.sh status
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
state=${POSTGRES_STATE_DIR:-$here/.postgres}
port=${POSTGRES_PORT:-5432}

bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# PostgreSQL refuses to run as root; as root, run it as the postgres user.
as_owner() {
    if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi
}

start() {
    local pg; pg=$(bin)
    if [ -z "$pg" ]; then
        if [ "$(id -u)" != 0 ]; then echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; fi
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        pg=$(bin)
    fi
    mkdir -p "$state"
    [ "$(id -u)" = 0 ] && chown postgres "$state"
    if [ ! -f "$state/data/PG_VERSION" ]; then
        as_owner "$pg/initdb -D '$state/data' -U postgres --auth=trust >/dev/null"
    fi
    if as_owner "$pg/pg_ctl -D '$state/data' status" >/dev/null 2>&1; then
        echo "PostgreSQL already running on 127.0.0.1:$port"
    else
        as_owner "$pg/pg_ctl -D '$state/data' -o \"-c listen_addresses=127.0.0.1 -p $port -k '$state'\" -w -l '$state/postgres.log' start" >/dev/null
        echo "PostgreSQL $("$pg/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port; log: $state/postgres.log"
    fi
    echo "JDBC URL: jdbc:postgresql://127.0.0.1:$port/postgres (user postgres)"
}

stop() {
    local pg; pg=$(bin)
    if [ -n "$pg" ] && [ -f "$state/data/PG_VERSION" ]; then
        as_owner "$pg/pg_ctl -D '$state/data' -m fast stop" >/dev/null 2>&1 && echo "PostgreSQL stopped" || echo "PostgreSQL is not running"
    else
        echo "PostgreSQL is not running"
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) pg=$(bin); if [ -n "$pg" ] && as_owner "$pg/pg_ctl -D '$state/data' status" >/dev/null 2>&1; then echo "running on 127.0.0.1:$port"; else echo "stopped"; exit 3; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
