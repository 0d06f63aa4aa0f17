"""signal_detector.bertrend.v4: a group's words are a second, independent check beside its embeddings (a group
coherent by its distinctive words passes, three unrelated reports fail), and a young store may judge novelty
against the few older reports it has when the group's words hold together."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from test_signals_over_time import START, World, _flagged_on

from pipeline.registry import registry
from pipeline.settings import SignalsParams
from pipeline.signals import (LexicalSignalDetector, TrackedSignalDetector, detector_from_params, lexical_coherence,
                              lexical_rows)

# a small store: the background says little about medicine dispensers, so their word parts are rare in it
BACKGROUND = [
    ["asiakas", "toimeentulotuki", "hakemus", "liite", "puuttua"],
    ["nuori", "asunto", "vuokra", "etsiä", "asuntola"],
    ["omaishoitaja", "jaksaminen", "vapaa", "sijainen", "kunta"],
    ["työtön", "kurssi", "työvoimapalvelu", "aktivointi", "suunnitelma"],
    ["velka", "ulosotto", "neuvonta", "maksusuunnitelma", "tulo"],
    ["lapsi", "päiväkoti", "paikka", "jonottaa", "vanhempi"],
    ["kotihoito", "käynti", "asiakas", "aamu", "ilta"],
    ["vammaispalvelu", "kuljetuspalvelu", "matka", "taksi", "myöhästyä"],
]
DISPENSERS = [  # one phenomenon written three ways: the compounds share their parts, not whole lemmas
    ["lääkeautomaatti", "annos", "hälytys", "jäädä", "kotihoito"],
    ["lääkeannosteluautomaatti", "toimintahäiriö", "annos", "hälytys", "puuttua"],
    ["omainen", "muistisairas", "lääkeautomaatti", "jumittua", "annosta"],
]
UNRELATED = [["pysäköinti", "sakko", "auto"], ["kirjasto", "laina", "kirja"], ["uimahalli", "lippu", "hinta"]]


def _coherences() -> tuple[float, float]:
    rows = lexical_rows(BACKGROUND + DISPENSERS + UNRELATED)
    n = len(BACKGROUND)
    return (lexical_coherence(rows[n:n + 3]), lexical_coherence(rows[n + 3:n + 6]))


def test_v4_is_registered_the_default_and_built_from_the_settings() -> None:
    assert "signal_detector.bertrend.v4" in registry.signal_detectors.names()
    assert SignalsParams().detector == "signal_detector.bertrend.v8"  # v8 builds on v7 -> v6 -> v5 -> v4
    det = detector_from_params(SignalsParams(lexical_coherence=0.4), min_cell=3)
    assert isinstance(det, LexicalSignalDetector) and det.lexical_coherence == 0.4


def test_a_group_that_shares_distinctive_word_parts_is_lexically_coherent_and_unrelated_reports_are_not() -> None:
    dispensers, unrelated = _coherences()
    det = LexicalSignalDetector()
    assert dispensers >= det.lexical_coherence > unrelated, (dispensers, unrelated)
    assert unrelated < det.lexical_floor


def test_words_rescue_a_group_below_the_embedding_threshold_and_unrelated_reports_fail_both() -> None:
    dispensers, unrelated = _coherences()
    det, v2 = LexicalSignalDetector(), TrackedSignalDetector()
    below = (det.rescue_coherence + det.min_coherence) / 2  # under v2's threshold, above the rescue floor
    assert below < v2.min_coherence
    assert det.accepts(below, dispensers)  # rescued by its words
    assert not det.accepts(below, unrelated)
    # between min_coherence and strong_coherence, unrelated words fail too; clearly coherent embeddings pass alone
    mid = (det.min_coherence + det.strong_coherence) / 2
    assert det.accepts(mid, dispensers) and not det.accepts(mid, unrelated)
    assert det.accepts(det.strong_coherence, 0.0)
    assert not det.accepts(det.rescue_coherence - 0.01, 1.0)


def _young_store() -> World:
    # the store has run 150 days, a report every 3 days: 19 are older than the 90-day recent window (v2 needs 30)
    world = World(background_days=150, step=3)
    world.add("lääkeautomaatti", [139, 142, 145])
    return world


def test_a_young_store_flags_a_new_group_whose_words_hold_together_where_v2_waits_for_history() -> None:
    world = _young_store()
    X, dates, ids, lemmas = world.arrays()
    as_of = START + timedelta(days=146)
    v2 = TrackedSignalDetector().fit(X, dates, ids, lemmas, as_of).signals_
    assert not _flagged_on(v2, world, "lääkeautomaatti")
    young = LexicalSignalDetector(min_history=10).fit(X, dates, ids, lemmas, as_of).signals_
    assert _flagged_on(young, world, "lääkeautomaatti")
    # the default waits for min_older_reports as v2 does, and says why in the reason
    default = LexicalSignalDetector().fit(X, dates, ids, lemmas, as_of).signals_
    sig = [s for s in default if any(world.label_of()[r] == "lääkeautomaatti" for r in s.report_ids)]
    assert sig and not sig[0].flagged and "tarpeeksi vanhempia" in sig[0].reason


def test_lexical_rows_are_unit_length_and_empty_lemmas_do_not_break_them() -> None:
    rows = lexical_rows([["sähkölasku", "talvi"], ["sähkö", "lasku"]])
    assert np.allclose(np.sqrt(rows.multiply(rows).sum(axis=1)), 1.0)
    assert lexical_rows([[], []]).shape[0] == 2
