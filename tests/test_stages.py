"""Each analysis stage runs on an in-memory `Corpus`: no store, no database, no Prefect."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from pipeline.corpus import Corpus
from pipeline.retraining import decide_promotion
from pipeline.settings import SignalsParams, ThemesParams, TopicsParams
from pipeline.signals import SignalDetector, detect, detector_from_params
from pipeline.themes import assign_themes, assigner_from_params, load_vocabulary
from pipeline.topics import assign_topics, fit_topics
from test_signals import _stream
from test_themes import TEXTS, TfidfEmbedder, simple_lemmas
from test_topics import _corpus, _DescriptionEmbedder


def _make(ids, X, lemmas, dates=None, phenomenon=None, texts=None) -> Corpus:  # noqa: ANN001
    n = len(ids)
    dates = dates or [date(2025, 1, 1)] * n
    meta = [{"report_id": i, "submitted": d, "phenomenon_type": (phenomenon or ["negatiivinen"] * n)[k]}
            for k, (i, d) in enumerate(zip(ids, dates))]
    return Corpus(ids=list(ids), metadata=meta, texts=list(texts or [""] * n), lemmas=[list(x) for x in lemmas],
                  embeddings=np.asarray(X, dtype=np.float32))


def test_corpus_subset_keeps_corpus_order_and_until_cuts_by_date() -> None:
    c = _make(["a", "b", "c"], np.eye(3), [["x"], ["y"], ["z"]],
              dates=[date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)])
    sub = c.subset(["c", "a", "missing"])
    assert sub.ids == ["a", "c"] and sub.lemmas == [["x"], ["z"]] and np.array_equal(sub.embeddings, np.eye(3)[[0, 2]])
    assert c.until(date(2025, 2, 1)).ids == ["a", "b"]
    assert "b" in c and len(c.subset([])) == 0


def test_corpus_parts_of_different_length_are_an_error() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        Corpus(ids=["a", "b"], metadata=[{}], texts=["", ""], lemmas=[[], []], embeddings=np.zeros((2, 3)))


def test_topics_stage_fits_and_assigns_on_an_in_memory_corpus() -> None:
    X, docs, truth = _corpus(1)
    corpus = _make([f"R{i}" for i in range(len(X))], X, [d.split() for d in docs])
    fitted = fit_topics(corpus, TopicsParams(), embedder=_DescriptionEmbedder(), version="t1")
    assert fitted.fitted and fitted.version == "t1" and fitted.metrics["topics"] == 3
    assert set(fitted.assigned) == set(corpus.ids) and fitted.topics_for(["R0"]) == [fitted.topic_of["R0"]]
    again = assign_topics(corpus.subset(["R0", "R40"]), fitted.model, "t1", known=fitted.topic_of)
    assert set(again.assigned) == {"R0", "R40"} and len(again.topic_of) == len(corpus)
    assert again.topic_of["R0"] == fitted.topic_of["R0"] != again.topic_of["R40"]


def test_themes_stage_themes_only_the_asked_reports_zero_shot() -> None:
    texts = list(TEXTS.values())
    vocab = load_vocabulary()
    emb = TfidfEmbedder(texts + [t.description_fi for t in vocab.themes])
    ids = [f"R{i}" for i in range(len(texts))]
    corpus = _make(ids, emb.embed(texts), simple_lemmas(texts), texts=texts)
    result = assign_themes(corpus, ids[:3], assigner_from_params(vocab, ThemesParams(), emb), reviewed={},
                           topics=None, cluster_themes={})
    assert list(result.predictions) == ids[:3] and result.mode == "zero-shot" and result.reviewed == 0
    assert [p[0][0] for p in result.predictions.values()] == list(TEXTS)[:3]


def test_signals_stage_flags_the_growing_group_from_settings_params() -> None:
    X, dates, ids, lemmas, new = _stream()
    corpus = _make(ids, X, lemmas, dates=dates)
    as_of = date(2024, 1, 1) + timedelta(days=720)
    # The stream's topics are tight random clusters (random-pair spread ~0.4, real report windows 0.09-0.13), where
    # the default v8's floors, in spreads above random pairs, form no group (README, weak signals): this tests the
    # stage's wiring from settings, so it names v6, whose floors are absolute.
    detector = detector_from_params(SignalsParams(detector="signal_detector.bertrend.v6"))
    assert isinstance(detector, SignalDetector) and detector.min_reports == SignalDetector().min_reports
    found = detect(corpus, as_of, detector, run_id="r1")
    flagged = [s for s in found if s.flagged]
    assert flagged and all(s.run_id == "r1" for s in found)
    new_ids = {i for i, n in zip(ids, new) if n}
    assert set(flagged[0].report_ids) <= new_ids
    assert detect(corpus, date(2023, 1, 1), detector) == []  # nothing submitted yet


def test_a_new_model_is_promoted_when_not_worse_or_on_request() -> None:
    assert decide_promotion({"review_agreement": 0.8}, None) == (True, "no active model")
    new, old = {"review_agreement": 0.5, "reviewed_reports": 50}, {"review_agreement": 0.8, "reviewed_reports": 50}
    ok, reason = decide_promotion(new, old)
    assert not ok and "below" in reason
    ok, reason = decide_promotion(new, old, force=True)
    assert ok and reason.startswith("promoted on request")
