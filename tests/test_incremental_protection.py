"""O(new) export: the previous export's witnesses protect unchanged cells again without a solve (issue 13).

A witness is an alternative table proving a hidden cell cannot be derived; `protect` re-checks each one against
today's counts and pattern, so a reused witness is as good as a fresh one, and a wrong one is never trusted.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.export.labels import ALL
from pipeline.export.suppression import protect


def _cells(counts: dict[tuple[str, str], int]) -> dict:
    """period x theme counts (one theme per report) with every margin, as the cube builds them."""
    vals: dict = {}
    for (p, t), c in counts.items():
        for pp in (p, ALL):
            for tt in (t, ALL):
                key = (pp, tt, ALL, ALL, ALL)
                vals[key] = vals.get(key, 0) + c
    return vals


BASE = {("2024-Q1", "asuminen"): 7, ("2024-Q1", "velat"): 2, ("2024-Q1", "terveys"): 9,
        ("2024-Q2", "asuminen"): 5, ("2024-Q2", "velat"): 8, ("2024-Q2", "terveys"): 1,
        ("2024-Q3", "asuminen"): 6, ("2024-Q3", "velat"): 4, ("2024-Q3", "terveys"): 7}


def _solves(p) -> int:  # noqa: ANN001
    return p.stats.get("cheap_checks", 0) + p.stats.get("local_solves", 0) + p.stats.get("full_solves", 0)


def test_unchanged_cells_are_not_solved_again() -> None:
    values = _cells(BASE)
    first = protect(values, 3)
    assert first.secondary and first.audit["pinned"] == 0 and first.witnesses
    again = protect(values, 3, previous=first.hidden, previous_witnesses=first.witnesses,
                    previous_downgraded=first.secondary | first.downgraded)
    assert again.hidden == first.hidden
    assert again.stats["witnesses_reused"] == len(first.witnesses)
    assert _solves(again) == 0 and again.audit["pinned"] == 0 and again.audit["extra_solves"] == 0
    assert _solves(first) > 0


def test_a_new_period_is_solved_and_old_witnesses_still_count() -> None:
    first = protect(_cells(BASE), 3)
    grown = _cells({**BASE, ("2024-Q4", "asuminen"): 4, ("2024-Q4", "velat"): 1, ("2024-Q4", "terveys"): 6})
    again = protect(grown, 3, previous=first.hidden, previous_witnesses=first.witnesses,
                    previous_downgraded=first.secondary | first.downgraded)
    new_cell = ("2024-Q4", "velat", ALL, ALL, ALL)
    assert new_cell in again.primary and new_cell in again.hidden
    assert first.hidden <= again.hidden  # nothing hidden last night is revealed
    assert again.audit["pinned"] == 0 and _solves(again) > 0  # the new period's cells needed solving
    assert 0 < again.stats["witnesses_reused"] <= len(first.witnesses)


def test_a_wrong_witness_is_not_trusted() -> None:
    values = _cells(BASE)
    first = protect(values, 3)
    # a "witness" moving a published margin: no reader-consistent table; it must be rejected and re-solved
    bogus = [{(ALL, ALL, ALL, ALL, ALL): 5, c: 5} for c in first.hidden]
    again = protect(values, 3, previous=first.hidden, previous_witnesses=bogus)
    assert again.stats["witnesses_reused"] == 0 and _solves(again) > 0 and again.audit["pinned"] == 0


def test_export_keeps_its_witnesses_beside_the_store_not_in_the_export(sqlite_url: str, tmp_path: Path) -> None:
    from test_export import make_fixture, store_fixture

    from pipeline.export import export

    engine = store_fixture(sqlite_url, make_fixture(90, seed=4, days=300))
    out = tmp_path / "out"
    first = export(engine, out, formats=["csv"], period="quarter")
    assert first["disclosure"]["witnesses_reused"] == 0
    files = list((tmp_path / "cache" / "disclosure").glob("witnesses-*.json"))
    assert len(files) == 1  # beside the SQLite store (tmp_path), private
    assert not any("witness" in p.name for p in out.rglob("*"))
    second = export(engine, out, formats=["csv"], period="quarter")  # same counts: nothing to solve
    d = second["disclosure"]
    assert d["witnesses_reused"] > 0 and d["audit"]["pinned"] == 0 and d["audit"]["extra_solves"] == 0
    extra = [dict(r, report_id=f"N-{i}", submitted=date(2024, 12, 20)) for i, r in enumerate(make_fixture(6, seed=9))]
    store_fixture(sqlite_url, extra)
    third = export(engine, out, formats=["csv"], period="quarter")
    assert third["disclosure"]["audit"]["pinned"] == 0
    assert third["reports_counted"] == first["reports_counted"] + 6


def test_signals_read_only_the_detectors_window() -> None:
    """O(window): `detect` hands the detector only reports inside its ``context_days``, not the whole store."""
    import numpy as np

    from pipeline.corpus import Corpus
    from pipeline.signals import detect

    as_of = date(2025, 6, 30)
    days = [date(2020, 1, 1)] * 40 + [date(2025, 3, 1)] * 10 + [date(2025, 7, 5)] * 3  # old, in window, future
    n = len(days)
    corpus = Corpus(ids=[f"R{i}" for i in range(n)], metadata=[{"submitted": d} for d in days], texts=[""] * n,
                    lemmas=[[] for _ in range(n)], embeddings=np.eye(n, 8, dtype=np.float32))
    seen: list[int] = []

    class Spy:  # a detector's interface: context_days and fit(...).signals_
        context_days = 365

        def fit(self, X, dates, ids, lemmas, as_of, previous=()):  # noqa: ANN001, ANN202
            seen.append(len(ids))
            assert all(d > date(2024, 6, 30) and d <= as_of for d in dates)
            self.signals_ = []
            return self

    assert detect(corpus, as_of, Spy()) == [] and seen == [10]
