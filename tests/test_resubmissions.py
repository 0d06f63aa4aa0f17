"""The resubmission step after features: the pure stage on an in-memory corpus.

Its nightly run end to end is tests/test_flows.py::test_nightly_links_reworded_resubmission_and_counts_it_once: the
reworded report and the look-alike below go into that module's inbox, so its cold run covers this step too."""

from __future__ import annotations

import datetime as dt

import numpy as np

from pipeline.corpus import Corpus
from pipeline.resubmissions import ResubmissionParams, find_resubmissions

BLOCK = {"area": "Lahti", "target_group": "vammaiset", "unit": "vammaispalvelut", "phenomenon_type": "negatiivinen"}


def _corpus(rows: list[tuple[str, dt.date, dict, list[float], list[str]]]) -> Corpus:
    E = np.asarray([v for *_, v, _ in rows], dtype=np.float32)
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    return Corpus(ids=[r[0] for r in rows], metadata=[{**r[2], "submitted": r[1]} for r in rows],
                  texts=[r[0] for r in rows], lemmas=[r[4] for r in rows], embeddings=E)


def test_stage_links_close_pairs_in_block_and_window_only() -> None:
    lem = ["päätös", "viivästyä", "hakemus", "järjestelmä", "odottaa"]
    d = dt.date(2025, 1, 8)
    other_unit = {**BLOCK, "unit": "lastensuojelu"}
    corpus = _corpus([
        ("A", d, BLOCK, [1, 0.05, 0], lem),
        ("A2", d + dt.timedelta(days=12), BLOCK, [1, 0.1, 0], lem[:4] + ["ohje"]),  # reworded A: linked
        ("B", d + dt.timedelta(days=2), BLOCK, [0.2, 1, 0], ["kuljetus", "taksi"]),  # look-alike: far apart
        ("C", d + dt.timedelta(days=3), other_unit, [1, 0.05, 0], lem),  # same words, other unit
        ("A3", d + dt.timedelta(days=80), BLOCK, [1, 0.05, 0], lem),  # months later: the situation persists
        ("B2", d + dt.timedelta(days=5), BLOCK, [0.2, 1, 0.42], ["kuljetus", "taksi"]),  # cos ≈ 0.92: review
    ])
    links = find_resubmissions(corpus, corpus.ids, ResubmissionParams())
    got = {(x.earlier_id, x.later_id): x.decision for x in links}
    assert got == {("A", "A2"): "link", ("B", "B2"): "candidate"}
    link = next(x for x in links if x.later_id == "A2")
    assert link.evidence["cosine"] >= 0.94 and link.evidence["lemma_jaccard"] >= 0.15
    assert link.evidence["days_apart"] == 12


def test_stage_skips_decided_pairs() -> None:
    d = dt.date(2025, 1, 8)
    corpus = _corpus([("A", d, BLOCK, [1, 0, 0], ["x", "y"]), ("A2", d + dt.timedelta(days=1), BLOCK, [1, 0, 0],
                                                                ["x", "y"])])
    assert find_resubmissions(corpus, ["A2"], ResubmissionParams(), known_pairs=[("A", "A2")]) == []


# PH25-0002 of the demo data told again in other words ten days later (character similarity low), and a
# different report of the same unit in the same week.
REWORDED = {
    "report_id": "PH25-0002-K", "submitted": "2025-01-18", "area": "Lahti", "target_group": "vammaiset",
    "phenomenon_type": "negatiivinen", "unit": "vammaispalvelut",
    "observation": "Vammaispalvelulain uudistuksen alkuviikkoina päätöksiä ei ole juuri saatu tehtyä, sillä "
                   "asiakastietojärjestelmästä puuttuvat yhä uudet palvelulajit. Hakemukset kasautuvat eikä "
                   "asiakkaille voida sanoa, koska päätöksen saa. Odottamaan ovat jääneet etenkin uudet "
                   "henkilökohtaisen avun ja asumisen tuen hakemukset, ja ilman selvää ohjeistusta työntekijät "
                   "tekevät tilapäisiä ratkaisuja.",
    "client_voice": "\"Meille vain sanottiin, että nyt odotetaan.\"",
    "proposal": "Kiirehditään järjestelmän päivitystä ja sovitaan väliaikaisista päätöksistä, ettei palveluihin "
                "tule katkoa.",
}
LOOKALIKE = {
    "report_id": "PH25-LOOK", "submitted": "2025-01-10", "area": "Lahti", "target_group": "vammaiset",
    "phenomenon_type": "negatiivinen", "unit": "vammaispalvelut",
    "observation": "Kuljetuspalvelun uusi kilpailutettu taksiyhtiö on myöhästellyt toistuvasti, ja pyörätuolia "
                   "käyttävät asiakkaat ovat jääneet ilman kyytiä päivätoimintaan ja lääkäriin. Tilauskeskukseen "
                   "ei saa puhelinyhteyttä aamuisin.",
    "client_voice": "\"Odotin kyytiä tunnin pakkasessa.\"",
    "proposal": "Sopimussakot myöhästymisistä ja oma yhteysnumero vammaispalveluille.",
}
