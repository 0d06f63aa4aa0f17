"""The reviewed head (`pipeline.themes.head`, ``theme_scorer.reviewed_head.v1``): fit/predict, thresholds, and that a
reviewer's correction changes the next prediction."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.registry import registry
from pipeline.settings import ThemesParams
from pipeline.themes import ThemeAssigner, load_vocabulary
from pipeline.themes.head import NAME, ReviewedHead, calibrate_thresholds, head_weight, select_with_thresholds
from pipeline.themes.scorers import DEFAULT_SCORERS
from pipeline.themes.steps import assign_themes, assigner_from_params

from test_themes import TfidfEmbedder, simple_lemmas

HEAD_SCORERS = (*DEFAULT_SCORERS, NAME)


def _corpus() -> tuple[list[str], list[list[str]]]:
    """40 reports in two groups the vocabulary cannot tell apart by keywords: game consoles and bus tickets."""
    texts, labels = [], []
    for i in range(40):
        if i % 2:
            texts.append(f"Pelikonsoli ja pelikonsolit vievät nuoren illat {i}.")
            labels.append(["workforce"])
        else:
            texts.append(f"Bussilippu ja matkakortti maksavat liikaa {i}.")
            labels.append(["disability"])
    return texts, labels


def test_head_fit_predict_separates_two_reviewed_groups() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=16), rng.normal(size=16)
    X = np.vstack([a + 0.1 * rng.normal(size=(10, 16)), b + 0.1 * rng.normal(size=(10, 16))])
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    Y = np.zeros((20, 3), dtype=int)
    Y[:10, 0] = 1
    Y[10:, 1] = 1
    head = ReviewedHead(n_neighbours=5, lexical=False).fit(X, Y)
    P = head.predict_proba(X[[0, 15]])
    assert P.shape == (2, 3) and (P >= 0).all() and (P <= 1).all()
    assert P[0].argmax() == 0 and P[1].argmax() == 1
    # The theme nobody has keeps a zero score rather than an arbitrary one.
    assert P[:, 2].max() < 0.05
    with pytest.raises(ValueError, match="label matrix"):
        ReviewedHead().fit(X, Y[:5])
    with pytest.raises(ValueError, match="lemma document"):
        ReviewedHead(lexical=True).fit(X, Y)


def test_thresholds_are_per_theme_and_select_at_least_one() -> None:
    # Theme 0 is present whenever its score > 0.6; theme 1 whenever its score > 0.2: one shared cut cannot do both.
    rng = np.random.default_rng(1)
    S = rng.uniform(size=(300, 2))
    Y = np.stack([S[:, 0] > 0.6, S[:, 1] > 0.2], axis=1).astype(int)
    t, k = calibrate_thresholds(S, Y, max_themes=2, min_counts=(1,))
    assert k == 1
    assert 0.5 < t[0] < 0.7 and 0.1 < t[1] < 0.3
    chosen = select_with_thresholds(np.array([[0.1, 0.05], [0.9, 0.9]]), t, max_themes=2)
    assert [j for j, _ in chosen[0]] in ([0], [1])  # nothing passes, the best margin still counts
    assert sorted(j for j, _ in chosen[1]) == [0, 1]
    assert head_weight(0, 50, 1.5) == 0 and head_weight(50, 50, 1.5) == pytest.approx(0.75)
    assert head_weight(500, 50, 1.5) > head_weight(100, 50, 1.5)


def test_head_scorer_is_registered_and_settings_reach_the_assigner() -> None:
    assert NAME in registry.theme_scorers
    params = ThemesParams(scorers=list(HEAD_SCORERS), head_max_weight=2.0)
    a = assigner_from_params(load_vocabulary(), params, embedder=None)
    assert a.head_max_weight == 2.0 and NAME in a.scorers


def test_reviewed_head_learns_a_theme_and_shows_nearest_reviewed_reports() -> None:
    texts, labels = _corpus()
    emb = TfidfEmbedder(texts)
    lem = simple_lemmas(texts)
    ids = [f"r{i}" for i in range(len(texts))]
    a = ThemeAssigner(load_vocabulary(), embedder=emb, min_reviewed=10, scorers=HEAD_SCORERS).fit(
        emb.embed(texts), lem, labels=labels, report_ids=ids)
    assert a.head_ is not None and a.supervised_ is None  # the head replaces the logistic part (d)
    assert a.head_thresholds_.shape == (len(a.keys_),)
    new = ["Pelikonsoli vie illat.", "Matkakortti ja bussilippu ovat kalliita."]
    pred = a.predict(emb.embed(new), simple_lemmas(new))
    assert pred[0][0][0] == "workforce" and pred[1][0][0] == "disability"
    ev = pred[0][0][2]
    assert ev["mode"] == "reviewed" and len(ev["neighbours"]) == 3
    assert all(int(n[1:]) % 2 == 1 for n in ev["neighbours"])  # the nearest reviewed reports are console ones
    # Below min_reviewed: zero-shot, no head.
    z = ThemeAssigner(load_vocabulary(), embedder=emb, min_reviewed=100, scorers=HEAD_SCORERS).fit(
        emb.embed(texts), lem, labels=labels)
    assert z.head_ is None and z.predict(emb.embed(new[:1]), simple_lemmas(new[:1]))[0][0][2]["mode"] == "zero-shot"


def test_a_correction_changes_the_next_runs_prediction() -> None:
    """A reviewer re-labels the console reports as mental_health: the next run themes a new console report so."""
    from pipeline.corpus import Corpus

    texts, labels = _corpus()
    emb = TfidfEmbedder(texts + ["Pelikonsoli vie illat."])
    ids = [f"r{i}" for i in range(len(texts))] + ["new"]
    all_texts = texts + ["Pelikonsoli vie illat."]
    corpus = Corpus(ids=ids, metadata=[{} for _ in ids], texts=all_texts, lemmas=simple_lemmas(all_texts),
                    embeddings=emb.embed(all_texts))
    # 40 labels give the head weight 0.67 by default; the toy TF-IDF embedder's description similarities are noise
    # of about that size, so the test lets the labels weigh as a few hundred would.
    params = ThemesParams(scorers=list(HEAD_SCORERS), min_reviewed=10, head_max_weight=3.0)

    def run(reviewed: dict[str, list[str]]) -> str:
        assigner = assigner_from_params(load_vocabulary(), params, emb)
        result = assign_themes(corpus, ["new"], assigner, reviewed, None, {}, reference=ids[:-1])
        assert result.mode == "reviewed" and result.reviewed == len(reviewed)
        return result.predictions["new"][0][0]

    reviewed = dict(zip(ids, labels))
    assert run(reviewed) == "workforce"
    corrected = {rid: (["mental_health"] if lab == ["workforce"] else lab) for rid, lab in reviewed.items()}
    assert run(corrected) == "mental_health"
