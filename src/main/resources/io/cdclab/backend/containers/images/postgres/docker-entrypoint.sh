#!/bin/sh
# The official postgres image's documented contract, on zonky's binaries (which have no psql):
#  - POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_USER (default postgres),
#    POSTGRES_DB (default POSTGRES_USER), POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD (default scram-sha-256),
#    PGDATA; arguments after "postgres" (e.g. -c wal_level=logical) go to the server.
#  - On an empty data folder: initdb, the database, then a temporary server that only listens on a socket and is
#    stopped again, so "database system is ready to accept connections" is printed twice, as the official image
#    does (Testcontainers' PostgreSQLContainer waits for the second one). A restart with data prints it once.
#  - Not supported: /docker-entrypoint-initdb.d scripts (they need psql), POSTGRES_INITDB_WALDIR.
set -eu
case "${1:-postgres}" in -*) set -- postgres "$@" ;; esac
[ "${1:-postgres}" = postgres ] || exec "$@"
[ $# -gt 0 ] && shift

POSTGRES_USER=${POSTGRES_USER:-postgres}
POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
POSTGRES_HOST_AUTH_METHOD=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    echo "Error: the database is uninitialized and POSTGRES_PASSWORD is not set. Set it (or POSTGRES_HOST_AUTH_METHOD=trust)." >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-}" > "$pwfile"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of arguments, as in the official image
  initdb -D "$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
    ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  printf "\nlisten_addresses = '*'\nunix_socket_directories = '/var/run/postgresql'\n" >> "$PGDATA/postgresql.conf"
  printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >> "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    # Single-user mode: the only way to run SQL without a client. "" doubles a double quote in the name.
    printf 'CREATE DATABASE "%s"\n' "$(printf '%s' "$POSTGRES_DB" | sed 's/"/""/g')" \
      | postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  if [ -n "$(ls -A /docker-entrypoint-initdb.d 2>/dev/null)" ]; then
    echo "Warning: /docker-entrypoint-initdb.d is ignored: this image (zonky's binaries) has no psql." >&2
  fi
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses= -c unix_socket_directories=/var/run/postgresql" start
  pg_ctl -D "$PGDATA" -w -m fast stop
  echo "PostgreSQL init process complete; ready for start up."
fi
exec postgres "$@"
