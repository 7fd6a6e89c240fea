#!/bin/bash
# The stand-in's entrypoint, as the postgres image's docker-entrypoint.sh does it for `postgres`:
# started as root, it owns the data folder to postgres and runs again as that user; on an empty
# data folder it runs initdb (UTF8, POSTGRES_USER as the superuser with POSTGRES_PASSWORD) and
# creates POSTGRES_DB; then the server runs in the foreground, listening on every address.
set -euo pipefail

if [ "${1:-}" != postgres ]; then
    exec "$@"
fi
if [ "$(id -u)" = 0 ]; then
    install -d -o postgres -g postgres -m 700 "$PGDATA"
    chown -R postgres:postgres "$PGDATA"
    install -d -o postgres -g postgres -m 2775 /var/run/postgresql
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?the stand-in (like the image) needs POSTGRES_PASSWORD}"
    user=${POSTGRES_USER:-postgres}
    db=${POSTGRES_DB:-$user}
    pwfile=$(mktemp)
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    # UTF8: with SQL_ASCII, clients that read the server's version string stumble
    initdb --pgdata="$PGDATA" --username="$user" --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 > /dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
    if [ "$db" != postgres ]; then
        # single-user mode: no server is listening while the database is made
        echo "CREATE DATABASE \"$db\"" | postgres --single -D "$PGDATA" postgres > /dev/null
    fi
    echo "initialised $PGDATA: user $user, database $db (UTF8)" >&2
fi
exec "$@"
