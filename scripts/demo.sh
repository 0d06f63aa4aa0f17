#!/usr/bin/env bash
# The demo: the nightly flow on the bundled demo data (data/sample), into data/demo.db, exports in data/out/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
export SIGNAALI_DB_URL="${SIGNAALI_DB_URL:-sqlite:///$PWD/data/demo.db}"
OUT="${SIGNAALI_DEMO_OUT:-$PWD/data/out/demo}"
BIN=.venv/bin
echo "== 1/3 ingest the demo exports (one UTF-8 CSV, one cp1252 ';' Excel export, one file with broken rows)"
$BIN/signaali ingest data/sample/raportit_2024.csv data/sample/raportit_2025.csv data/sample/broken_reports.csv
echo "== 2/3 reviewed labels from an analyst's file"
$BIN/signaali review import data/sample/labels_reviewed.csv --reviewer demo-analyst
echo "== 3/3 the nightly flow (lemmas, embeddings, topics, themes, weak signals, exports)"
$BIN/signaali run --as-of 2025-12-31 --out "$OUT"
echo
echo "Weak signals as of 2025-12-31:"
$BIN/signaali signals --as-of 2025-12-31 --format table
echo
echo "Theme tables: $OUT/themes_long.csv (and .xlsx, .parquet)"
echo "HTML report:  $OUT/report.html"
