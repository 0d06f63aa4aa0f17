"""Shared read queries stay correct for id lists longer than SQLite's parameter limit."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from pipeline.store import get_engine
from pipeline.store.queries import effective_themes
from pipeline.store.schema import reports, reviews, theme_assignments


def test_effective_themes_with_40000_ids_reviewer_wins(sqlite_url: str) -> None:
    engine = get_engine(sqlite_url)
    now = dt.datetime.now(dt.timezone.utc)
    with engine.begin() as c:
        c.execute(reports.insert(), [dict(report_id=f"R{i}", source="x", source_row=i, submitted=dt.date(2025, 1, 1),
                                          area=[], observation="t", text="t", text_hash=str(i), pii_found={}, extra={},
                                          ingested_at=now) for i in range(3)])
        c.execute(theme_assignments.insert(), [dict(report_id=f"R{i}", theme="housing", score=1.0, evidence={},
                                                    source="model", run_id="r1", created_at=now) for i in range(3)])
        c.execute(reviews.insert().values(kind="report", target="R1", reviewer="maija", created_at=now,
                                          old={"themes": ["housing"]}, new={"themes": ["ageing"]}, note=""))
    ids = ["R0", "R1"] + [f"missing-{i}" for i in range(40_000)]
    with engine.connect() as c:
        assert effective_themes(c, ids) == {"R0": ["housing"], "R1": ["ageing"]}
        assert effective_themes(c, ["R1"]) == {"R1": ["ageing"]}
