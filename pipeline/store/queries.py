"""The read side of the store: every SELECT the stages, flows and retraining need, one public function each.

Precedence of themes: the latest reviewer decision (``reviews`` kind ``report``, which includes labels imported from
a file) wins over the model; among model rows, those of the newest run count. Writes stay with the stage that owns
the table (``write_*`` functions beside each stage); ingest keeps its own write path.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.store.schema import (
    clusters,
    features,
    models,
    reports,
    reviews,
    signals,
    theme_assignments,
    topic_assignments,
)

# Longer id lists are filtered in Python: SQLite binds at most 32,766 parameters per statement.
MAX_IN = 900
TOPIC_MODEL_KIND = "topic_model"


def rows_for_ids(conn: Connection, q: sa.Select, column: sa.Column, report_ids: Iterable[str] | None) -> list:
    """Rows of ``q`` whose ``column`` is one of ``report_ids`` (all rows when None): the one batched id lookup.

    Short lists filter in SQL; longer ones are filtered here, since SQLite binds at most 32,766 parameters.
    """
    if report_ids is None:
        return list(conn.execute(q))
    ids = list(report_ids)
    if not ids:
        return []
    if len(ids) <= MAX_IN:
        return list(conn.execute(q.where(column.in_(ids))))
    wanted = set(ids)
    key = column.name
    return [r for r in conn.execute(q) if r._mapping[key] in wanted]


def _themes_of(decision: Any) -> list[str]:
    # A review's ``new`` is {"themes": [...]} (a bare list in rows written before that shape was fixed).
    return list(decision.get("themes", [])) if isinstance(decision, Mapping) else list(decision or [])


# ---------------------------------------------------------------------- reports and their features
def counted_reports(conn: Connection | None = None) -> sa.Select:
    """SELECT of reports that count in tables: near-duplicates (``duplicate_of`` set) are left out."""
    return sa.select(reports).where(reports.c.duplicate_of.is_(None))


def corpus_rows(conn: Connection, report_ids: Iterable[str] | None = None,
                as_of: dt.date | None = None) -> list[Mapping[str, Any]]:
    """Counted report rows (all, or ``report_ids``; up to ``as_of`` when given), by (submitted, report_id)."""
    q = counted_reports()
    if as_of is not None:
        q = q.where(reports.c.submitted <= as_of)
    rows = [r._mapping for r in rows_for_ids(conn, q, reports.c.report_id, report_ids)]
    return sorted(rows, key=lambda r: (r["submitted"], r["report_id"]))


def counted_report_ids(conn: Connection) -> list[str]:
    """Ids of the counted reports, sorted."""
    return [r[0] for r in conn.execute(counted_reports().with_only_columns(reports.c.report_id)
                                       .order_by(reports.c.report_id))]


def report_lemmas(conn: Connection, report_ids: Iterable[str]) -> dict[str, list[str]]:
    """Content lemmas of the reports that have a ``features`` row."""
    q = sa.select(features.c.report_id, features.c.lemmas)
    return {rid: list(lem or []) for rid, lem in rows_for_ids(conn, q, features.c.report_id, report_ids)}


def report_texts(conn: Connection, report_ids: Iterable[str]) -> dict[str, str]:
    """Pseudonymised NLP text per report id (ids not stored are absent)."""
    q = sa.select(reports.c.report_id, reports.c.text)
    return dict(rows_for_ids(conn, q, reports.c.report_id, report_ids))


def unthemed_report_ids(conn: Connection) -> list[str]:
    """Counted reports that no run has themed yet (the nightly work queue), oldest first."""
    themed = sa.select(theme_assignments.c.report_id).where(theme_assignments.c.source == "model").distinct()
    q = (counted_reports().with_only_columns(reports.c.report_id)
         .where(reports.c.report_id.not_in(themed)).order_by(reports.c.submitted, reports.c.report_id))
    return [r[0] for r in conn.execute(q)]


# ---------------------------------------------------------------------- topic models
@dataclass(frozen=True)
class ModelRow:
    """A registered model: version, folder, params and metrics as stored in ``models``."""

    version: str
    path: str
    params: dict
    metrics: dict


def active_model(conn: Connection, kind: str = TOPIC_MODEL_KIND) -> ModelRow | None:
    """The active model of ``kind`` (the newest registered one if several are marked active), else ``None``."""
    row = conn.execute(sa.select(models.c.version, models.c.path, models.c.params, models.c.metrics)
                       .where(models.c.kind == kind, models.c.active.is_(True))
                       .order_by(models.c.id.desc())).first()
    if row is None:
        return None
    return ModelRow(version=row.version, path=row.path, params=dict(row.params or {}),
                    metrics=dict(row.metrics or {}))


def model_metrics(conn: Connection, version: str) -> dict:
    """Stored metrics of one model version (empty when it has none or is not registered)."""
    row = conn.execute(sa.select(models.c.metrics).where(models.c.version == version)).first()
    return dict(row[0] or {}) if row else {}


def topic_of_reports(conn: Connection, version: str) -> dict[str, int]:
    """Topic (-1 = outlier) of every report assigned by model ``version``."""
    q = sa.select(topic_assignments.c.report_id, topic_assignments.c.topic).where(
        topic_assignments.c.model_version == version)
    return {rid: int(t) for rid, t in conn.execute(q)}


def cluster_centroids(conn: Connection, version: str) -> dict[int, np.ndarray]:
    """Unit centroid (raw embedding space) per topic of model ``version``."""
    out = {}
    q = sa.select(clusters.c.topic, clusters.c.centroid).where(clusters.c.model_version == version)
    for topic, blob in conn.execute(q):
        if blob:
            v = np.frombuffer(blob, dtype=np.float32)
            out[int(topic)] = v / (np.linalg.norm(v) or 1.0)
    return out


def cluster_keywords(conn: Connection, version: str) -> dict[int, list[str]]:
    """Keywords per topic of model ``version`` (best first; [word, score] pairs are reduced to the word)."""
    q = sa.select(clusters.c.topic, clusters.c.keywords).where(clusters.c.model_version == version)
    return {int(t): [k[0] if isinstance(k, (list, tuple)) else str(k) for k in (kw or [])] for t, kw in conn.execute(q)}


def report_ids_between(conn: Connection, since: dt.date, until: dt.date) -> list[str]:
    """Counted report ids submitted in ``(since, until]`` (a detector's window), by (submitted, report_id)."""
    q = (counted_reports().with_only_columns(reports.c.report_id)
         .where(reports.c.submitted > since, reports.c.submitted <= until)
         .order_by(reports.c.submitted, reports.c.report_id))
    return [r[0] for r in conn.execute(q)]


# ---------------------------------------------------------------------- reviews
def cluster_decisions(conn: Connection, version: str | None) -> dict[int, Mapping[str, Any]]:
    """The latest reviewer decision (the whole ``reviews`` row) per topic of model ``version``."""
    if not version:
        return {}
    prefix = f"{version}:"
    q = (sa.select(reviews).where(reviews.c.kind == "cluster",
                                  reviews.c.target.like(prefix.replace("%", r"\%") + "%", escape="\\"))
         .order_by(reviews.c.id))
    out: dict[int, Mapping[str, Any]] = {}
    for r in conn.execute(q):
        topic = r.target[len(prefix):]
        if topic.lstrip("-").isdigit():
            out[int(topic)] = r._mapping
    return out


def cluster_mappings(conn: Connection, version: str | None) -> dict[int, list[str]]:
    """Reviewer-confirmed cluster → theme keys of model ``version`` (latest decision per topic)."""
    return {topic: _themes_of(r["new"]) for topic, r in cluster_decisions(conn, version).items()}


def reviewed_themes(conn: Connection, report_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Latest reviewer/imported theme list per report (only reports that have one)."""
    q = sa.select(reviews.c.target, reviews.c.new, reviews.c.id).where(reviews.c.kind == "report")
    latest: dict[str, tuple[int, list[str]]] = {}
    for target, new, rid in rows_for_ids(conn, q, reviews.c.target, report_ids):
        if target not in latest or rid > latest[target][0]:
            latest[target] = (rid, _themes_of(new))
    return {k: v[1] for k, v in latest.items()}


def model_themes(conn: Connection, report_ids: Iterable[str] | None = None) -> dict[str, list[tuple[str, float]]]:
    """Newest model theme assignment per report: [(theme, score), ...] best first."""
    ta = theme_assignments
    q = sa.select(ta.c.report_id, ta.c.theme, ta.c.score, ta.c.created_at, ta.c.id).where(ta.c.source == "model")
    rows: dict[str, list] = defaultdict(list)
    for r in rows_for_ids(conn, q, ta.c.report_id, report_ids):
        rows[r.report_id].append(r)
    out: dict[str, list[tuple[str, float]]] = {}
    for rid, rs in rows.items():
        newest = max(r.created_at for r in rs)
        chosen = sorted((r for r in rs if r.created_at == newest), key=lambda r: -r.score)
        out[rid] = [(r.theme, float(r.score)) for r in chosen]
    return out


def effective_themes(conn: Connection, report_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
    """The themes that count for each report: reviewer decision if any, else the newest model themes."""
    ids = list(report_ids) if report_ids is not None else None
    out = {rid: [t for t, _ in ts] for rid, ts in model_themes(conn, ids).items()}
    out.update(reviewed_themes(conn, ids))
    return out


# ---------------------------------------------------------------------- signals
def signal_rows(conn: Connection, as_of: dt.date | None = None, before: bool = False) -> list[dict[str, Any]]:
    """Stored signal rows of one as-of date, flagged first, then by popularity (the one order everywhere).

    Arguments:
        as_of: the detection date; ``None`` = the latest stored.
        before: take the latest as-of date strictly before ``as_of`` instead (the previous detection).

    Returns:
        Row dicts (``signals`` columns); empty when nothing is stored for that date.
    """
    if as_of is None or before:
        latest = sa.select(sa.func.max(signals.c.as_of))
        as_of = conn.execute(latest.where(signals.c.as_of < as_of) if before else latest).scalar()
        if as_of is None:
            return []
    rows = [dict(r) for r in conn.execute(sa.select(signals).where(signals.c.as_of == as_of)).mappings()]
    rows.sort(key=lambda r: (r["status"] == "noise", -float(r["popularity"] or 0.0), r["signal_id"]))
    return rows
