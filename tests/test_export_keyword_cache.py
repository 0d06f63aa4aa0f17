"""The export keeps each report's keyword words for the next one: the tables and the report come out byte for byte
as when every report's lemmas are read again, and an increment reads only the new or re-lemmatised reports."""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from pipeline.store.schema import features
from tests.test_export import make_fixture, store_fixture

WORDS = ["mielenterveys", "psykiatri", "jono", "odotusaika", "asunto", "asuminen", "yhteistyö", "tiedonkulku",
         "ahdistus", "toimeentulo", "työ", "ja", "x1", "Asunnottomuus"]


def _add_features(engine: sa.Engine, rows: list[dict], lemmatizer: str = "lemmatizer.test.v1", seed: int = 0) -> None:
    rng = random.Random(seed)
    with engine.begin() as conn:
        for r in rows:
            conn.execute(features.delete().where(features.c.report_id == r["report_id"]))
            conn.execute(features.insert().values(report_id=r["report_id"], text_hash=f"h-{r['report_id']}-{seed}",
                                                  language="fi", lemmatizer=lemmatizer,
                                                  lemmas=rng.choices(WORDS, k=rng.randint(0, 9))))


def _night(tmp: Path, keep_cache: bool, calls: list[list[str]] | None = None) -> Path:
    """Two nightly exports of one store; between them 6 new reports and one report lemmatised again."""
    from pipeline.export import export
    from pipeline.store import queries

    tmp.mkdir()
    url = f"sqlite:///{tmp / 'store.db'}"
    rows = make_fixture(80, seed=4, days=300)
    engine = store_fixture(url, rows)
    _add_features(engine, rows[:-5])  # the last five have no lemmas: text words stand in
    out = tmp / "out"
    export(engine, out, formats=["csv", "html"], period="quarter")
    extra = [dict(r, report_id=f"N-{i}", submitted=date(2024, 12, 20)) for i, r in enumerate(make_fixture(6, seed=9))]
    store_fixture(url, extra)
    _add_features(engine, extra, seed=1)
    _add_features(engine, rows[:1], lemmatizer="lemmatizer.test.v2", seed=2)
    caches = list(tmp.rglob("report_words.json"))
    assert len(caches) == 1
    if not keep_cache:
        shutil.rmtree(caches[0].parent)
    if calls is not None:
        real = queries.report_lemmas

        def spy(conn, ids):  # noqa: ANN001, ANN202
            ids = list(ids)
            calls.append(ids)
            return real(conn, ids)

        queries.report_lemmas = spy
        try:
            export(engine, out, formats=["csv", "html"], period="quarter")
        finally:
            queries.report_lemmas = real
    else:
        export(engine, out, formats=["csv", "html"], period="quarter")
    return out


def test_kept_words_give_the_same_tables_and_report_byte_for_byte(tmp_path: Path) -> None:
    calls: list[list[str]] = []
    kept = _night(tmp_path / "kept", keep_cache=True, calls=calls)
    fresh = _night(tmp_path / "fresh", keep_cache=False)
    files = sorted(p.name for p in kept.iterdir() if p.suffix in (".csv", ".html"))
    assert "report.html" in files and "themes_long.csv" in files
    page = (kept / "report.html").read_text(encoding="utf-8")
    assert "mielenterveys" in page and "asunto" in page  # the theme keywords are in what is compared
    for name in files:
        a, b = (kept / name).read_bytes(), (fresh / name).read_bytes()
        if name.endswith(".html"):  # the report names its own export time
            a, b = (_without_times(x) for x in (a, b))
        assert a == b, name
    # the increment read the lemmas of the 6 new reports and the one lemmatised again, not of all 86
    assert [sorted(c) for c in calls] == [sorted(["F-0000", *(f"N-{i}" for i in range(6))])]


def _without_times(page: bytes) -> bytes:
    import re

    return re.sub(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?(\.\d+)?(\+00:00|Z)?", b"<time>", page)
