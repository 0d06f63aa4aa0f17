#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the test suite and print its URL (empty if impossible).
# Usage: eval "$(scripts/test-postgres.sh start)"  /  scripts/test-postgres.sh stop
set -u
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
DIR=${SIGNAALI_PG_DIR:-/tmp/signaali-test-pg}
PORT=${SIGNAALI_PG_PORT:-55432}
run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    if [ -z "$PGBIN" ]; then echo "echo 'PostgreSQL not installed: its tests are skipped' >&2"; exit 0; fi
    if ! run "$PGBIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      rm -rf "$DIR"; mkdir -p "$DIR"; [ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
      run "$PGBIN/initdb" -D "$DIR" -U signaali --auth=trust >/dev/null || { echo "echo 'initdb failed' >&2"; exit 0; }
      run "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
        || { echo "echo 'PostgreSQL did not start' >&2"; exit 0; }
    fi
    echo "export SIGNAALI_TEST_PG_URL=postgresql+psycopg://signaali@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    [ -n "$PGBIN" ] && run "$PGBIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
