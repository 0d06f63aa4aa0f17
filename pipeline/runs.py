"""Run records and the work queue of the nightly flow (no Prefect here: the flow only wires these).

A report is *pending* until it has model themes from a run; every step is idempotent and keyed by text hash,
so a crashed run leaves pending reports pending and the next run picks them up without duplicates.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Engine

from pipeline.store.queries import unthemed_report_ids
from pipeline.store.schema import runs


def new_run_id(prefix: str = "run") -> str:
    """A sortable, unique run id: ``run-20261128T021500-3f9a1c``."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    return f"{prefix}-{stamp}-{uuid.uuid4().hex[:6]}"


def pending_report_ids(engine: Engine) -> list[str]:
    """Counted reports (near-duplicates excluded) that no run has themed yet, oldest first."""
    with engine.connect() as conn:
        return unthemed_report_ids(conn)


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
