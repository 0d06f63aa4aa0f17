"""signal_detector.bertrend.v7: each language's offset in the embedding space, estimated from the store's older
reports, is taken out before v6's detection, so a phenomenon written in Finnish and Swedish forms one group."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from test_signals_over_time import DIM, START, World

from pipeline.registry import registry
from pipeline.settings import SignalsParams
from pipeline.signals import (LanguageOffsetSignalDetector, OnsetSignalDetector, RelativeFloorSignalDetector,
                              detector_from_params)

AS_OF = START + timedelta(days=400)
DAYS = [383, 386, 389, 392, 395, 398]  # the phenomenon's reports, Finnish and Swedish in turn


def _bilingual_world(seed: int = 5) -> tuple[World, list[str]]:
    """A mature store (400 days, 6 steady topics); every 4th report Swedish, its vector moved by one language
    direction; from day 383 a phenomenon written half in Finnish, half in Swedish."""
    world = World(seed=seed, background_days=400, step=3)
    rng = np.random.default_rng(seed + 100)
    language_direction = rng.normal(size=DIM)
    language_direction *= 0.9 * np.linalg.norm(world.centres[0]) / np.linalg.norm(language_direction)
    languages = ["sv" if i % 4 == 3 else "fi" for i in range(len(world.X))]
    world.add("vape", DAYS)
    languages += ["fi", "sv"] * (len(DAYS) // 2)
    for i, code in enumerate(languages):
        if code == "sv":
            world.X[i] = world.X[i] + language_direction
    return world, languages


def _flagged_languages(found, world: World, languages: list[str]) -> list[set[str]]:  # noqa: ANN001
    """Per flagged signal holding >= 2 of the phenomenon's reports: the languages of those reports."""
    lab = world.label_of()
    pos = {f"R{i:04d}": i for i in range(len(languages))}
    out = []
    for s in found:
        mine = [r for r in s.report_ids if lab[r] == "vape"]
        if s.flagged and len(mine) >= 2:
            out.append({languages[pos[r]] for r in mine})
    return out


def test_v7_is_registered_built_from_the_settings_and_v6_keeps_its_meaning() -> None:
    assert "signal_detector.bertrend.v7" in registry.signal_detectors.names()
    assert SignalsParams().detector == "signal_detector.bertrend.v8"  # v7 is not the default; v8 (built on it) is
    det = detector_from_params(SignalsParams(detector="signal_detector.bertrend.v7", language_min_older=7),
                               min_cell=3)
    assert isinstance(det, LanguageOffsetSignalDetector) and det.language_min_older == 7
    assert type(detector_from_params(SignalsParams(), min_cell=3)) is RelativeFloorSignalDetector


def test_the_offsets_come_from_older_reports_of_languages_with_enough_of_them() -> None:
    world, languages = _bilingual_world()
    X, dates, _, _ = world.arrays()
    det = LanguageOffsetSignalDetector(reference=None)
    offsets = det.language_offsets(X, dates, languages, AS_OF)
    older = np.array([AS_OF - timedelta(days=det.context_days) < d <= AS_OF - timedelta(days=det.recent_days)
                      for d in dates])  # the window's reports before the recent window
    lang = np.array(languages)
    assert set(offsets) == {"fi", "sv"}
    np.testing.assert_allclose(offsets["sv"], X[older].mean(axis=0) - X[older & (lang == "sv")].mean(axis=0),
                               rtol=1e-5, atol=1e-6)
    # recent reports never move an offset: changing the phenomenon's vectors leaves them as they were
    X2 = X.copy()
    X2[-len(DAYS):] = 0.0
    np.testing.assert_allclose(det.language_offsets(X2, dates, languages, AS_OF)["sv"], offsets["sv"], atol=1e-6)
    # a language with fewer older reports than language_min_older is left as it is
    n_sv = int((older & (lang == "sv")).sum())
    few = LanguageOffsetSignalDetector(reference=None, language_min_older=n_sv + 1)
    assert set(few.language_offsets(X, dates, languages, AS_OF)) == {"fi"}
    with pytest.raises(ValueError, match="languages for"):
        det.language_offsets(X, dates, languages[:-1], AS_OF)


def test_a_phenomenon_in_two_languages_is_one_signal_with_v7_and_split_without() -> None:
    world, languages = _bilingual_world()
    X, dates, ids, lemmas = world.arrays()
    v6 = OnsetSignalDetector(reference=None)
    split = _flagged_languages(v6.fit(X, dates, ids, lemmas, AS_OF).signals_, world, languages)
    assert sorted(map(sorted, split)) == [["fi"], ["sv"]], split  # v6: two signals, one per language
    v7 = LanguageOffsetSignalDetector(reference=None)
    one = _flagged_languages(v7.fit(X, dates, ids, lemmas, AS_OF, languages=languages).signals_, world, languages)
    assert one == [{"fi", "sv"}], one
    # without languages v7 is v6
    same = LanguageOffsetSignalDetector(reference=None).fit(X, dates, ids, lemmas, AS_OF).signals_
    assert [s.report_ids for s in same] == [s.report_ids for s in v6.signals_]


def test_detect_passes_each_reports_language_from_its_text() -> None:
    from pipeline.corpus import Corpus
    from pipeline.language import detect_language
    from pipeline.signals import detect

    world, languages = _bilingual_world()
    X, dates, ids, lemmas = world.arrays()
    text = {"fi": "Asiakas kertoi, että hän ei ole saanut apua ja että tilanne on vaikea.",
            "sv": "Klienten berättade att hon inte har fått hjälp och att situationen är svår."}
    assert {code: detect_language(t) for code, t in text.items()} == {"fi": "fi", "sv": "sv"}
    corpus = Corpus(ids=ids, metadata=[{"submitted": d} for d in dates], texts=[text[c] for c in languages],
                    lemmas=lemmas, embeddings=X)
    found = detect(corpus, AS_OF, LanguageOffsetSignalDetector(reference=None))
    assert _flagged_languages(found, world, languages) == [{"fi", "sv"}]
