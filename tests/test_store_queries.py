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


def test_cluster_mappings_latest_decision_per_topic_of_one_version(sqlite_url: str) -> None:
    from pipeline.store.queries import cluster_decisions, cluster_mappings

    engine = get_engine(sqlite_url)
    now = dt.datetime.now(dt.timezone.utc)
    rows = [("m1:0", ["housing"]), ("m1:0", ["ageing"]), ("m1:2", ["housing"]), ("m10:0", ["workforce"]),
            ("m1:x", ["housing"])]
    with engine.begin() as c:
        c.execute(reviews.insert(), [dict(kind="cluster", target=t, reviewer="anna", created_at=now,
                                          old={"themes": []}, new={"themes": th}, note="") for t, th in rows])
    with engine.connect() as c:
        assert cluster_mappings(c, "m1") == {0: ["ageing"], 2: ["housing"]}
        assert cluster_mappings(c, None) == {}
        assert cluster_decisions(c, "m10")[0]["reviewer"] == "anna"


def test_signal_rows_flagged_first_and_the_previous_detection(sqlite_url: str) -> None:
    from pipeline.store.queries import signal_rows
    from pipeline.store.schema import signals

    engine = get_engine(sqlite_url)
    d1, d2 = dt.date(2025, 1, 1), dt.date(2025, 2, 1)
    base = dict(run_id="r", report_ids=["R1"], keywords=["k"], first_seen=d1, growth=0.1, reason="")
    with engine.begin() as c:
        c.execute(signals.insert(), [dict(base, signal_id="a", as_of=d2, status="noise", popularity=9.0),
                                     dict(base, signal_id="b", as_of=d2, status="weak", popularity=1.0),
                                     dict(base, signal_id="c", as_of=d2, status="strong", popularity=5.0),
                                     dict(base, signal_id="old", as_of=d1, status="weak", popularity=1.0)])
    with engine.connect() as c:
        assert [r["signal_id"] for r in signal_rows(c)] == ["c", "b", "a"]
        assert [r["signal_id"] for r in signal_rows(c, d2, before=True)] == ["old"]
        assert signal_rows(c, d1, before=True) == []
