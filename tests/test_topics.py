"""Topic model: deterministic clusters, readable lemma keywords, safetensors round trip, nearest-centroid assignment."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.topics import TopicModel, scaled_min_cluster_size


def _corpus(seed: int = 0) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Three well-separated groups of synthetic report embeddings with their own lemma vocabularies."""
    rng = np.random.default_rng(seed)
    words = [["asunto", "vuokra", "häätö", "asumisneuvonta"], ["päihde", "alkoholi", "kuntoutus", "huume"],
             ["omaishoitaja", "vapaapäivä", "hoitopalkkio", "intervallihoito"]]
    centres = rng.normal(size=(3, 48))
    X, docs, truth = [], [], []
    for g in range(3):
        for i in range(30):
            X.append(centres[g] + 0.15 * rng.normal(size=48))
            docs.append(" ".join(rng.choice(words[g], size=6)) + " asiakas palvelu")
            truth.append(g)
    X = np.asarray(X, dtype=np.float32)
    return X / np.linalg.norm(X, axis=1, keepdims=True), docs, np.asarray(truth)


class _DescriptionEmbedder:
    """Stand-in for theme-description embeddings (random but fixed unit vectors of the corpus' width)."""

    model_id = "test.random-unit-48"  # keys the vocabulary-vector file like a real embedder's id

    def embed(self, texts: list[str]) -> np.ndarray:
        x = np.random.default_rng(3).normal(size=(len(texts), 48)).astype(np.float32)
        return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def fitted() -> tuple[TopicModel, np.ndarray, list[str], np.ndarray]:
    X, docs, truth = _corpus()
    return TopicModel(representation="ctfidf", random_state=7).fit(X, docs), X, docs, truth


def test_same_data_and_settings_give_the_same_topics(fitted) -> None:  # noqa: ANN001
    tm, X, docs, _ = fitted
    again = TopicModel(representation="ctfidf", random_state=7).fit(X, docs)
    assert (again.topics_ == tm.topics_).all()
    assert again.topic_keywords_ == tm.topic_keywords_


def test_topics_recover_the_groups_with_readable_finnish_keywords(fitted) -> None:  # noqa: ANN001
    tm, _, _, truth = fitted
    assert len(tm.centroids_) == 3
    for g in range(3):
        assert len(set(tm.topics_[truth == g].tolist())) == 1  # each group is one topic
    words = {w for kws in tm.topic_keywords_.values() for w in kws}
    assert {"häätö", "päihde", "omaishoitaja"} <= words  # ä/ö survive; stop words and shared words do not lead


def test_save_load_round_trip_uses_safetensors_and_assigns_the_same(fitted, tmp_path: Path) -> None:  # noqa: ANN001
    tm, X, _, _ = fitted
    path = tm.save(tmp_path / "v1")
    assert (path / "topic_model.safetensors").exists()
    assert not list(path.rglob("*.pkl")) and not list(path.rglob("*.pickle"))
    loaded = TopicModel.load(path)
    t1, s1 = tm.transform(X)
    t2, s2 = loaded.transform(X)
    assert (t1 == t2).all() and np.allclose(s1, s2)
    kept = t1 != -1
    assert kept.mean() >= 0.9 and (t1[kept] == tm.topics_[kept]).all()  # fitted reports land in their own topic
    assert loaded.topic_keywords_ == tm.topic_keywords_
    assert TopicModel.load(path, load_bertopic=True).bertopic_.get_topic_info().shape[0] >= 3


def test_a_report_far_from_every_cluster_is_an_outlier(fitted) -> None:  # noqa: ANN001
    tm, X, _, _ = fitted
    far = -X.mean(axis=0, keepdims=True)
    assert tm.transform(far)[0][0] == -1


def test_min_cluster_size_scales_with_corpus_size() -> None:
    sizes = [scaled_min_cluster_size(n) for n in (100, 1_000, 10_000, 100_000)]
    assert sizes == sorted(sizes) and sizes[0] == 5 and 50 <= sizes[-1] <= 200


def test_store_fit_registers_the_model_and_assigns_new_reports(sqlite_url: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date, datetime, timezone

    import sqlalchemy as sa

    import pipeline.corpus as corpus_mod
    from pipeline import steps
    from pipeline.corpus import load_corpus
    from pipeline.settings import get_settings
    from pipeline.store import get_engine
    from pipeline.store.schema import clusters, features, models, reports, topic_assignments
    from pipeline.topics import load_topics

    monkeypatch.setenv("SIGNAALI_MODELS_DIR", str(tmp_path / "models"))
    get_settings.cache_clear()
    X, docs, _ = _corpus(1)
    vec = {f"text {i}": x for i, x in enumerate(X)}
    monkeypatch.setattr(corpus_mod, "_embed_stored", lambda engine, embedder, texts: np.stack([vec[t] for t in texts]))
    engine = get_engine(sqlite_url)
    now = datetime.now(timezone.utc)
    with engine.begin() as conn:
        conn.execute(sa.insert(reports), [dict(
            report_id=f"R{i}", source="t", source_row=i, submitted=date(2025, 1, 1), area=["Lahti"], target_group="",
            phenomenon_type="negatiivinen", unit="", observation=f"text {i}", client_voice="", proposal="",
            text=f"text {i}", text_hash=f"h{i}", pii_found={}, extra={}, ingested_at=now) for i in range(len(X))])
        conn.execute(sa.insert(features), [dict(report_id=f"R{i}", text_hash=f"h{i}", language="fi",
                                                lemmatizer="test", lemmas=d.split()) for i, d in enumerate(docs)])
    assert load_topics(engine) is None
    try:
        version = steps.fit_topic_model(engine, embedder=_DescriptionEmbedder()).version
        assert load_topics(engine).version == version
        with engine.connect() as conn:
            model = conn.execute(sa.select(models)).mappings().one()
            rows = conn.execute(sa.select(clusters)).mappings().all()
            n_assigned = conn.execute(sa.select(sa.func.count()).select_from(topic_assignments)).scalar()
        assert model["metrics"]["topics"] == 3 and Path(model["path"]).exists()
        assert len(rows) == 3 and all(r["keywords"] and r["suggested_themes"] for r in rows)
        assert n_assigned == len(X)
        corpus = load_corpus(engine, _DescriptionEmbedder())
        assert len(steps.topics(engine, corpus, ["R0", "R1"]).assigned) == 2
    finally:
        get_settings.cache_clear()
