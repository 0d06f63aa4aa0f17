"""Zero-shot theme parts added for issue 18: compound-part keyword matching, the good-practice wording cue,
descriptions/examples compared in the report's language, calibrated offsets, and a theme for every statement."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from pipeline.errors import InputError
from pipeline.themes import ThemeAssigner, load_vocabulary, save_vocabulary
from pipeline.themes.scorers import ScoringBatch, compound_parts, lemma_string, match_keywords, parts_string, \
    practice_cue_score
from pipeline.themes.vocabulary import Theme, Vocabulary


def _voikko_available() -> bool:
    try:
        import libvoikko

        libvoikko.Voikko("fi").terminate()
        return True
    except Exception:  # noqa: BLE001 - libvoikko raises bare OSError/Exception
        return False


needs_voikko = pytest.mark.skipif(not _voikko_available(), reason="libvoikko with a Finnish dictionary not installed")


@needs_voikko
def test_compound_parts_follow_voikko_boundaries() -> None:
    assert compound_parts("jonotusaika") == ("jonotus", "aika")
    assert compound_parts("palveluohjaus") == ("palvelu", "ohjaus")
    # Of several analyses the one with the fewest parts: not "...pala+veri".
    assert compound_parts("yhteistyöpalaveri")[-1] == "palaveri"
    assert compound_parts("asunto") == ()
    assert compound_parts("socialarbetare") == ()  # not Finnish: no parts, no error


@needs_voikko
def test_start_and_whole_word_keywords_match_compound_parts() -> None:
    theme = Theme(key="t", label_fi="t", label_en="t", description_fi="t", keywords=("=aika", "^ohjaus", "=ohjaus x"))
    lemmas = ["jonotusaika", "palveluohjaus", "pitkä"]
    s = lemma_string(lemmas)
    assert match_keywords(theme, s) == []  # lemma boundaries only: neither is found
    assert match_keywords(theme, s, parts_string(lemmas)) == ["aika", "ohjaus"]  # multi-word keywords stay lemma-wise
    assert parts_string(["pitkä", "asunto"]) == ""


def _cue(lemmas: list[list[str]], weight: float = 1.0) -> np.ndarray:
    assigner = SimpleNamespace(keys_=["service_access", "good_practice"], cue_weight=weight)
    batch = ScoringBatch(X=np.zeros((len(lemmas), 2)), lemmas=lemmas, evidence=[{} for _ in lemmas])
    out = practice_cue_score(assigner, batch)
    assert (out[:, 0] == 0).all()
    return out[:, 1], batch.evidence


def test_practice_cue_needs_two_groups_of_positive_method_wording() -> None:
    scores, evidence = _cue([
        ["kokeilu", "onnistua", "malli", "kannattaa", "laajentaa"],  # tried + worked + spread
        ["kokeilu", "onnistua"],  # tried + worked
        ["hyvä", "asiakas"],  # one group alone ("hyvä" is everywhere)
        ["jono", "pitkä", "odottaa"],  # nothing positive
        ["the", "pilot", "work", "well", "expand"],  # English
    ])
    assert scores[0] == pytest.approx(1.0) and scores[1] == pytest.approx(0.5)
    assert scores[2] == 0 and scores[3] == 0
    assert scores[4] == pytest.approx(1.0)
    assert any(e.startswith("tried:") for e in evidence[0]["good_practice"])
    assert "good_practice" not in evidence[3]
    assert _cue([["kokeilu", "onnistua"]], weight=0.25)[0][0] == pytest.approx(0.125)


class MarkerEmbedder:
    """Vectors from marker words: two language dimensions and two topic dimensions (no model needed)."""

    model_id = "test-markers"
    MARKERS = ({"och", "inte", "är", "klienter"}, {"ja", "ei", "on", "asiakkaat"}, {"kö", "vänta", "jono", "odottaa"},
               {"bostad", "hyra", "asunto", "vuokra"})

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for t in texts:
            words = set(t.lower().replace(",", " ").replace(".", " ").replace(":", " ").split())
            v = np.array([len(words & m) for m in self.MARKERS] + [0.3], dtype=np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows)


def _two_themes(sv_examples: bool) -> Vocabulary:
    a = Theme(key="service_access", label_fi="saatavuus", label_en="access", description_fi="ja ei on jono odottaa",
              examples_fi=("asiakkaat odottaa jono ja ei",),
              examples_sv=("klienter vänta kö och inte",) if sv_examples else ())
    b = Theme(key="housing", label_fi="asuminen", label_en="housing", description_fi="ja on asunto vuokra",
              examples_fi=("asiakkaat asunto vuokra ja",), description_sv="och är bostad hyra",
              examples_sv=("klienter bostad hyra och",))
    return Vocabulary(version=1, themes=(a, b))


def test_a_swedish_report_is_compared_with_the_swedish_examples() -> None:
    emb = MarkerEmbedder()
    reports = ["klienter vänta kö och inte", "asiakkaat odottaa jono ja ei", "asiakkaat asunto vuokra ja on",
               "klienter bostad hyra och är"]
    E = emb.embed(reports)
    lem = [r.split() for r in reports]
    with_sv = ThemeAssigner(_two_themes(True), embedder=emb).fit(E, lem).score(E, lem).description_sim
    without = ThemeAssigner(_two_themes(False), embedder=emb).fit(E, lem).score(E, lem).description_sim
    # The Swedish queue report: its Swedish example makes access the closer theme; without one it is not.
    assert with_sv[0, 0] > with_sv[0, 1]
    assert with_sv[0, 0] > without[0, 0]
    # Finnish reports are scored against the Finnish texts either way.
    np.testing.assert_allclose(with_sv[1:3], without[1:3], atol=1e-6)


def test_offsets_round_trip_and_apply_to_zero_shot_scores_only(tmp_path: Path) -> None:
    vocab = load_vocabulary()
    assert {t.key: t.offset for t in vocab.themes if t.offset}, "the default vocabulary carries calibrated offsets"
    path = save_vocabulary(vocab, tmp_path / "v.yaml")
    again = load_vocabulary(path)
    assert [t.offset for t in again.themes] == [t.offset for t in vocab.themes]
    assert again.get("integration").examples_sv == vocab.get("integration").examples_sv
    bad = re.sub(r"offset: -?[0-9.]+", "offset: lots", path.read_text(encoding="utf-8"), count=1)
    (tmp_path / "bad.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(InputError, match="offset"):
        load_vocabulary(tmp_path / "bad.yaml")

    emb = MarkerEmbedder()
    texts = ["asiakkaat odottaa jono", "asiakkaat asunto vuokra"]
    E, lem = emb.embed(texts), [t.split() for t in texts]
    base = _two_themes(True)
    shifted = Vocabulary(version=1, themes=tuple(replace(t, offset=0.4) if t.key == "housing" else t
                                                 for t in base.themes))
    s0 = ThemeAssigner(base, embedder=emb).fit(E, lem).score(E, lem).scores
    s1 = ThemeAssigner(shifted, embedder=emb).fit(E, lem).score(E, lem).scores
    np.testing.assert_allclose(s1[:, 1] - s0[:, 1], 0.4)
    np.testing.assert_allclose(s1[:, 0], s0[:, 0])


def test_every_statement_gets_a_theme_even_without_any_keyword() -> None:
    vocab = load_vocabulary()
    emb = MarkerEmbedder()
    texts = ["Tilanne on hankala.", "Se on niin.", "Klienter är inte nöjda.", "ok"]
    E, lem = emb.embed(texts), [["tilanne", "hankala"], [], ["klient"], []]
    preds = ThemeAssigner(vocab, embedder=emb).fit(E, lem).predict(E, lem)
    assert all(1 <= len(p) <= 3 for p in preds)
