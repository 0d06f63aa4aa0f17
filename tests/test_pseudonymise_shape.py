"""The character n-gram name-shape model and the detector rules that use it (pipeline/pseudonymise/shape.py,
persons.py), plus the address forms added with it."""

from __future__ import annotations

import gzip
import json

import pytest

from pipeline.errors import ModelNotAvailableError
from pipeline.pseudonymise.patterns import find_address
from pipeline.pseudonymise.shape import NameShapeModel, default_shape_model, ngrams


def test_ngrams_mark_word_edges():
    grams = ngrams("Abdi", 2, 3)
    assert "^a" in grams and "i$" in grams and "abd" in grams and "^ab" in grams
    assert all(g == g.lower() for g in grams)


def test_fit_score_save_load_round_trip(tmp_path):
    names = ["Abdi", "Abdullahi", "Abdirahman", "Warsame", "Xirsi", "Xasan", "Cabdi", "Maxamed"] * 3
    words = ["talo", "talossa", "koulu", "koulussa", "kirja", "kirjasta", "asunto", "asunnossa"] * 3
    model = NameShapeModel(min_df=1).fit(names + words, [1] * len(names) + [0] * len(words))
    assert model.score("Abdiwali") > 0.5 > model.score("koulusta")
    path = tmp_path / "w.json.gz"
    model.save(path)
    again = NameShapeModel.load(path)
    assert again.score("Abdiwali") == pytest.approx(model.score("Abdiwali"), abs=1e-3)


def test_load_of_a_broken_file_names_the_fix(tmp_path):
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(gzip.compress(json.dumps({"nothing": 1}).encode()))
    with pytest.raises(ModelNotAvailableError, match="build_name_shape"):
        NameShapeModel.load(bad)


def test_packaged_model_separates_unseen_names_from_finnish_words():
    model = default_shape_model()
    # Names of several traditions no list holds, against ordinary report words of similar length.
    for name in ("Gebremedhin", "Krasniqi", "Tkachenkolle", "Wongsuwan", "Jafarzadeh", "Abdirahman"):
        assert model.score(name) > 0.8, name
    for word in ("asuntolalla", "toimeentulotuesta", "Agricolantutkimuksen", "Komission", "Kun"):
        assert model.score(word) < 0.5, word


@pytest.mark.parametrize("text,address", [
    ("Asiakas asuu Saimaankatu 22 b 5.", "Saimaankatu 22 b 5"),
    ("Perhe asuu Vanha Viipurintie 12.", "Vanha Viipurintie 12"),
    ("Hän asuu Kaarlo Sarkian katu 4.", "Kaarlo Sarkian katu 4"),
    ("He lives at 221 Baker Street.", "221 Baker Street"),
    ("Posti: Sibeliuksenkatu 8 A 12, 15100 LAHTI.", "Sibeliuksenkatu 8 A 12, 15100 LAHTI"),
])
def test_address_forms(text, address):
    assert [text[e.start:e.end] for e in find_address(text)] == [address]


def test_no_address_without_a_house_number():
    assert list(find_address("Kauppakatu on kiinni ja Vanha Viipurintie remontissa.")) == []


@pytest.mark.slow
@pytest.mark.parametrize("text,name", [
    ("Perheeseen kuuluvat Nasrin ja kaksi lasta.", "Nasrin"),  # NER says GPE; the shape and the case say person
    ("Gebremedhin kertoi, ettei hän ole saanut päätöstä.", "Gebremedhin"),  # sentence-initial unknown, name-shaped
    ("Äiti sanoi Ilhanille, että kaikki järjestyy.", "Ilhanille"),  # NER says ORG; the shape says person
    ("We met Kristi at the office yesterday.", "Kristi"),  # English: capitalised mid-sentence, name-shaped
])
def test_shape_evidence_finds_unlisted_names(text, name):
    from pipeline.pseudonymise import Pseudonymiser

    ents = Pseudonymiser().detect(text)
    a = text.index(name)
    assert any(e.start <= a and a + len(name) <= e.end for e in ents), (text, ents)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Perhe lensi Bangkokista Helsinkiin.", "Hän puhuu somalia ja arabiaa.", "Tapaaminen oli Kouvolassa.",
    "Jos asunto ei löydy, perhe jää tyhjän päälle.", "Usko omiin kykyihin on palannut.",
])
def test_shape_evidence_leaves_look_alikes(text):
    from pipeline.pseudonymise import Pseudonymiser

    assert [e for e in Pseudonymiser().detect(text) if e.kind == "NIMI"] == []
