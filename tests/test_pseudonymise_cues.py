"""Context cues that mark a capitalised word no lexicon knows as a person (issue 15 follow-up), and the guard list
that keeps device and drug words out. Rules only (no NER) where the cue alone must decide; the NER-backed default
where NER's GPE/ORG label must be overruled."""

from __future__ import annotations

import pytest

from pipeline.pseudonymise import Pseudonymiser
from pipeline.pseudonymise.persons import find_persons, guarded


def _names(text: str, ner: bool = False) -> list[str]:
    return [text[e.start:e.end] for e in Pseudonymiser(ner=ner).detect(text, language="fi") if e.kind == "NIMI"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thongchain lapset ovat päiväkodissa.", "Thongchain"),  # genitive before a kinship noun
        ("Prasertin äiti kertoi, että rahat eivät riitä.", "Prasertin"),
        ("Sukprasertin perhe muutti keväällä.", "Sukprasertin"),
    ],
)
def test_genitive_before_kinship_noun_is_a_name_even_against_ner(text: str, name: str) -> None:
    assert name in _names(text, ner=True)


def test_sentence_initial_subject_of_a_verb_of_saying_is_a_name() -> None:
    assert find_persons("Wanida kertoi, ettei päätöstä ole tullut.") != []
    assert find_persons("Wanida kertoi, ettei päätöstä ole tullut.")[0].end == len("Wanida")


def test_object_of_a_person_verb_is_a_name() -> None:
    assert "Wanidalta" in _names("Kysyin Wanidalta, miten arki sujuu.", ner=True)


def test_foreign_name_shape_at_sentence_start() -> None:
    assert find_persons("Hosseinzadeh odottaa päätöstä.") != []


def test_unknown_word_in_a_list_with_a_name_is_a_name() -> None:
    text = "Perheeseen kuuluvat Hodan Warsame, Xirsi ja kaksi lasta."
    found = [text[e.start:e.end] for e in find_persons(text)]
    assert "Xirsi" in " ".join(found)


@pytest.mark.parametrize("word", ["Bipap", "Bipapille", "Cpap", "Alphallakaan", "Furesisannosta"])
def test_device_and_drug_words_are_guarded(word: str) -> None:
    assert guarded(word)
    assert _names(f"Potilas sai {word} eilen.") == []


def test_a_common_word_before_a_kinship_noun_stays() -> None:
    assert not guarded("Prasertin")
    assert _names("Koko perhe muutti keväällä.") == []
