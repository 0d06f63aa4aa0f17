"""Reporting exports (DESIGN §8): theme tables, signal table, HTML report and manifest, small cells suppressed.

``export(engine, out_dir)`` is what ``signaali export`` and the nightly flow call.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import Engine

from pipeline.errors import InputError
from pipeline.export.cube import build_cube
from pipeline.export.labels import load_theme_labels
from pipeline.export.periods import check_period, parse_date
from pipeline.export.records import load_records, load_run, load_signals, theme_keywords
from pipeline.export.suppression import suppress
from pipeline.export.tables import WIDE_TABLES, long_table, signals_table, wide_table

__all__ = ["export", "FORMATS"]

FORMATS = ("csv", "xlsx", "parquet", "html")
log = logging.getLogger(__name__)


def _formats(formats: Iterable[str] | str) -> list[str]:
    if isinstance(formats, str):
        formats = formats.split(",")
    out = [f.strip().lower() for f in formats if f and f.strip()]
    bad = [f for f in out if f not in FORMATS]
    if bad or not out:
        raise InputError(f"--format: {', '.join(bad) or '(none)'} not in {','.join(FORMATS)}")
    return out


def export(engine: Engine, out_dir: Path, formats: Iterable[str] | str = FORMATS, period: str = "quarter",
           date_from: date | str | None = None, date_to: date | str | None = None, lang: str = "fi",
           run_id: str | None = None, min_cell: int | None = None) -> dict[str, Any]:
    """Write the reporting tables, signal table, HTML report and ``manifest.json`` into ``out_dir``.

    Arguments:
        engine: a migrated store engine (``pipeline.store.get_engine``).
        out_dir: folder to write into (created; files of the same name are replaced).
        formats: any of ``csv, xlsx, parquet, html`` (a list or a comma-separated string). ``themes_long.csv``,
            ``signals.csv`` and ``manifest.json`` are always written.
        period: month | quarter | half | year | range (``range`` = one period from ``date_from`` to ``date_to``).
        date_from, date_to: inclusive submission-date range (ISO or d.m.yyyy); ``None`` = open.
        lang: ``fi`` (default) or ``en`` for the report, XLSX headers and theme labels in the wide tables.
        run_id: the run to name in the manifest; default the newest completed run in the store.
        min_cell: smallest count published; default ``settings.min_cell``.

    Returns:
        The manifest (also written as ``manifest.json``).
    """
    from pipeline.settings import get_settings

    t0 = time.perf_counter()
    fmts = _formats(formats)
    check_period(period)
    if lang not in ("fi", "en"):
        raise InputError(f"--lang: '{lang}' is not fi or en")
    d_from, d_to = parse_date(date_from, "--from"), parse_date(date_to, "--to")
    if d_from and d_to and d_from > d_to:
        raise InputError(f"--from {d_from} is after --to {d_to}")
    settings = get_settings()
    min_cell = int(min_cell if min_cell is not None else settings.min_cell)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    labels = load_theme_labels()
    with engine.connect() as conn:
        records = load_records(conn, d_from, d_to)
        signal_rows = load_signals(conn)
        run = load_run(conn, run_id)
        keywords = theme_keywords(conn, records, labels.keywords)
    if period == "range" and records:
        d_from = d_from or min(r.submitted for r in records)
        d_to = d_to or max(r.submitted for r in records)
    cube = build_cube(records, period, d_from, d_to)
    supp = suppress(cube, min_cell)

    tables = {"themes_long": long_table(cube, supp)}
    for name, across in WIDE_TABLES.items():
        tables[name] = wide_table(cube, supp, across, labels, lang)
    tables["signals"] = signals_table(signal_rows)

    files: dict[str, dict[str, Any]] = {}
    from pipeline.export import spreadsheet

    for name, df in tables.items():
        path = spreadsheet.write_csv(df, out_dir / f"{name}.csv")
        files[path.name] = {"rows": len(df)}
        if "parquet" in fmts:
            path = spreadsheet.write_parquet(df, out_dir / f"{name}.parquet")
            files[path.name] = {"rows": len(df)}
    if "xlsx" in fmts:
        path = spreadsheet.write_xlsx(tables, out_dir / "signaali_tables.xlsx", lang)
        files[path.name] = {"sheets": {name: len(df) for name, df in tables.items()}}
    vocab_version = (run.get("models") or {}).get("vocabulary") or labels.version
    if "html" in fmts:
        from pipeline.export.html_report import ReportContext, write_report

        dates = [r.submitted for r in records]
        period_text = (f"{(d_from or min(dates)).isoformat()} – {(d_to or max(dates)).isoformat()}"
                       if dates or (d_from and d_to) else "–")
        ctx = ReportContext(cube=cube, suppression=supp, records=records, signals=signal_rows, labels=labels,
                            keywords=keywords, run=run, period_text=period_text, lang=lang,
                            vocabulary_version=vocab_version)
        path = write_report(ctx, out_dir / "report.html")
        files[path.name] = {"bytes": path.stat().st_size}

    manifest = {
        "run_id": run.get("run_id"),
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "models": run.get("models") or {},
        "vocabulary_version": vocab_version,
        "parameters": {
            "formats": fmts, "period": period, "date_from": d_from.isoformat() if d_from else None,
            "date_to": d_to.isoformat() if d_to else None, "lang": lang, "min_cell": min_cell,
        },
        "reports_counted": len(records),
        "row_counts": {name: len(df) for name, df in tables.items()},
        "suppression": {
            "min_cell": min_cell, "marker": f"<{min_cell}", "rule": supp.rule(), "cells": len(cube),
            "primary": len(supp.primary), "complementary": len(supp.complementary),
        },
        "files": files,
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    log.info("export: %d reports, %d cells (%d hidden) into %s in %.1fs", len(records), len(cube),
             len(supp.suppressed), out_dir, manifest["seconds"])
    return manifest
