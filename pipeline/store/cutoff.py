"""Which reports an export of a run covers: those the run processed, not those that arrived while it ran.

A report ingested by another process while a nightly run is going has no themes yet and would appear in that
run's export as "no theme". The run covers the reports stored before it started plus those it themed itself
(its own ingest step runs after it started).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.store.schema import reports, runs, theme_assignments


def reports_of_run(conn: Connection, run_id: str | None) -> sa.Select:
    """SELECT of counted reports (near-duplicates left out) that the run ``run_id`` covers; all counted reports
    when ``run_id`` is None or unknown."""
    q = sa.select(reports).where(reports.c.duplicate_of.is_(None))
    if not run_id:
        return q
    started = conn.execute(sa.select(runs.c.started_at).where(runs.c.run_id == run_id)).scalar()
    if started is None:
        return q
    themed_by_run = sa.select(theme_assignments.c.report_id).where(theme_assignments.c.run_id == run_id)
    return q.where(sa.or_(reports.c.ingested_at <= started, reports.c.report_id.in_(themed_by_run)))
