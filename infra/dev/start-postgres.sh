#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server from Debian's packages for the external-database leg of the
# tests, and prints the JDBC URL to use as RGRID_TEST_DATABASE_URL. Idempotent: a server already
# answering on the port is reused.
#   export RGRID_TEST_DATABASE_URL=$(infra/dev/start-postgres.sh)
set -euo pipefail
port="${RGRID_TEST_PG_PORT:-55432}"
dir="${RGRID_TEST_PG_DIR:-/tmp/rgrid-test-postgres-$port}"  # the postgres user must reach it: not under /root
url="jdbc:postgresql://127.0.0.1:${port}/postgres?user=rgrid&password=rgrid"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  echo "[postgres] installing Debian's postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then echo "$url"; exit 0; fi

mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 >"$dir/initdb.log" 2>&1
fi
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >&2
as_pg "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c \
  "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rgrid') THEN CREATE ROLE rgrid LOGIN SUPERUSER PASSWORD 'rgrid'; END IF; END \$\$;" >&2
echo "$url"
