"""Quarantine lifecycle and reviewer decisions on resubmissions.

Quarantine: ``list`` the open rows; ``export FILE`` writes them as a CSV a person can fix (one column per field,
plus ``quarantine_id`` and the reason); ``reingest FILE`` validates the fixed rows and stores those that pass as
reports. A fixed row comes back once: its quarantine row is marked ``resolved`` with the report id, and every step
is appended to its ``history``.

Resubmissions: `list_duplicates` lists pairs with weaker evidence (``candidate``) and linked pairs;
`decide_duplicate` confirms a candidate (the later version counts), rejects it (both count) or keeps the earlier
version (the earlier counts, the later does not).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from pipeline.errors import InputError
from pipeline.ingest.columns import HEADER_ALIASES
from pipeline.ingest.records import RowProblem
from pipeline.ingest.validate import validate_row
from pipeline.store.locks import write_with_retry
from pipeline.store.schema import quarantine, reports, resubmissions

META = ("quarantine_id", "source", "source_row", "field", "reason")
FIELDS = [f for f in HEADER_ALIASES if f != "themes"] + ["themes"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def list_quarantine(engine: Engine, status: str | None = "open") -> list[dict[str, Any]]:
    """Quarantined rows (default: still open), oldest first."""
    q = sa.select(quarantine).order_by(quarantine.c.id)
    if status:
        q = q.where(quarantine.c.status.in_(["open", "exported"]) if status == "open" else quarantine.c.status == status)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def _field_values(raw: dict[str, Any]) -> dict[str, Any]:
    from pipeline.ingest.validate import map_row

    fields, _extra = map_row(raw)
    return fields


def export_quarantine(engine: Engine, path: Path) -> int:
    """Write the open quarantined rows to ``path`` (CSV, UTF-8) for fixing; returns how many."""
    rows = list_quarantine(engine, "open")
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(list(META) + FIELDS + ["raw_line"])
        for r in rows:
            raw = r["raw"] or {}
            fields = _field_values(raw)
            w.writerow([r["id"], r["source"], r["source_row"], r["field"], r["reason"]]
                       + [fields.get(k, "") if fields.get(k) is not None else "" for k in FIELDS]
                       + [raw.get("__line__", "")])
    now = _now()

    def mark(conn) -> None:  # noqa: ANN001
        for r in rows:
            conn.execute(quarantine.update().where(quarantine.c.id == r["id"]).values(
                status="exported", history=(r["history"] or []) + [{"event": "exported", "at": now.isoformat(),
                                                                      "file": str(path)}]))
    write_with_retry(engine, mark, what="quarantine export")
    return len(rows)


def reingest_quarantine(engine: Engine, path: Path) -> dict[str, Any]:
    """Re-ingest fixed rows from a file made by `export_quarantine`; rows already resolved are skipped.

    Returns:
        Counts ``{"rows", "resolved", "still_bad", "already_resolved", "problems"}``.
    """
    from pipeline.ingest.store_reports import ingest_files

    with Path(path).open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    if rows and "quarantine_id" not in rows[0]:
        raise InputError(f"{path}: no quarantine_id column (make the file with `signaali quarantine export`)")
    with engine.connect() as conn:
        known = {r.id: r for r in conn.execute(sa.select(quarantine))}
    out: dict[str, Any] = {"rows": len(rows), "resolved": 0, "still_bad": 0, "already_resolved": 0, "problems": []}
    good: list[tuple[int, dict[str, str], str]] = []
    events: dict[int, dict] = {}
    now = _now()
    for i, row in enumerate(rows, start=2):
        try:
            qid = int(row.get("quarantine_id") or 0)
        except ValueError:
            qid = 0
        q = known.get(qid)
        if q is None:
            raise InputError(f"{path}, row {i}, field 'quarantine_id': '{row.get('quarantine_id')}' is not a "
                             "quarantined row of this store")
        if q.status == "resolved":
            out["already_resolved"] += 1
            continue
        raw = {k: v for k, v in row.items() if k in FIELDS and v not in (None, "")}
        result = validate_row(raw, str(path), i)
        if isinstance(result, RowProblem):
            out["still_bad"] += 1
            out["problems"].append(str(result))
            events[qid] = {"event": "reingest failed", "at": now.isoformat(), "file": str(path), "row": i,
                           "field": result.field, "reason": result.reason}
            continue
        good.append((qid, raw, result.report_id))
    if good:
        with tempfile.TemporaryDirectory() as tmp:
            fixed = Path(tmp) / f"quarantine-fixed-{now:%Y%m%dT%H%M%S}.csv"
            with fixed.open("w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=FIELDS)
                w.writeheader()
                for _, raw, _ in good:
                    w.writerow(raw)
            summary = ingest_files([fixed], engine)
        out["problems"].extend(summary.problems)
        with engine.connect() as conn:
            present = set(conn.execute(sa.select(reports.c.report_id).where(
                reports.c.report_id.in_([rid for _, _, rid in good]))).scalars())
        for qid, _, rid in good:
            if rid in present:
                out["resolved"] += 1
                events[qid] = {"event": "reingested", "at": now.isoformat(), "file": str(path), "report_id": rid}
            else:
                out["still_bad"] += 1
                events[qid] = {"event": "reingest failed", "at": now.isoformat(), "file": str(path),
                               "reason": "not stored (see the ingest warnings)"}

    def record(conn) -> None:  # noqa: ANN001
        for qid, ev in events.items():
            q = known[qid]
            values: dict[str, Any] = {"history": (q.history or []) + [ev]}
            if ev["event"] == "reingested":
                values.update(status="resolved", resolved_report_id=ev["report_id"])
            conn.execute(quarantine.update().where(quarantine.c.id == qid).values(**values))
    write_with_retry(engine, record, what="quarantine reingest")
    return out


def list_duplicates(engine: Engine, status: str = "candidate") -> list[dict[str, Any]]:
    """Resubmission pairs (``candidate`` = waiting for a reviewer; ``all`` = every pair) with dates and evidence."""
    q = sa.select(resubmissions).order_by(resubmissions.c.id)
    if status != "all":
        q = q.where(resubmissions.c.status == status)
    with engine.connect() as conn:
        pairs = [dict(r._mapping) for r in conn.execute(q)]
        ids = {p["earlier_id"] for p in pairs} | {p["later_id"] for p in pairs}
        info = {r.report_id: r for r in conn.execute(sa.select(
            reports.c.report_id, reports.c.submitted, reports.c.unit, reports.c.observation)
            .where(reports.c.report_id.in_(list(ids))))} if ids and len(ids) < 900 else {}
    for p in pairs:
        for side in ("earlier", "later"):
            r = info.get(p[f"{side}_id"])
            p[f"{side}_submitted"] = r.submitted.isoformat() if r else None
            p[f"{side}_snippet"] = (r.observation[:160] if r else "")
    return pairs


def decide_duplicate(engine: Engine, pair_id: int, decision: str, reviewer: str) -> dict[str, Any]:
    """A reviewer's decision on a resubmission pair: ``confirm`` | ``reject`` | ``keep-earlier``.

    confirm: the later version counts, the earlier does not. reject: different reports, both count.
    keep-earlier: the same report, but the earlier version counts.
    """
    if decision not in ("confirm", "reject", "keep-earlier"):
        raise InputError(f"decision '{decision}': use confirm, reject or keep-earlier")

    def apply(conn) -> dict[str, Any]:  # noqa: ANN001
        p = conn.execute(sa.select(resubmissions).where(resubmissions.c.id == pair_id)).first()
        if p is None:
            raise InputError(f"resubmission pair {pair_id}: no such pair (see `signaali review duplicates`)")
        if decision == "confirm":
            conn.execute(reports.update().where(reports.c.report_id == p.earlier_id).values(duplicate_of=p.later_id))
            conn.execute(reports.update().where(reports.c.report_id == p.later_id,
                                                reports.c.duplicate_of == p.earlier_id).values(duplicate_of=None))
            status = "confirmed"
        elif decision == "reject":
            for a, b in ((p.earlier_id, p.later_id), (p.later_id, p.earlier_id)):
                conn.execute(reports.update().where(reports.c.report_id == a, reports.c.duplicate_of == b)
                             .values(duplicate_of=None))
            status = "rejected"
        else:
            conn.execute(reports.update().where(reports.c.report_id == p.later_id).values(duplicate_of=p.earlier_id))
            conn.execute(reports.update().where(reports.c.report_id == p.earlier_id,
                                                reports.c.duplicate_of == p.later_id).values(duplicate_of=None))
            status = "kept_earlier"
        conn.execute(resubmissions.update().where(resubmissions.c.id == pair_id).values(
            status=status, decided_by=reviewer, decided_at=_now()))
        return {"id": pair_id, "earlier_id": p.earlier_id, "later_id": p.later_id, "status": status}
    return write_with_retry(engine, apply, what="resubmission decision")
