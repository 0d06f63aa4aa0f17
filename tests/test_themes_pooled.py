"""Issue 18 (session 5): English keywords, the v4 vocabulary's mined lemmas, and the bench's keyword mining across
writers (bench/themes_pooled_cv.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from pipeline.themes import ThemeAssigner, load_vocabulary
from pipeline.themes.scorers import lemma_string, match_keywords

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.themes_pooled_cv import mine_keywords, with_mined  # noqa: E402


class ConstantEmbedder:
    """Every text the same vector: the description part says nothing, so only keywords can pick a theme."""

    model_id = "constant-test"

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 4), dtype=np.float32)


def test_an_english_report_gets_its_theme_from_the_english_keywords() -> None:
    vocab = load_vocabulary()
    # Lemmas as the lemmatiser gives them for "Staff are exhausted; overtime is routine and vacancies stay open."
    lem = [["staff", "exhaust", "overtime", "routine", "vacancy", "open"],
           ["client", "wait", "month", "appointment", "queue"]]
    E = ConstantEmbedder().embed(["a", "b"])
    a = ThemeAssigner(vocab, embedder=ConstantEmbedder()).fit(E, lem)
    preds = a.predict(E, lem)
    assert preds[0][0][0] == "workforce" and "staff" in preds[0][0][2]["keywords"]
    assert preds[1][0][0] == "service_access"
    assert {"wait", "queue"} <= set(preds[1][0][2]["keywords"])


def test_v4_vocabulary_matches_the_mined_whole_lemmas() -> None:
    vocab = load_vocabulary()
    assert vocab.version >= 4
    assert match_keywords(vocab.get("workforce"), lemma_string(["ylityö", "tehdä"])) == ["ylityö"]
    assert "yhteyshenkilö" in match_keywords(vocab.get("integration"), lemma_string(["nimetty", "yhteyshenkilö"]))
    # Whole lemma only: the mined "tieto" is no stem ("tietokone" is not integration evidence).
    assert "tieto" not in match_keywords(vocab.get("integration"), lemma_string(["tietokone"]))


def _set(writer: str, lemmas: list[list[str]], gold: list[list[int]]) -> dict:
    Y = np.array(gold)
    return {"writer": writer, "lemset": [set(x) for x in lemmas], "Y": Y,
            "parts": {"keywords": np.zeros(Y.shape, dtype=float)}}


def test_mining_needs_support_precision_and_two_writers() -> None:
    vocab = load_vocabulary()
    tk = ["workforce", "housing"]
    # "ylitunti" marks workforce in two writers; "vuorolista" only in one; "palaveri" in both themes alike.
    a = _set("a", [["ylitunti", "palaveri"], ["ylitunti"], ["vuorolista"], ["vuorolista"], ["palaveri"],
                   ["vuorolista", "vuorolista"]], [[1, 0], [1, 0], [1, 0], [1, 0], [0, 1], [1, 0]])
    b = _set("b", [["ylitunti"], ["ylitunti", "palaveri"], ["palaveri"], ["palaveri"]],
             [[1, 0], [1, 0], [0, 1], [0, 1]])
    mined = mine_keywords([a, b], [0, 1], tk, vocab, min_support=3, min_precision=0.6)
    assert mined["workforce"] == ["ylitunti"]
    # "palaveri": 3 of its 5 items are housing, in both writers: mined at precision 0.6, not at 0.7.
    assert mined["housing"] == ["palaveri"]
    assert mine_keywords([a, b], [0, 1], tk, vocab, 3, 0.7)["housing"] == []
    # Support counts items: at 5 "ylitunti" (4 items) is not mined.
    assert mine_keywords([a, b], [0, 1], tk, vocab, 5, 0.6)["workforce"] == []
    # A mined lemma adds one keyword match, as a "=lemma" keyword would.
    parts = with_mined([a], mined, tk)[0]["parts"]["keywords"]
    np.testing.assert_allclose(parts[1], [1 - np.exp(-1 / 1.5), 0])  # "ylitunti" alone
    np.testing.assert_allclose(parts[0], [1 - np.exp(-1 / 1.5)] * 2)  # and "palaveri"
    np.testing.assert_allclose(parts[2], [0, 0])


def test_the_practice_cue_is_off_by_default_and_claims_no_evidence() -> None:
    from pipeline.settings import ThemesParams

    assert ThemesParams().cue_weight == 0.0
    vocab = load_vocabulary()
    lem = [["kokeilla", "toimintamalli", "onnistua", "laajentaa"]]
    E = ConstantEmbedder().embed(["x"])
    off = ThemeAssigner(vocab, embedder=ConstantEmbedder()).fit(E, lem).predict(E, lem)
    on = ThemeAssigner(vocab, embedder=ConstantEmbedder(), cue_weight=1.0).fit(E, lem).predict(E, lem)
    ev_off = {k: e for k, _, e in off[0]}
    ev_on = {k: e for k, _, e in on[0]}
    assert not any(str(x).startswith(("tried:", "worked:", "spread:")) for e in ev_off.values()
                   for x in e.get("keywords", []))
    assert "good_practice" in ev_on
