"""Erasure (GDPR art. 17) and retention: remove a report and everything derived from it, keep who/when/why.

What goes: the report row, its lemmas (``features``), LSH keys, topic and theme rows, reviewer decisions about it,
resubmission links, its membership in stored signals, quarantine rows re-ingested as it, and the lemma / embedding
cache entries of its text when no other report has the same text. What stays: one ``erasures`` row with the report
id, reason, who and when, and the number of rows removed per table — never the content.

SQLite runs with ``secure_delete`` (set on every connection, `pipeline.store.db`), so freed pages are zeroed, and
the WAL is checkpointed and truncated after an erasure so no copy of the text survives there either.
"""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import os
from typing import Iterable

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.engine import Connection

from pipeline.errors import InputError
from pipeline.store.locks import write_with_retry
from pipeline.store.schema import (
    embedding_cache,
    erasures,
    features,
    lemma_cache,
    near_duplicate_keys,
    quarantine,
    reports,
    resubmissions,
    reviews,
    signals,
    theme_assignments,
    topic_assignments,
)

log = logging.getLogger(__name__)


def current_user() -> str:
    """Who is erasing: ``SIGNAALI_REVIEWER`` or the login name."""
    try:
        return os.environ.get("SIGNAALI_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _erase_one(conn: Connection, report_id: str, reason: str, who: str, now: dt.datetime) -> dict[str, int]:
    row = conn.execute(sa.select(reports.c.text_hash, reports.c.duplicate_of)
                       .where(reports.c.report_id == report_id)).first()
    if row is None:
        raise InputError(f"report '{report_id}': no such report in the store (nothing erased)")
    thash, successor = row
    removed: dict[str, int] = {}

    def drop(table: sa.Table, cond) -> None:  # noqa: ANN001 - a SQLAlchemy condition
        n = conn.execute(table.delete().where(cond)).rowcount
        if n:
            removed[table.name] = removed.get(table.name, 0) + n

    drop(features, features.c.report_id == report_id)
    drop(near_duplicate_keys, near_duplicate_keys.c.report_id == report_id)
    drop(topic_assignments, topic_assignments.c.report_id == report_id)
    drop(theme_assignments, theme_assignments.c.report_id == report_id)
    drop(reviews, sa.and_(reviews.c.kind == "report", reviews.c.target == report_id))
    drop(resubmissions, sa.or_(resubmissions.c.earlier_id == report_id, resubmissions.c.later_id == report_id))
    drop(quarantine, quarantine.c.resolved_report_id == report_id)
    # earlier versions pointed at this one: they now point at its successor (or count again if it was the newest)
    conn.execute(reports.update().where(reports.c.duplicate_of == report_id).values(duplicate_of=successor))
    for sid, ids in list(conn.execute(sa.select(signals.c.id, signals.c.report_ids))):
        if ids and report_id in ids:
            conn.execute(signals.update().where(signals.c.id == sid).values(
                report_ids=[i for i in ids if i != report_id]))
            removed["signals.report_ids"] = removed.get("signals.report_ids", 0) + 1
    drop(reports, reports.c.report_id == report_id)
    others = conn.execute(sa.select(sa.func.count()).select_from(reports).where(reports.c.text_hash == thash)).scalar()
    if not others:
        drop(lemma_cache, lemma_cache.c.text_hash == thash)
        drop(embedding_cache, embedding_cache.c.text_hash == thash)
    conn.execute(erasures.insert().values(report_id=report_id, reason=reason, erased_by=who, erased_at=now,
                                          removed=removed))
    return removed


def erase_reports(engine: Engine, report_ids: Iterable[str], reason: str, who: str | None = None) -> dict[str, dict]:
    """Erase reports and everything derived from them, in one transaction (all or none).

    Arguments:
        report_ids: ids of stored reports.
        reason: why (stored; e.g. "request of the data subject 2026-12-01", never the content).
        who: who erased (default: `current_user`).

    Returns:
        report id → rows removed per table.

    Raises:
        InputError: no reason given, or an id that is not in the store (nothing is erased then).
    """
    ids = list(dict.fromkeys(report_ids))
    if not reason or not reason.strip():
        raise InputError("--reason: say why the reports are erased (stored with who and when, not the content)")
    if not ids:
        raise InputError("name at least one report id to erase")
    who = who or current_user()
    now = dt.datetime.now(dt.timezone.utc)
    out = write_with_retry(engine, lambda conn: {rid: _erase_one(conn, rid, reason.strip(), who, now) for rid in ids},
                           what="erase reports")
    scrub_free_space(engine)
    log.info("erased %d report(s) (%s) by %s", len(ids), reason, who)
    return out


def scrub_free_space(engine: Engine) -> None:
    """SQLite: checkpoint and truncate the WAL so deleted text leaves no copy there (pages are zeroed by
    ``secure_delete``)."""
    if engine.url.get_backend_name() != "sqlite":
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def apply_retention(engine: Engine, years: float, as_of: dt.date | None = None) -> list[str]:
    """Erase reports submitted more than ``years`` before ``as_of`` (0 = keep everything); returns their ids."""
    if not years:
        return []
    as_of = as_of or dt.date.today()
    cutoff = as_of - dt.timedelta(days=round(365.25 * years))
    with engine.connect() as conn:
        old = list(conn.execute(sa.select(reports.c.report_id).where(reports.c.submitted < cutoff)).scalars())
    if old:
        erase_reports(engine, old, f"retention: submitted before {cutoff.isoformat()} "
                                   f"(SIGNAALI_RETENTION_YEARS={years:g})", who="retention")
    return old
