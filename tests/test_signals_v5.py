"""signal_detector.bertrend.v5: a young store (too few older reports of its own) judges novelty against a reference
of ordinary reports shipped with the product; a mature store is judged exactly as v4 judges it."""

from __future__ import annotations

import gzip
import logging
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from test_signals_over_time import DIM, START, World, _flagged_on

from pipeline.corpus import Corpus
from pipeline.registry import registry
from pipeline.settings import SignalsParams
from pipeline.signals import (REFERENCE_DIR, LexicalSignalDetector, ReferenceSignalDetector, SignalReference,
                              SignalReferenceError, bundled_reference, detect, detector_from_params, load_reference,
                              write_reference)

EMBEDDER = "toy@0001"


def _young_world() -> tuple[World, np.ndarray]:
    # a store 60 days old (a report every 3 days: none older than the 90-day recent window), a new phenomenon
    world = World(seed=1, background_days=60, step=3)
    world.add("nettihuijaus", [48, 52, 56])
    return world, world.centres


def _reference_file(tmp_path: Path, centres: np.ndarray, embedder_id: str = EMBEDDER, n: int = 60) -> Path:
    """A reference of ordinary reports on the world's steady topics (other reports than the store's)."""
    rng = np.random.default_rng(7)
    X = np.stack([centres[i % len(centres)] + 0.3 * rng.normal(size=DIM) for i in range(n)]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    lemmas = [[f"bg{i % len(centres)}", "asiakas", f"bg{i % len(centres)}sana"] for i in range(n)]
    corpus = Corpus(ids=[f"REF{i}" for i in range(n)], metadata=[{"submitted": START}] * n, texts=[""] * n,
                    lemmas=lemmas, embeddings=X, embedder_id=embedder_id)
    return write_reference(tmp_path / "ref.json.gz", corpus, source="test")


def test_v5_is_registered_the_default_and_built_from_the_settings() -> None:
    assert "signal_detector.bertrend.v5" in registry.signal_detectors.names()
    assert "signal_detector.bertrend.v5" in registry.signal_detectors.names()  # v6 is the default now
    det = detector_from_params(SignalsParams(young_novelty_rank=0.5, reference=""), min_cell=3)
    assert isinstance(det, ReferenceSignalDetector) and det.young_novelty_rank == 0.5 and det.reference == ""


def test_a_young_store_flags_a_new_phenomenon_against_the_reference_where_v4_waits_for_history(
        tmp_path: Path) -> None:
    world, centres = _young_world()
    X, dates, ids, lemmas = world.arrays()
    as_of = START + timedelta(days=57)
    v4 = LexicalSignalDetector().fit(X, dates, ids, lemmas, as_of).signals_
    assert not _flagged_on(v4, world, "nettihuijaus")
    det = ReferenceSignalDetector(reference=str(_reference_file(tmp_path, centres)))
    found = det.fit(X, dates, ids, lemmas, as_of, embedder_id=EMBEDDER).signals_
    flagged = _flagged_on(found, world, "nettihuijaus")
    assert flagged and "vertailuraporttiin" in flagged[0].reason
    # the reference's reports are compared with, never reported: no signal holds one, no ordinary topic is flagged
    assert all(r in set(ids) for s in found for r in s.report_ids)
    assert all(world.label_of()[r] == "nettihuijaus" for s in found if s.flagged for r in s.report_ids)


def test_a_group_no_less_like_the_reference_than_the_store_is_not_judged_new(tmp_path: Path) -> None:
    world, centres = _young_world()
    X, dates, ids, lemmas = world.arrays()
    as_of = START + timedelta(days=57)
    det = ReferenceSignalDetector(reference=str(_reference_file(tmp_path, centres)), young_novelty_rank=0.0)
    found = det.fit(X, dates, ids, lemmas, as_of, embedder_id=EMBEDDER).signals_
    assert not _flagged_on(found, world, "nettihuijaus")
    # the rank: the phenomenon's reports are the store's least like the reference
    rank = det._reference_rank[: len(ids)]
    mine = [i for i, lab in enumerate(world.labels) if lab == "nettihuijaus"]
    assert rank[mine].max() < np.delete(rank, mine).min()


def test_a_reference_of_another_embedder_is_not_used_and_the_log_says_so(tmp_path: Path,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    world, centres = _young_world()
    X, dates, ids, lemmas = world.arrays()
    det = ReferenceSignalDetector(reference=str(_reference_file(tmp_path, centres, embedder_id="other@9")))
    with caplog.at_level(logging.WARNING, logger="pipeline.signals"):
        found = det.fit(X, dates, ids, lemmas, START + timedelta(days=57), embedder_id=EMBEDDER).signals_
    assert not _flagged_on(found, world, "nettihuijaus")
    assert "no young-store reference for embedder toy@0001" in caplog.text


def test_a_mature_store_is_judged_as_v4_judges_it(tmp_path: Path) -> None:
    world = World(seed=2, background_days=400, step=3)
    world.add("nettihuijaus", [380, 385, 390, 395])
    X, dates, ids, lemmas = world.arrays()
    as_of = START + timedelta(days=396)
    v4 = LexicalSignalDetector().fit(X, dates, ids, lemmas, as_of).signals_
    v5 = ReferenceSignalDetector(reference=str(_reference_file(tmp_path, world.centres)))
    got = v5.fit(X, dates, ids, lemmas, as_of, embedder_id=EMBEDDER).signals_
    assert v5._n_reference == 0
    assert [(s.signal_id, s.status, s.report_ids, s.reason) for s in got] == \
        [(s.signal_id, s.status, s.report_ids, s.reason) for s in v4]


def test_detect_passes_the_corpus_embedder_so_the_reference_of_that_model_is_used(tmp_path: Path) -> None:
    world, centres = _young_world()
    X, dates, ids, lemmas = world.arrays()
    corpus = Corpus(ids=ids, metadata=[{"submitted": d} for d in dates], texts=[""] * len(ids), lemmas=lemmas,
                    embeddings=X, embedder_id=EMBEDDER)
    det = ReferenceSignalDetector(reference=str(_reference_file(tmp_path, centres)))
    assert _flagged_on(detect(corpus, START + timedelta(days=57), det), world, "nettihuijaus")


def test_reference_files_round_trip_and_a_broken_one_names_the_file_and_the_fault(tmp_path: Path) -> None:
    path = _reference_file(tmp_path, np.eye(DIM)[:3], n=6)
    ref = load_reference(str(path))
    assert isinstance(ref, SignalReference) and len(ref) == 6 and ref.embedder_id == EMBEDDER
    assert np.allclose(np.linalg.norm(ref.embeddings, axis=1), 1.0)
    bad = tmp_path / "bad.json.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as f:
        f.write('{"embedder_id": "x", "lemmas": [["a"]], "embeddings": [[1.0], [2.0]]}')
    with pytest.raises(SignalReferenceError, match=r"bad\.json\.gz: field embeddings has shape"):
        load_reference(str(bad))
    (tmp_path / "none.json.gz").write_text("not gzip")
    with pytest.raises(SignalReferenceError, match=r"none\.json\.gz: not a readable signals reference"):
        load_reference(str(tmp_path / "none.json.gz"))


def test_the_bundled_reference_is_ordinary_demo_reports_by_e5_small_and_only_for_that_model() -> None:
    path = REFERENCE_DIR / "signals_e5-small.json.gz"
    ref = load_reference(str(path))
    assert ref.embedder_id.startswith("e5-small@") and ref.embeddings.shape == (len(ref), 384) and len(ref) >= 150
    assert "without the demo phenomenon" in ref.source
    assert not any("kasino" in w for lem in ref.lemmas for w in lem)  # the demo phenomenon (online casinos) left out
    assert bundled_reference(ref.embedder_id) is ref
    assert bundled_reference("e5-small@000000000000") is None and bundled_reference(None) is None


def test_a_context_too_short_for_the_reference_is_refused() -> None:
    with pytest.raises(ValueError, match="context_days"):
        ReferenceSignalDetector(context_days=120)
    ReferenceSignalDetector(context_days=120, reference="")  # no reference: any context


def test_the_int8_encoder_has_its_own_bundled_reference_of_the_same_reports() -> None:
    # auto = int8 (e5-small-onnx-int8.v2) by default: a young store must find a reference made by that model too.
    # The v2 build is reproducible (the same weights SHA-256 rebuilt from the same fp32 folder), so the id matches.
    fp32 = load_reference(str(REFERENCE_DIR / "signals_e5-small.json.gz"))
    ref = load_reference(str(REFERENCE_DIR / "signals_e5-small-onnx-int8.json.gz"))
    assert ref.embedder_id.startswith("e5-small-onnx-int8@") and ref.embeddings.shape == (len(ref), 384)
    assert len(ref) == len(fp32) and ref.lemmas == fp32.lemmas  # the same reports, only the vectors differ
    assert float(np.min(np.sum(ref.embeddings * fp32.embeddings, axis=1))) >= 0.99
    assert bundled_reference(ref.embedder_id) is ref
