"""Run records and the work queue of the nightly flow (no Prefect here: the flow only wires these).

A report is *pending* until it has model themes from a run; every step is idempotent and keyed by text hash,
so a crashed run leaves pending reports pending and the next run picks them up without duplicates.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from pipeline.store.schema import reports, runs, theme_assignments


def new_run_id(prefix: str = "run") -> str:
    """A sortable, unique run id: ``run-20261128T021500-3f9a1c``."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    return f"{prefix}-{stamp}-{uuid.uuid4().hex[:6]}"


def pending_report_ids(engine: Engine) -> list[str]:
    """Counted reports (near-duplicates excluded) that no run has themed yet, oldest first."""
    themed = sa.select(theme_assignments.c.report_id).where(theme_assignments.c.source == "model").distinct()
    q = (sa.select(reports.c.report_id)
         .where(reports.c.duplicate_of.is_(None), reports.c.report_id.not_in(themed))
         .order_by(reports.c.submitted, reports.c.report_id))
    with engine.connect() as conn:
        return [r[0] for r in conn.execute(q)]


def count_reports(engine: Engine) -> int:
    """Reports in the store that count (near-duplicates excluded)."""
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(reports)
                            .where(reports.c.duplicate_of.is_(None))).scalar_one()


def start_run(engine: Engine, run_id: str, flow: str, as_of: dt.date | None, flow_run_id: str | None = None) -> None:
    """Record that a run started (status ``running``)."""
    with engine.begin() as conn:
        conn.execute(runs.insert().values(
            run_id=run_id, flow=flow, flow_run_id=flow_run_id, as_of=as_of,
            started_at=dt.datetime.now(dt.timezone.utc), status="running", record={}))


def finish_run(engine: Engine, run_id: str, record: dict[str, Any], status: str = "completed") -> None:
    """Store the final run record (``completed`` or ``failed``, with what failed).

    Warnings and the error message are pseudonymised in place first: they may quote a value from an input row, and
    the record is what ``run --json`` prints and the Prefect artifacts show.
    """
    from pipeline.pseudonymise import scrub

    if record.get("warnings"):
        record["warnings"] = [scrub(str(w)) for w in record["warnings"]]
    if record.get("error"):
        record["error"] = scrub(str(record["error"]))
    with engine.begin() as conn:
        conn.execute(runs.update().where(runs.c.run_id == run_id).values(
            finished_at=dt.datetime.now(dt.timezone.utc), status=status, record=record))


def get_run(engine: Engine, run_id: str | None = None) -> dict[str, Any] | None:
    """One run's row as a dict (default: the newest run)."""
    q = sa.select(runs)
    q = q.where(runs.c.run_id == run_id) if run_id else q.order_by(runs.c.started_at.desc()).limit(1)
    with engine.connect() as conn:
        row = conn.execute(q).first()
    return dict(row._mapping) if row else None
