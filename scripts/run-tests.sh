#!/usr/bin/env bash
# Run the test suite; a throw-away PostgreSQL server is started when the machine has one, so the store tests
# run against both SQLite and PostgreSQL. Two pytest-xdist workers (SIGNAALI_TEST_WORKERS, 0 = none), one test module
# per worker at a time (--dist loadfile: a module's shared store and Prefect server stay in one process): much of
# the suite waits on subprocesses, servers and model loads, so a second worker pays even on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/test-postgres.sh start)"
trap 'scripts/test-postgres.sh stop' EXIT
mkdir -p test-artifacts
.venv/bin/python -m pytest -q -p no:cacheprovider --durations=25 -n "${SIGNAALI_TEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "$@"
