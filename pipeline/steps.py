"""The nightly steps as plain functions over report ids: what each Prefect task calls (flows/ stays thin).

Each step reads its inputs from the store, writes its outputs to the store and returns a small JSON-able dict
(counts, model ids). All are idempotent: lemmas and embeddings are cached by text hash, theme rows are written
per run, signals per as-of date.

The steps share one loaded embedder per process (`pipeline.embeddings.get_embedder`): every shard of the
embedding step, the topic keywords and the theme descriptions would otherwise each load the model again
(bench/pipeline.py measured seconds and ~0.5 GB per load).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from pipeline.settings import get_settings
from pipeline.store.schema import reports

log = logging.getLogger(__name__)
INGEST_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".jsonl", ".ndjson")


def inbox_files(inbox: Path) -> list[Path]:
    """Export files waiting in the inbox folder (sorted; ingest recognises files it has seen by content)."""
    if not inbox.exists():
        return []
    return sorted(p for p in inbox.rglob("*") if p.is_file() and p.suffix.lower() in INGEST_SUFFIXES)


def ingest(engine: Engine, paths: list[str]) -> dict[str, Any]:
    from pipeline.ingest import ingest_files

    return ingest_files([Path(p) for p in paths], engine).as_dict()


def texts_of(engine: Engine, report_ids: list[str]) -> list[str]:
    """Pseudonymised NLP texts of reports, in the order of ``report_ids``."""
    out: dict[str, str] = {}
    with engine.connect() as conn:
        for i in range(0, len(report_ids), 900):
            chunk = report_ids[i:i + 900]
            for rid, text in conn.execute(sa.select(reports.c.report_id, reports.c.text).where(reports.c.report_id.in_(chunk))):
                out[rid] = text
    return [out[r] for r in report_ids if r in out]


def lemmas(engine: Engine, report_ids: list[str]) -> dict[str, Any]:
    from pipeline.features import lemmatize_reports

    if not report_ids:
        return {"processed": 0}
    return dict(lemmatize_reports(engine, report_ids))


def _embedder():  # noqa: ANN202 - pipeline.embeddings.Embedder, imported lazily (bertopic, torch)
    from pipeline.embeddings import get_embedder

    return get_embedder()


def embeddings(engine: Engine, report_ids: list[str]) -> dict[str, Any]:
    from pipeline.embeddings import embed_cached

    embedder = _embedder()
    if report_ids:
        embed_cached(engine, embedder, texts_of(engine, report_ids))
    return {"processed": len(report_ids), "embedder": embedder.model_id}


def topics(engine: Engine, report_ids: list[str]) -> dict[str, Any]:
    """Assign new reports to the active topic model's clusters; fit one first when the store has none."""
    from pipeline.topics import active_model_version, assign_topics, fit_topic_model

    version = active_model_version(engine)
    if version is None:
        version = fit_topic_model(engine, activate=True, embedder=_embedder())
        return {"topic_model": version, "fitted": True, "assigned": len(report_ids)}
    n = assign_topics(engine, report_ids, embedder=_embedder()) if report_ids else 0
    return {"topic_model": version, "fitted": False, "assigned": n}


def themes(engine: Engine, report_ids: list[str], run_id: str) -> dict[str, Any]:
    from pipeline.themes import assign_report_themes, load_vocabulary

    n = assign_report_themes(engine, report_ids, run_id, embedder=_embedder()) if report_ids else 0
    return {"themed": n, "vocabulary": str(load_vocabulary().version)}


def signals(engine: Engine, as_of: dt.date, run_id: str) -> dict[str, Any]:
    from pipeline.signals import detect_signals

    found = detect_signals(engine, as_of, run_id=run_id, embedder=_embedder())
    flagged = [s for s in found if s.status != "noise"]
    return {"signals": len(flagged), "candidates": len(found)}


def export(engine: Engine, out_dir: Path, run_id: str, period: str = "quarter") -> dict[str, Any]:
    from pipeline.export import export as run_export

    manifest = run_export(engine, out_dir, period=period, run_id=run_id)
    return {"out_dir": str(out_dir), "report": str(Path(out_dir) / "report.html"), "files": manifest.get("files", [])}


def lemmatizer_id() -> str:
    from pipeline.lemmas import get_lemmatizer

    return get_lemmatizer().id


def default_out_dir() -> Path:
    return get_settings().out_dir
