"""Reporting exports (DESIGN §8): the published tables, signal table, HTML report and manifest, with disclosure
control chosen jointly over everything one export writes.

``export(engine, out_dir)`` is what ``signaali export`` and the nightly flow call. The export is written into a
staging folder beside ``out_dir`` and moved into place at the end, so a reader never sees half an export.
"""

from __future__ import annotations

import logging
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import Engine

from pipeline.errors import InputError
from pipeline.export.bundle import ExportBundle
from pipeline.export.cube import build_cells
from pipeline.export.labels import load_theme_labels
from pipeline.export.periods import check_period, parse_date
from pipeline.export.records import load_records, load_run, load_signals, theme_keywords
from pipeline.export.staging import load_witnesses, previous_flags, save_witnesses, staged_folder, witness_file
from pipeline.export.tables import parse_tables
from pipeline.export.writers import WRITERS, write_manifest

__all__ = ["export", "FORMATS", "METHODS"]

FORMATS = tuple(WRITERS)
METHODS = ("suppression", "cell-key")
log = logging.getLogger(__name__)


def _formats(formats: Iterable[str] | str) -> list[str]:
    if isinstance(formats, str):
        formats = formats.split(",")
    out = [f.strip().lower() for f in formats if f and f.strip()]
    bad = [f for f in out if f not in WRITERS]
    if bad or not out:
        raise InputError(f"--format: {', '.join(bad) or '(none)'} not in {','.join(WRITERS)}")
    return out


def check_min_cell(value: int) -> int:
    """``min_cell`` as an int >= 1, else :class:`InputError` naming ``SIGNAALI_MIN_CELL``."""
    try:
        n = int(value)
    except (TypeError, ValueError) as exc:
        raise InputError(f"SIGNAALI_MIN_CELL / --min-cell: '{value}' is not a whole number") from exc
    if n < 1:
        raise InputError(f"SIGNAALI_MIN_CELL / --min-cell: {n} is below 1 (the smallest count published)")
    return n


def export(engine: Engine, out_dir: Path, formats: Iterable[str] | str = FORMATS, period: str = "quarter",
           date_from: date | str | None = None, date_to: date | str | None = None, lang: str = "fi",
           run_id: str | None = None, min_cell: int | None = None, tables: str | Iterable[str] | None = None,
           disclosure: str | None = None, incremental: bool = True) -> dict[str, Any]:
    """Write the published tables, signal table, HTML report and ``manifest.json`` into ``out_dir``.

    Arguments:
        engine: a migrated store engine (``pipeline.store.get_engine``).
        out_dir: folder to write into (created; the files of the previous export are replaced all at once).
        formats: any of ``csv, xlsx, parquet, html`` (a list or a comma-separated string). ``themes_long.csv``,
            ``signals.csv`` and ``manifest.json`` are always written.
        period: month | quarter | half | year | range (``range`` = one period from ``date_from`` to ``date_to``).
        date_from, date_to: inclusive submission-date range (ISO or d.m.yyyy); ``None`` = open.
        lang: ``fi`` (default) or ``en`` for the report, XLSX labels and theme labels.
        run_id: the run to name in the manifest; default the newest completed run in the store.
        min_cell: smallest count published; default ``settings.export.min_cell``.
        tables: the published table set (e.g. ``"theme,theme*period,area*target_group*theme"``); default
            ``settings.export.tables`` (``SIGNAALI_EXPORT_TABLES``; the county's set, DESIGN §10).
        disclosure: ``suppression`` (hide cells) or ``cell-key`` (noise); default ``settings.export.disclosure``.
        incremental: keep the cells the previous export of the same tables hid hidden and protect only what
            changed (see :func:`pipeline.export.suppression.protect`).

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
    n = check_min_cell(min_cell if min_cell is not None else settings.export.min_cell)
    specs = parse_tables(tables if tables is not None else settings.export.tables)
    method = (disclosure or settings.export.disclosure or "suppression").strip().lower()
    if method not in METHODS:
        raise InputError(f"SIGNAALI_DISCLOSURE: '{method}' is not one of {', '.join(METHODS)}")
    out_dir = Path(out_dir)

    labels = load_theme_labels()
    with engine.connect() as conn:
        records = load_records(conn, d_from, d_to)
        signal_rows = load_signals(conn)
        run = load_run(conn, run_id)
        # each report's keyword words kept privately beside the store (like the witnesses), so an increment reads
        # only the new or re-lemmatised reports' lemmas; stores in one folder share the file (a copy of a store
        # finds last night's words), which is safe: an entry counts only for the same text hash and lemmatiser
        url = engine.url.render_as_string(False)
        words_file = settings.fitted_models_dir(url).parent / "cache" / "export" / "report_words.json"
        keywords = theme_keywords(conn, records, labels.keywords, cache_path=words_file)
    if period == "range" and records:
        d_from = d_from or min(r.submitted for r in records)
        d_to = d_to or max(r.submitted for r in records)
    t_read = time.perf_counter()
    cells = build_cells(records, [s.dims for s in specs], period, d_from, d_to)
    parameters = {"formats": fmts, "period": period, "date_from": d_from.isoformat() if d_from else None,
                  "date_to": d_to.isoformat() if d_to else None, "lang": lang, "min_cell": n,
                  "tables": [s.token for s in specs], "method": method}
    if method == "cell-key":
        from pipeline.export.cellkey import perturb

        protection = perturb(records, [s.dims for s in specs], cells, n, period, d_from, d_to)
        reused = 0
    else:
        from pipeline.export.suppression import protect

        flags = previous_flags(out_dir, parameters) if incremental else None
        prev = set(flags) if flags is not None else None
        # private, beside the store (for a SQLite file its folder, else data_dir), never in out_dir
        wfile = witness_file(out_dir, settings.fitted_models_dir(engine.url.render_as_string(False)).parent)
        prev_w = load_witnesses(wfile, parameters) if prev else None
        protection = protect(cells, n, previous=prev, previous_witnesses=prev_w,
                             previous_downgraded={c for c, f in (flags or {}).items() if f == ".."})
        reused = len(prev or ())
    t_protect = time.perf_counter()

    bundle = ExportBundle(cells=cells, protection=protection, specs=specs, records=records, signals=signal_rows,
                          labels=labels, keywords=keywords, run=run, lang=lang, period=period, d_from=d_from,
                          d_to=d_to)
    vocab_version = (run.get("models") or {}).get("vocabulary") or labels.version
    files: dict[str, dict[str, Any]] = {}
    with staged_folder(out_dir) as staging:
        for fmt in ["csv", *[f for f in fmts if f != "csv"]]:
            files.update(WRITERS[fmt](bundle, staging))
        manifest = {
            "run_id": run.get("run_id"),
            "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "models": run.get("models") or {},
            "vocabulary_version": vocab_version,
            "parameters": parameters,
            "reports_counted": len(records),
            "tables": [{"name": s.name, "dimensions": list(s.names)} for s in specs],
            "row_counts": {name.rsplit(".", 1)[0]: info["rows"] for name, info in files.items()
                           if name.endswith(".csv")},
            "disclosure": {
                "method": method, "min_cell": n, "rule": protection.rule(), "cells": len(cells),
                "primary": len(protection.primary), "secondary": len(protection.secondary),
                "primary_flagged_dots": len(protection.downgraded),
                "markers": {f"<{n}": f"hidden, below {n}", "..": "hidden to protect other cells (no bound stated)"},
                "kept_from_previous_export": reused,
                "witnesses_reused": protection.stats.get("witnesses_reused", 0),
                "audit": {k: v for k, v in protection.audit.items() if k != "pinned_cells"},
            },
            "files": files,
            "seconds": {"read": round(t_read - t0, 2), "protect": round(t_protect - t_read, 2),
                        "total": round(time.perf_counter() - t0, 2)},
        }
        # kept for scripts that read the old key
        manifest["suppression"] = {"min_cell": n, "marker": f"<{n}", "primary": len(protection.primary),
                                   "complementary": len(protection.secondary), "method": method}
        write_manifest(manifest, staging)
    if method != "cell-key":
        save_witnesses(wfile, parameters, protection.witnesses)
    log.info("export: %d reports, %d cells (%d hidden) into %s in %.1fs", len(records), len(cells),
             len(protection.hidden), out_dir, manifest["seconds"]["total"])
    return manifest
