"""A reviewer saving while the nightly run writes model themes: neither write may be lost (SQLite WAL and PostgreSQL)."""

from __future__ import annotations

import multiprocessing as mp
import time
import traceback
from datetime import datetime, timezone

import sqlalchemy as sa

from test_review import SEED, seed_store

N_RUNS = 40       # nightly "runs", each re-themes every report in one transaction
N_REVIEWS = 40    # reviewer saves
THEMES = ["housing", "ageing", "workforce", "integration"]


def _nightly(url: str, barrier, out) -> None:  # noqa: ANN001 - multiprocessing primitives
    try:
        from pipeline.store import get_engine
        from pipeline.store.schema import theme_assignments

        engine = get_engine(url)
        barrier.wait(timeout=60)
        start = time.monotonic()
        for i in range(N_RUNS):
            with engine.begin() as c:
                for rid, *_ in SEED:
                    c.execute(sa.insert(theme_assignments).values(
                        report_id=rid, theme="mental_health", score=0.5, evidence={"run": i}, source="model",
                        run_id=f"nightly-{i}", created_at=datetime.now(timezone.utc)))
                    time.sleep(0.002)  # a run holds its transaction while it works
        out.put(("nightly", start, time.monotonic(), None))
    except Exception:  # noqa: BLE001 - reported to the parent
        out.put(("nightly", 0, 0, traceback.format_exc()))


def _reviewer(url: str, barrier, out) -> None:  # noqa: ANN001
    try:
        from pipeline.review import set_report_themes
        from pipeline.store import get_engine

        engine = get_engine(url)
        barrier.wait(timeout=60)
        start = time.monotonic()
        for i in range(N_REVIEWS):
            rid = SEED[i % len(SEED)][0]
            set_report_themes(engine, rid, [THEMES[i % len(THEMES)]], "anna", note=f"save {i}")
        out.put(("reviewer", start, time.monotonic(), None))
    except Exception:  # noqa: BLE001
        out.put(("reviewer", 0, 0, traceback.format_exc()))


def test_reviewer_and_nightly_run_do_not_lose_writes(db_url: str) -> None:
    from pipeline.store.db import dispose_engines
    from pipeline.store.queries import effective_themes
    from pipeline.store.schema import reviews, theme_assignments

    engine = seed_store(db_url)
    with engine.connect() as c:
        seeded = c.execute(sa.select(sa.func.count()).select_from(theme_assignments)).scalar_one()
    dispose_engines()  # no pooled connection crosses into the children

    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=f, args=(db_url, barrier, out)) for f in (_nightly, _reviewer)]
    for p in procs:
        p.start()
    results = {name: (start, end, err) for name, start, end, err in (out.get(timeout=300) for _ in procs)}
    for p in procs:
        p.join(timeout=60)
    assert results["nightly"][2] is None, results["nightly"][2]
    assert results["reviewer"][2] is None, results["reviewer"][2]
    assert all(p.exitcode == 0 for p in procs)
    (n_start, n_end, _), (r_start, r_end, _) = results["nightly"], results["reviewer"]
    assert n_start < r_end and r_start < n_end, "the two writers did not overlap"

    from pipeline.store import get_engine

    engine = get_engine(db_url)
    with engine.connect() as c:
        n_model = c.execute(sa.select(sa.func.count()).select_from(theme_assignments)).scalar_one()
        saved = list(c.execute(sa.select(reviews.c.target, reviews.c.note).order_by(reviews.c.id)))
        eff = effective_themes(c, [rid for rid, *_ in SEED])
    assert n_model == seeded + N_RUNS * len(SEED)
    assert [n for _, n in saved] == [f"save {i}" for i in range(N_REVIEWS)]
    # the latest save per report wins over every nightly run
    for i in range(N_REVIEWS - len(SEED), N_REVIEWS):
        assert eff[SEED[i % len(SEED)][0]] == [THEMES[i % len(THEMES)]]
