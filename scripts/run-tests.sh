#!/usr/bin/env bash
# Run the test suite; a throw-away PostgreSQL server is started when the machine has one, so the store tests
# run against both SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/test-postgres.sh start)"
trap 'scripts/test-postgres.sh stop' EXIT
mkdir -p test-artifacts
.venv/bin/python -m pytest -q -p no:cacheprovider --durations=25 "$@"
