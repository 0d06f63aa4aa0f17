"""signal_detector.bertrend.v8: cosine floors in standard deviations of the window's own random report pairs, so
the same group passes or fails whatever the encoder's similarity levels; and one unit's routine is not a phenomenon."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from test_signals_over_time import DIM, START, World

from pipeline.registry import registry
from pipeline.settings import SignalsParams
from pipeline.signals import (OnsetSignalDetector, RelativeFloorSignalDetector, detector_from_params,
                              pair_similarity_stats, relative_similarity, unit_key)

AS_OF = START + timedelta(days=400)
DAYS = [383, 387, 391, 395, 399]  # the phenomenon's reports


def _world(seed: int = 3) -> World:
    """A mature store (400 days, a report every 3rd day on one of 40 everyday topics, so random pairs are diffuse
    as in a real store) and, from day 383, a phenomenon of five reports."""
    topics = np.random.default_rng(seed + 1).normal(size=(40, DIM))
    world = World(seed=seed, background_days=0)
    for k, day in enumerate(range(0, 400, 3)):
        world._one(topics[k % 40], START + timedelta(days=day), f"bg{k % 40}", noise=1.0)
    centre = world.rng.normal(size=DIM)
    for day in DAYS:
        world._one(centre, START + timedelta(days=day), "vape", noise=0.6)
    return world


def _rescaled(X: np.ndarray, a: float) -> np.ndarray:
    """The same reports as an encoder with flatter similarities sees them: every (centred) cosine of two different
    reports times ``a`` (each report gets a private direction of weight ``1 - a``), the order of all pairs kept."""
    Xn = X - X.mean(axis=0)
    Xn /= np.linalg.norm(Xn, axis=1, keepdims=True)
    return np.hstack([np.sqrt(a) * Xn, np.sqrt(1 - a) * np.eye(len(X))]).astype(np.float32)


def _flagged_vape(found, world: World) -> list:  # noqa: ANN001
    lab = world.label_of()
    return [s for s in found if s.flagged and sum(lab[r] == "vape" for r in s.report_ids) >= 3]


def test_v8_is_registered_built_from_the_settings_and_older_names_keep_their_meaning() -> None:
    assert "signal_detector.bertrend.v8" in registry.signal_detectors.names()
    det = detector_from_params(SignalsParams(detector="signal_detector.bertrend.v8", min_z=3.1, min_units=3),
                               min_cell=3)
    assert isinstance(det, RelativeFloorSignalDetector) and det.min_z == 3.1 and det.min_units == 3
    assert type(detector_from_params(SignalsParams(detector="signal_detector.bertrend.v6"), min_cell=3)) \
        is OnsetSignalDetector


def test_the_relative_floor_is_the_same_under_a_uniform_shift_and_rescale_of_similarities() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, DIM))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    mean, sd = pair_similarity_stats(X)
    S = X @ X.T
    off = S[np.triu_indices(60, 1)]
    assert mean == pytest.approx(off.mean(), abs=1e-6) and sd == pytest.approx(off.std(), abs=1e-6)
    det = RelativeFloorSignalDetector(reference=None)
    for coherence in (0.18, 0.27, 0.31, 0.35, 0.40):
        for a, b in ((1.0, 0.0), (0.7, 0.05), (1.3, -0.04), (0.5, 0.2)):
            z = relative_similarity(coherence, mean, sd)
            assert relative_similarity(a * coherence + b, a * mean + b, a * sd) == pytest.approx(z)
            det.pair_stats_ = (mean, sd)
            verdict = det.accepts(coherence, 0.15)
            det.pair_stats_ = (a * mean + b, a * sd)
            assert det.accepts(a * coherence + b, 0.15) == verdict
            assert det._distance_threshold_now() == pytest.approx(1 - (a * (mean + det.cluster_z * sd) + b))
    # an absolute floor (v4's rule, 0.30 with shared words) gives another verdict once the levels are rescaled
    v6 = OnsetSignalDetector(reference=None)
    assert v6.accepts(0.33, 0.15) and not v6.accepts(0.7 * 0.33, 0.15)
    assert pair_similarity_stats(X[:2]) == (0.0, 1.0)  # no distribution from fewer than 3 reports


def test_a_flatter_encoder_loses_the_phenomenon_under_absolute_floors_and_keeps_it_under_relative_ones() -> None:
    world = _world()
    X, dates, ids, lemmas = world.arrays()
    Y = _rescaled(X, 0.35)
    lab = world.label_of()
    rows = [i for i, r in enumerate(ids) if lab[r] == "vape"]
    # every centred cosine is 0.35 times what it was (random pairs and the group's alike), so the relative level
    # of the group is unchanged while its cosine drops under v4's 0.30 floor
    cx = [pair_similarity_stats(_centred(E)) for E in (X, Y)]
    assert cx[1][1] == pytest.approx(0.35 * cx[0][1], rel=0.02)
    gx = [float(np.mean((_centred(E)[rows] @ _centred(E)[rows].T)[np.triu_indices(len(rows), 1)])) for E in (X, Y)]
    assert gx[0] > 0.6 and gx[1] < 0.30
    assert relative_similarity(gx[1], *cx[1]) == pytest.approx(relative_similarity(gx[0], *cx[0]), rel=0.02)
    v6 = OnsetSignalDetector(reference=None)
    assert _flagged_vape(v6.fit(X, dates, ids, lemmas, AS_OF).signals_, world)
    assert not _flagged_vape(v6.fit(Y, dates, ids, lemmas, AS_OF).signals_, world)  # the absolute floor fails
    v8 = RelativeFloorSignalDetector(reference=None)
    for E in (X, Y):
        found = v8.fit(E, dates, ids, lemmas, AS_OF).signals_
        got = _flagged_vape(found, world)
        assert len(got) == 1 and sorted(got[0].report_ids) == sorted(ids[i] for i in rows)
        assert sum(s.flagged for s in found) == 1  # and nothing else
        assert "keskihajontaa samankaltaisempia kuin saman ajanjakson kaksi satunnaista raporttia" in got[0].reason


def _centred(E: np.ndarray) -> np.ndarray:
    C = E - E.mean(axis=0)
    return C / np.linalg.norm(C, axis=1, keepdims=True)


def test_one_units_routine_is_not_judged_new_and_the_reason_says_so() -> None:
    world = _world()
    X, dates, ids, lemmas = world.arrays()
    lab = world.label_of()
    many = [f"Yksikkö {i % 7}, Lahti" for i in range(len(ids))]
    one = [("Maahanmuuttajapalvelut, Vantaa" if lab[r] == "vape" else u) for r, u in zip(ids, many)]
    det = RelativeFloorSignalDetector(reference=None)
    assert _flagged_vape(det.fit(X, dates, ids, lemmas, AS_OF, units=many).signals_, world)
    found = det.fit(X, dates, ids, lemmas, AS_OF, units=one).signals_
    assert not _flagged_vape(found, world)
    vape = [s for s in found if sum(lab[r] == "vape" for r in s.report_ids) >= 3]
    assert vape and "alle 2 eri yksiköstä" in vape[0].reason
    assert _flagged_vape(RelativeFloorSignalDetector(reference=None, min_units=1)
                         .fit(X, dates, ids, lemmas, AS_OF, units=one).signals_, world)
    assert unit_key("Asumisneuvonta,  Lahti", "R1") == unit_key(" asumisneuvonta, lahti", "R2")
    assert unit_key("Aikuissosiaalityö, Lahti", "R1") != unit_key("Aikuissosiaalityö, Hollola", "R1")
    assert unit_key("", "R1") != unit_key(None, "R2")  # an unknown unit is nobody else's
    with pytest.raises(ValueError, match="units for"):
        det.fit(X, dates, ids, lemmas, AS_OF, units=one[:-1])


def test_detect_passes_each_reports_unit_from_its_metadata() -> None:
    from pipeline.corpus import Corpus
    from pipeline.signals import detect

    world = _world()
    X, dates, ids, lemmas = world.arrays()
    lab = world.label_of()
    meta = [{"submitted": d, "unit": "Koulukuraattori" if lab[r] == "vape" else f"Yksikkö {i % 7}"}
            for i, (r, d) in enumerate(zip(ids, dates))]
    corpus = Corpus(ids=ids, metadata=meta, texts=["Asiakas kertoi tilanteestaan."] * len(ids), lemmas=lemmas,
                    embeddings=X)
    assert not _flagged_vape(detect(corpus, AS_OF, RelativeFloorSignalDetector(reference=None)), world)
    assert _flagged_vape(detect(corpus, AS_OF, RelativeFloorSignalDetector(reference=None, min_units=1)), world)
