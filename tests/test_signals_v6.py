"""signal_detector.bertrend.v6: in a young store, a group is also judged new by its onset (its reports come later
than the store's do), so a phenomenon written in everyday words -- no less like the reference than the county's own
reports -- is flagged; an everyday topic spread over the store's life is not."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
from test_signals_over_time import DIM, START, World, _flagged_on
from test_signals_v5 import EMBEDDER, _reference_file

from pipeline.registry import registry
from pipeline.settings import SignalsParams
from pipeline.signals import OnsetSignalDetector, ReferenceSignalDetector, detector_from_params

AS_OF = START + timedelta(days=58)


def _everyday_world() -> World:
    """A store 60 days old: steady topics (in the reference), one-off reports (unlike anything), and from day 43 a
    phenomenon half made of a steady topic's words (so not among the store's least like the reference)."""
    world = World(seed=3, background_days=60, step=3)
    for day in range(1, 60, 5):  # one-offs: each its own direction, never a group
        world._one(world.rng.normal(size=DIM), START + timedelta(days=day), "oneoff", noise=0.0)
    c0 = world.centres[0] / np.linalg.norm(world.centres[0])
    new = world.rng.normal(size=DIM)
    new -= (new @ c0) * c0
    centre = np.linalg.norm(world.centres[0]) * (c0 + 0.9 * new / np.linalg.norm(new))
    world.add("valevuokranantaja", [43, 47, 50, 53, 56], centre=centre)
    return world


def test_v6_is_registered_the_default_and_built_from_the_settings() -> None:
    assert "signal_detector.bertrend.v6" in registry.signal_detectors.names()
    assert SignalsParams().detector == "signal_detector.bertrend.v8"  # v8 (built on v6 via v7) is the default
    det = detector_from_params(SignalsParams(young_onset_rank=0.7, young_onset_min_reports=5), min_cell=3)
    assert isinstance(det, OnsetSignalDetector) and det.young_onset_rank == 0.7 and det.young_onset_min_reports == 5
    # v5 keeps its meaning: built by its name, it has no onset rule
    v5 = detector_from_params(SignalsParams(detector="signal_detector.bertrend.v5"), min_cell=3)
    assert type(v5) is ReferenceSignalDetector


def test_a_young_store_flags_a_phenomenon_in_everyday_words_by_its_onset_where_v5_does_not(tmp_path: Path) -> None:
    world = _everyday_world()
    X, dates, ids, lemmas = world.arrays()
    ref = str(_reference_file(tmp_path, world.centres))
    v5 = ReferenceSignalDetector(reference=ref)
    assert not _flagged_on(v5.fit(X, dates, ids, lemmas, AS_OF, embedder_id=EMBEDDER).signals_, world,
                           "valevuokranantaja")
    mine = [i for i, lab in enumerate(world.labels) if lab == "valevuokranantaja"]
    assert v5._reference_rank[mine].mean() > v5.young_novelty_rank  # why v5 misses it: not unlike enough
    v6 = OnsetSignalDetector(reference=ref)
    flagged = _flagged_on(v6.fit(X, dates, ids, lemmas, AS_OF, embedder_id=EMBEDDER).signals_, world,
                          "valevuokranantaja")
    assert flagged and "myöhemmiltä viikoilta" in flagged[0].reason
    assert v6._onset_rank_[mine].mean() >= v6.young_onset_rank


def test_an_everyday_topic_of_a_young_store_is_not_flagged_by_its_onset(tmp_path: Path) -> None:
    world = _everyday_world()
    X, dates, ids, lemmas = world.arrays()
    v6 = OnsetSignalDetector(reference=str(_reference_file(tmp_path, world.centres)))
    found = v6.fit(X, dates, ids, lemmas, AS_OF, embedder_id=EMBEDDER).signals_
    label = world.label_of()
    assert any(label[s.report_ids[0]].startswith("bg") for s in found)  # the steady topics do form groups ...
    assert all(label[r] == "valevuokranantaja" for s in found if s.flagged for r in s.report_ids)  # ... not flagged


def test_the_onset_rule_needs_its_minimum_of_reports(tmp_path: Path) -> None:
    world = _everyday_world()
    X, dates, ids, lemmas = world.arrays()
    v6 = OnsetSignalDetector(reference=str(_reference_file(tmp_path, world.centres)), young_onset_min_reports=6)
    assert not _flagged_on(v6.fit(X, dates, ids, lemmas, AS_OF, embedder_id=EMBEDDER).signals_, world,
                           "valevuokranantaja")
