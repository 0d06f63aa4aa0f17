"""Theme vocabulary, zero-shot and reviewed theme assignment, reviewer override, `signaali themes assign`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from pipeline.themes import ThemeAssigner, add_theme, load_vocabulary, rename_theme, retire_theme
from pipeline.themes.vocabulary import Vocabulary

DESIGN_KEYS = ["mental_health", "substance_use", "integration", "service_access", "housing", "carers_support",
               "children_families", "disability", "ageing", "income_employment", "language_inclusion", "workforce",
               "good_practice"]

TEXTS = {
    "mental_health": "Nuorten mielenterveyspalveluihin on pitkä jono ja ahdistus sekä masennus lisääntyvät.",
    "substance_use": "Päihdekuntoutukseen ei pääse ja alkoholin ja huumeiden käyttö on lisääntynyt.",
    "housing": "Asiakas sai häätöilmoituksen ja vuokra-asuntoa ei löydy, asunnottomuus uhkaa.",
    "carers_support": "Omaishoitajat eivät saa lakisääteisiä vapaapäiviä ja hoitopalkkio on pieni.",
    "ageing": "Kotihoidon ikäihmiset ja muistisairaat jäävät yksin, kaatumisia on paljon.",
    "income_employment": "Toimeentulotuen hakemukset ja Kelan päätökset viipyvät, velat ja ulosotto kasvavat.",
}


class TfidfEmbedder:
    """Stand-in for the e5 embedder in unit tests: TF-IDF of character n-grams + SVD, rows normalised."""

    model_id = "test-tfidf"

    def __init__(self, corpus: list[str]) -> None:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit(corpus)
        self.svd = TruncatedSVD(n_components=min(32, len(corpus) - 1), random_state=0).fit(
            self.vec.transform(corpus))

    def embed(self, texts: list[str]) -> np.ndarray:
        x = self.svd.transform(self.vec.transform(list(texts))).astype(np.float32)
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def simple_lemmas(texts: list[str]) -> list[list[str]]:
    import simplemma

    return [[simplemma.lemmatize(w.lower(), lang="fi") for w in re.findall(r"\w[\w-]*", t)] for t in texts]


@pytest.fixture
def vocab() -> Vocabulary:
    return load_vocabulary()


def test_default_vocabulary_has_the_design_keys_in_both_languages(vocab: Vocabulary) -> None:
    assert vocab.keys == DESIGN_KEYS
    for t in vocab.themes:
        assert t.label_fi and t.label_en and t.description_fi and t.description_en and len(t.keywords) >= 10


def test_add_rename_retire_bump_version_and_keep_alias(vocab: Vocabulary, tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.yaml"
    v = Vocabulary(version=vocab.version, themes=vocab.themes, path=path)
    v = add_theme(v, "energy_poverty", "Energiaköyhyys", "Energy poverty", "Sähkölaskut ja lämmitys.",
                  keywords=["sähkölasku"])
    v = rename_theme(load_vocabulary(path), "energy_poverty", "energy")
    v = retire_theme(load_vocabulary(path), "workforce")
    again = load_vocabulary(path)
    assert again.version == vocab.version + 3
    assert again.canonical("energy_poverty") == "energy"  # labels stored under the old key still resolve
    assert "workforce" not in again.keys and again.get("workforce").retired
    assert "energy" in again.keys


def test_zero_shot_puts_the_obvious_theme_first(vocab: Vocabulary) -> None:
    texts = list(TEXTS.values())
    emb = TfidfEmbedder(texts + [t.description_fi for t in vocab.themes])
    lem = simple_lemmas(texts)
    assigner = ThemeAssigner(vocab, embedder=emb).fit(emb.embed(texts), lem)
    preds = assigner.predict(emb.embed(texts), lem)
    for expected, pred in zip(TEXTS, preds):
        assert 1 <= len(pred) <= 3
        assert pred[0][0] == expected, (expected, pred)
        assert pred[0][2]["keywords"], "evidence names the matched keywords"


def test_example_statements_load_round_trip_and_pull_a_matching_text(vocab: Vocabulary, tmp_path: Path) -> None:
    from dataclasses import replace

    from pipeline.themes import save_vocabulary

    assert all(len(t.examples_fi) >= 3 for t in vocab.themes), "every default theme has example statements"
    path = save_vocabulary(Vocabulary(version=vocab.version, themes=vocab.themes, path=tmp_path / "v.yaml"),
                           tmp_path / "v.yaml")
    assert load_vocabulary(path).get("workforce").examples_fi == vocab.get("workforce").examples_fi
    # A text worded like a theme's example (and unlike its description) scores higher with the example than without.
    text = "Pelikonsolit ja pelitilat puuttuvat nuorisotaloilta."
    # Finnish only: the Swedish/English texts are compared with reports in those languages (tested below).
    fi_only = [replace(t, description_en="", description_sv="", examples_sv=(), examples_en=()) for t in vocab.themes]
    plain = Vocabulary(version=1, themes=tuple(replace(t, examples_fi=()) for t in fi_only))
    with_ex = Vocabulary(version=1, themes=tuple(
        replace(t, examples_fi=(text,)) if t.key == "workforce" else replace(t, examples_fi=()) for t in fi_only))
    corpus = list(TEXTS.values()) + [text]
    emb = TfidfEmbedder(corpus + [t.description_fi for t in vocab.themes])
    E, lem = emb.embed(corpus), simple_lemmas(corpus)
    j = vocab.keys.index("workforce")
    s_plain = ThemeAssigner(plain, embedder=emb).fit(E, lem).score(E[-1:], lem[-1:]).description_sim[0, j]
    s_ex = ThemeAssigner(with_ex, embedder=emb).fit(E, lem).score(E[-1:], lem[-1:]).description_sim[0, j]
    assert s_ex > s_plain + 0.1


def test_compound_keyword_matches_inside_a_finnish_compound(vocab: Vocabulary) -> None:
    from pipeline.themes import match_keywords

    lemma_string = " nuorisopsykiatria mielenterveyspalvelu odotusaika "
    assert "mielenterv" in match_keywords(vocab.get("mental_health"), lemma_string)
    assert match_keywords(vocab.get("disability"), " hengityslaite ") == ["hengityslai"]


def test_reviewed_labels_teach_a_theme_the_vocabulary_misses(vocab: Vocabulary) -> None:
    rng = np.random.default_rng(0)
    # Reports about "pelikonsoli" carry the reviewed label workforce although no keyword says so.
    texts, labels = [], []
    for i in range(40):
        if i % 2:
            texts.append(f"Pelikonsoli ja pelikonsolit vievät aikaa {i}.")
            labels.append(["workforce"])
        else:
            texts.append(f"Asiakas tarvitsee asunnon ja vuokra on korkea {i}.")
            labels.append(["housing"])
    emb = TfidfEmbedder(texts)
    lem = simple_lemmas(texts)
    a = ThemeAssigner(vocab, embedder=emb, min_reviewed=10, random_state=int(rng.integers(10))).fit(
        emb.embed(texts), lem, labels=labels)
    pred = a.predict(emb.embed(["Pelikonsoli vie aikaa."]), simple_lemmas(["Pelikonsoli vie aikaa."]))[0]
    assert pred[0][0] == "workforce"
    assert pred[0][2]["mode"] == "reviewed" and pred[0][2]["neighbours"]


def test_reviewer_decision_overrides_model_themes(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date, datetime, timezone

    import sqlalchemy as sa

    from pipeline.store import get_engine
    from pipeline.store.queries import effective_themes
    from pipeline.store.schema import features, reports, reviews
    from pipeline.themes import assign_report_themes

    engine = get_engine(db_url)
    now = datetime.now(timezone.utc)
    texts = list(TEXTS.values())
    with engine.begin() as conn:
        for i, t in enumerate(texts):
            conn.execute(sa.insert(reports).values(
                report_id=f"R{i}", source="t", source_row=i, submitted=date(2025, 1, 1 + i), area=["Lahti"],
                target_group="", phenomenon_type="negatiivinen", unit="", observation=t, client_voice="",
                proposal="", text=t, text_hash=f"h{i}", pii_found={}, extra={}, ingested_at=now))
            conn.execute(sa.insert(features).values(report_id=f"R{i}", text_hash=f"h{i}", language="fi",
                                                    lemmatizer="simplemma", lemmas=simple_lemmas([t])[0]))
        conn.execute(sa.insert(reviews).values(kind="report", target="R0", reviewer="anna", created_at=now,
                                               old={"themes": []}, new={"themes": ["workforce"]}, note=""))
    emb = TfidfEmbedder(texts + [t.description_fi for t in load_vocabulary().themes])
    import pipeline.corpus as corpus_mod

    monkeypatch.setattr(corpus_mod, "_embed_stored", lambda engine, embedder, t: embedder.embed(t))
    n = assign_report_themes(engine, [f"R{i}" for i in range(len(texts))], run_id="run-1", embedder=emb)
    assert n == len(texts)
    with engine.connect() as conn:
        eff = effective_themes(conn, [f"R{i}" for i in range(len(texts))])
    assert eff["R0"] == ["workforce"]  # the reviewer wins
    assert eff["R2"][0] == "housing"  # the model themes the rest


def test_cli_themes_assign_on_an_empty_store(tmp_path: Path, sqlite_url: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import pipeline.cli.theme_commands as tc
    from pipeline.cli import app

    texts = list(TEXTS.values())
    vocab = load_vocabulary()
    monkeypatch.setattr(tc, "_embedder", lambda: TfidfEmbedder(texts + [t.description_fi for t in vocab.themes]))
    monkeypatch.setenv("SIGNAALI_LEMMATIZER", "simplemma")
    from pipeline.settings import get_settings

    get_settings.cache_clear()
    src = tmp_path / "in.csv"
    import pandas as pd

    pd.DataFrame({"id": range(len(texts)), "teksti": texts}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    try:
        res = CliRunner().invoke(app, ["themes", "assign", str(src), "-o", str(out), "--text-column", "teksti",
                                       "--db", sqlite_url])
    finally:
        get_settings.cache_clear()
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    assert list(df.columns[-2:]) == ["themes", "theme_scores"]
    for expected, themes, scores in zip(TEXTS, df.themes, df.theme_scores):
        keys = themes.split(";")
        assert keys[0] == expected and 1 <= len(keys) <= 3
        assert set(json.loads(scores)) == set(keys)


def test_cli_themes_assign_names_a_missing_column(tmp_path: Path, sqlite_url: str) -> None:
    from pipeline.cli.theme_commands import _read_texts
    from pipeline.errors import InputError

    src = tmp_path / "in.csv"
    src.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'teksti'"):
        _read_texts(src, "teksti")


def test_the_vocabulary_yaml_is_parsed_once_per_text_and_an_edit_is_read(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    import yaml

    from pipeline.themes import vocabulary as vocab_mod

    default = load_vocabulary()
    path = tmp_path / "vocabulary.yaml"
    path.write_text(default.path.read_text(encoding="utf-8") + "\n# a text not parsed before\n", encoding="utf-8")
    parses: list[int] = []
    real = yaml.safe_load
    monkeypatch.setattr(vocab_mod.yaml, "safe_load", lambda text: parses.append(1) or real(text))
    first, second = load_vocabulary(path), load_vocabulary(path)
    assert first == second and first.themes == default.themes
    assert len(parses) == 1  # the second read is a copy of the first parse
    path.write_text(path.read_text(encoding="utf-8").replace(f"version: {default.version}",
                                                             f"version: {default.version + 1}", 1),
                    encoding="utf-8")
    assert load_vocabulary(path).version == default.version + 1  # an edited file is parsed again
    assert len(parses) == 2
