"""pseudonymise.v4: a sentence-initial word Voikko cannot analyse needs a name's spelling shape besides NER's PERSON;
v3 keeps its meaning.
(v4 is the default Pseudonymiser since its judged run.)"""

import pytest

from pipeline.pseudonymise import Pseudonymiser
from pipeline.pseudonymise.persons import SHAPE_NER_START_V4
from pipeline.pseudonymise.shape import name_shape



def test_v4_is_default_and_v3_stays_registered() -> None:
    assert Pseudonymiser(ner=False, version="v4").id == "pseudonymise.v4+rules"
    assert Pseudonymiser(ner=False, version="v3").id == "pseudonymise.v3+rules"


@pytest.mark.parametrize("word", ["Socialjouren", "Byabutikerna", "Avlösarservicen"])
def test_compound_nouns_fall_below_the_shape_threshold(word: str) -> None:
    assert name_shape(word) < SHAPE_NER_START_V4


@pytest.mark.parametrize("word", ["Somchai", "Wongsawatin", "Ahmad", "Ahmads"])
def test_foreign_names_keep_the_shape_threshold(word: str) -> None:
    assert name_shape(word) >= SHAPE_NER_START_V4


@pytest.mark.slow
@pytest.mark.parametrize("text,lang", [("Socialjouren har bara en jourhavande för hela regionen.", "sv"),
                                       ("Byabutikerna har stängt och kontakten med grannarna minskar.", "sv")])
def test_v4_keeps_sentence_initial_compounds(text: str, lang: str) -> None:
    word = text.split()[0]
    assert not any(e.start == 0 for e in Pseudonymiser(version="v4").detect(text, language=lang)), word


@pytest.mark.slow
def test_v4_still_replaces_a_sentence_initial_foreign_name() -> None:
    out = Pseudonymiser(version="v4").pseudonymise("Somchai odottaa aulassa tulkkia.").text
    assert "Somchai" not in out


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match="v6"):
        Pseudonymiser(version="v6")
