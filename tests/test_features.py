"""The store-level lemma step: language stored, lemmas cached by (backend, text hash), re-runs cost only new texts."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from pipeline.features import lemmatize_reports
from pipeline.lemmas import Lemmatizer, get_lemmatizer
from pipeline.lemmas.simplemma_backend import SimplemmaLemmatizer
from pipeline.store import get_engine, schema
from pipeline.text import text_hash

TEXTS = {
    "R-1": "Asiakkaiden sähkölaskut ovat kasvaneet ja toimeentulotuen hakemukset lisääntyneet.",
    "R-2": "Klienterna väntar länge på hemtjänst och det saknas svenskspråkig personal.",
    "R-3": "Families could not find interpreters and the waiting times were long.",
    "R-4": "Asiakkaiden sähkölaskut ovat kasvaneet ja toimeentulotuen hakemukset lisääntyneet.",  # same as R-1
}


class CountingLemmatizer(SimplemmaLemmatizer):
    """simplemma that counts the texts it really lemmatises (cache hits never reach it)."""

    def __init__(self, suffix: str = "") -> None:
        super().__init__()
        self.suffix = suffix
        self.texts_seen: list[str] = []

    @property
    def id(self) -> str:
        return "counting-simplemma" + self.suffix

    def lemmatize(self, texts, languages=None):  # noqa: ANN001, ANN201
        self.texts_seen.extend(texts)
        return super().lemmatize(texts, languages)


def _add_reports(engine: sa.Engine, texts: dict[str, str]) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    rows = [
        {"report_id": rid, "source": "test.csv", "source_row": i, "submitted": dt.date(2025, 1, 1), "area": ["Lahti"],
         "target_group": "työikäiset", "phenomenon_type": "negatiivinen", "unit": "", "observation": text,
         "client_voice": "", "proposal": "", "text": text, "text_hash": text_hash(text), "pii_found": {},
         "extra": {}, "ingested_at": now}
        for i, (rid, text) in enumerate(texts.items(), start=2)
    ]
    with engine.begin() as conn:
        conn.execute(schema.reports.insert(), rows)


def _features(engine: sa.Engine) -> dict[str, dict]:
    with engine.connect() as conn:
        return {r.report_id: r._asdict() for r in conn.execute(sa.select(schema.features))}


def test_lemmas_language_and_cache_are_stored(db_url):
    engine = get_engine(db_url)
    _add_reports(engine, TEXTS)
    lem = CountingLemmatizer()
    stats = lemmatize_reports(engine, lemmatizer=lem)
    assert stats["processed"] == 4 and stats["lemmatizer"] == "counting-simplemma"
    assert len(lem.texts_seen) == 3  # share one text: lemmatised once
    feats = _features(engine)
    assert {rid: f["language"] for rid, f in feats.items()} == {"R-1": "fi", "R-2": "sv", "R-3": "en", "R-4": "fi"}
    assert "sähkölasku" in feats["R-1"]["lemmas"] and "asiakas" not in feats["R-1"]["lemmas"]
    assert "hemtjänst" in feats["R-2"]["lemmas"] and "interpreter" in feats["R-3"]["lemmas"]
    assert feats["R-4"]["lemmas"] == feats["R-1"]["lemmas"]
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.lemma_cache)).scalar() == 3


def test_rerun_touches_only_new_reports(db_url):
    engine = get_engine(db_url)
    _add_reports(engine, {k: TEXTS[k] for k in ("R-1", "R-2")})
    lem = CountingLemmatizer()
    lemmatize_reports(engine, lemmatizer=lem)
    assert lemmatize_reports(engine, lemmatizer=lem)["processed"] == 0  # nothing new: nothing to do

    _add_reports(engine, {"R-3": TEXTS["R-3"], "R-4": TEXTS["R-4"]})
    lem.texts_seen.clear()
    stats = lemmatize_reports(engine, lemmatizer=lem)
    assert stats["processed"] == 2 and stats["cached"] == 1 and stats["lemmatized"] == 1
    assert lem.texts_seen == [TEXTS["R-3"]]  # R-4's text was already in the cache

    # Asking again for named reports rewrites their rows from the cache, without lemmatising.
    lem.texts_seen.clear()
    stats = lemmatize_reports(engine, ["R-1", "R-2"], lemmatizer=lem)
    assert stats == stats | {"processed": 2, "cached": 2, "lemmatized": 0} and lem.texts_seen == []
    assert len(_features(engine)) == 4


def test_another_lemmatizer_relemmatises_and_is_recorded(sqlite_url):
    engine = get_engine(sqlite_url)
    _add_reports(engine, {"R-1": TEXTS["R-1"]})
    lemmatize_reports(engine, lemmatizer=CountingLemmatizer())
    other = CountingLemmatizer(suffix="-v2")
    stats = lemmatize_reports(engine, lemmatizer=other)
    assert stats["processed"] == 1 and other.texts_seen == [TEXTS["R-1"]]
    assert _features(engine)["R-1"]["lemmatizer"] == "counting-simplemma-v2"


def test_named_backend_from_settings_is_used(sqlite_url, monkeypatch):
    from pipeline.settings import get_settings

    monkeypatch.setenv("SIGNAALI_LEMMATIZER", "simplemma")
    get_settings.cache_clear()
    try:
        engine = get_engine(sqlite_url)
        _add_reports(engine, {"R-1": TEXTS["R-1"]})
        stats = lemmatize_reports(engine)
        assert stats["lemmatizer"] == get_lemmatizer("simplemma").id
        assert isinstance(get_lemmatizer("simplemma"), Lemmatizer)
    finally:
        get_settings.cache_clear()


def test_cli_lemmatize_prints_only_json(sqlite_url):
    import json

    from typer.testing import CliRunner

    from pipeline.cli import app

    engine = get_engine(sqlite_url)
    _add_reports(engine, {"R-1": TEXTS["R-1"], "R-3": TEXTS["R-3"]})
    args = ["lemmatize", "--db", sqlite_url, "--lemmatizer", "simplemma", "--json"]
    first = json.loads(CliRunner().invoke(app, args).stdout)
    assert first["processed"] == 2 and first["languages"] == {"fi": 1, "en": 1}
    again = json.loads(CliRunner().invoke(app, args + ["--all"]).stdout)
    assert again["processed"] == 2 and again["lemmatized"] == 0  # rewritten from the cache
