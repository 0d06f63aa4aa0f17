"""Read-side queries shared by themes, review and export: which themes count for a report right now.

Precedence (DESIGN §4/§6): the latest reviewer decision (``reviews`` kind ``report``, which includes labels
imported from a file) wins over the model; among model rows, those of the newest run count.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.store.schema import reports, reviews, theme_assignments

# Longer id lists are filtered in Python: SQLite binds at most 32,766 parameters per statement.
_MAX_IN = 900


def _rows_for_ids(conn: Connection, q: sa.Select, column: sa.Column, report_ids: Iterable[str] | None) -> list:
    """Rows of ``q`` whose ``column`` is one of ``report_ids`` (all rows when None).

    Short lists filter in SQL; longer ones are filtered here, since SQLite binds at most 32,766 parameters.
    """
    if report_ids is None:
        return list(conn.execute(q))
    ids = list(report_ids)
    if not ids:
        return []
    if len(ids) <= _MAX_IN:
        return list(conn.execute(q.where(column.in_(ids))))
    wanted = set(ids)
    key = column.name
    return [r for r in conn.execute(q) if r._mapping[key] in wanted]


def reviewed_themes(conn: Connection, report_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Latest reviewer/imported theme list per report (only reports that have one)."""
    q = sa.select(reviews.c.target, reviews.c.new, reviews.c.id).where(reviews.c.kind == "report")
    latest: dict[str, tuple[int, list[str]]] = {}
    for target, new, rid in _rows_for_ids(conn, q, reviews.c.target, report_ids):
        if target not in latest or rid > latest[target][0]:
            themes = new.get("themes", []) if isinstance(new, dict) else list(new or [])
            latest[target] = (rid, themes)
    return {k: v[1] for k, v in latest.items()}


def model_themes(conn: Connection, report_ids: Iterable[str] | None = None) -> dict[str, list[tuple[str, float]]]:
    """Newest model theme assignment per report: [(theme, score), ...] best first."""
    ta = theme_assignments
    q = sa.select(ta.c.report_id, ta.c.theme, ta.c.score, ta.c.created_at, ta.c.id).where(ta.c.source == "model")
    rows: dict[str, list] = defaultdict(list)
    for r in _rows_for_ids(conn, q, ta.c.report_id, report_ids):
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


def counted_reports(conn: Connection) -> sa.Select:
    """SELECT of reports that count in tables: near-duplicates (``duplicate_of`` set) are left out."""
    return sa.select(reports).where(reports.c.duplicate_of.is_(None))
