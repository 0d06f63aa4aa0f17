"""The lemmatiser interface: stop words, content lemmas, language routing, backend selection."""

from __future__ import annotations

import pytest

from pipeline.errors import ModelNotAvailableError
from pipeline.lemmas import FINNISH_STOPWORDS, Token, content_lemmas, get_lemmatizer, is_stopword
from pipeline.lemmas.tokenize import tokenize, tokenize_sentences


@pytest.fixture
def isolated_settings(monkeypatch, tmp_path):
    """Settings re-read from the environment, a fresh backend cache, and an empty Stanza model folder."""
    from pipeline import lemmas
    from pipeline.settings import get_settings

    monkeypatch.setenv("SIGNAALI_STANZA_MODEL_DIR", str(tmp_path / "no-stanza-here"))
    get_settings.cache_clear()
    lemmas.clear_cache()
    yield monkeypatch
    get_settings.cache_clear()
    lemmas.clear_cache()


def test_stopwords_are_lemmas_of_function_and_domain_empty_words():
    for lemma in ("olla", "ja", "että", "myös", "saada", "asiakas", "työntekijä", "tilanne"):
        assert lemma in FINNISH_STOPWORDS
    assert is_stopword("Asiakas", "fi") and is_stopword("esim.", "fi")
    assert is_stopword("och", "sv") and is_stopword("the", "en")
    assert not is_stopword("asunnottomuus", "fi")


def test_content_lemmas_drop_stop_words_punctuation_and_numbers():
    tokens = [
        Token("Asiakkaiden", "asiakas", "NOUN", True),
        Token("sähkölaskut", "sähkö#lasku", "NOUN", False),
        Token("kasvoivat", "Kasvaa", "VERB", False),
        Token("40", "40", "NUM", False),
        Token("%", "%", None, False),
        Token(".", ".", "PUNCT", False),
    ]
    assert content_lemmas(tokens) == ["sähkölasku", "kasvaa"]


def test_tokenizer_keeps_abbreviations_and_hyphenated_words_whole():
    assert tokenize("EU:n sosiaali- ja terveyspalvelut, 1,5 v.") == [
        "EU:n", "sosiaali-", "ja", "terveyspalvelut", ",", "1,5", "v", "."]
    assert len(tokenize_sentences("Eka lause. Toka lause!\nKolmas")) == 3


def test_simplemma_lemmatises_finnish_and_routes_swedish_and_english():
    lem = get_lemmatizer("simplemma")
    fi, sv, en = lem.lemmatize(
        ["Asiakkaiden toimeentulotukihakemukset lisääntyivät.", "Klienterna väntade på tolkar.",
         "Families were waiting for interpreters."],
        ["fi", "sv", "en"],
    )
    assert content_lemmas(fi) == ["toimeentulotukihakemus", "lisääntyä"]
    assert "vänta" in content_lemmas(sv) and "klient" not in content_lemmas(sv)
    assert "interpreter" in content_lemmas(en) and "family" in content_lemmas(en)
    assert lem.id.startswith("simplemma/")


def test_languages_are_detected_when_not_given():
    lem = get_lemmatizer("simplemma")
    (sv,) = lem.lemmatize(["Klienterna väntade länge på hemtjänst och tolkar i kommunen."])
    assert "vänta" in content_lemmas(sv) and "klient" not in content_lemmas(sv)


def test_unknown_backend_is_an_error(isolated_settings):
    with pytest.raises(ModelNotAvailableError, match="unknown lemmatizer"):
        get_lemmatizer("turku-parser")


def test_explicit_backend_that_cannot_load_is_an_error_not_a_fallback(isolated_settings):
    isolated_settings.setenv("SIGNAALI_LEMMATIZER", "stanza")
    with pytest.raises(ModelNotAvailableError, match="models pull stanza"):
        get_lemmatizer()


@pytest.mark.slow
def test_auto_picks_spacy_fi_when_voikko_is_installed(isolated_settings):
    lem = get_lemmatizer("auto")
    assert lem.id.startswith("spacy-fi/") and "voikko" in lem.id


@pytest.mark.slow
def test_spacy_fi_lemmatises_with_pos_and_context():
    lem = get_lemmatizer("spacy-fi")
    (toks,) = lem.lemmatize(["Perheiden sähkölaskut ovat kasvaneet kolmen vuoden aikana, ja asiakkaat "
                             "hakevat toimeentulotukea."], ["fi"])
    lemmas = {t.text: t.lemma for t in toks}
    assert lemmas["Perheiden"] == "perhe" and lemmas["sähkölaskut"] == "sähkölasku"
    assert lemmas["kasvaneet"] == "kasvaa" and lemmas["hakevat"] == "hakea"
    assert {t.text: t.upos for t in toks}["hakevat"] == "VERB"
    assert "asiakas" not in content_lemmas(toks) and "toimeentulotuki" in content_lemmas(toks)


@pytest.mark.slow
def test_spacy_fi_combination_fixes_voikko_first_analysis():
    from pipeline.lemmas.spacy_fi import SpacyFiLemmatizer

    lem = get_lemmatizer("spacy-fi")
    plain = SpacyFiLemmatizer(combine=False)
    sentence = [["Hän", "asui", "siellä", "kolme", "vuotta", "."]]
    assert plain.lemmatize_pretokenized(sentence)[0][4].lemma == "vuo"  # Voikko's first reading
    assert lem.lemmatize_pretokenized(sentence)[0][4].lemma == "vuosi"
    assert lem.id != plain.id  # a different lemma cache


@pytest.mark.slow
def test_spacy_fi_handles_words_voikko_does_not_know():
    lem = get_lemmatizer("spacy-fi")
    (toks,) = lem.lemmatize_pretokenized([["Ohjelmoin", "Arduinolla", "direktiivin", "79/112/ETY", "mukaan", "."]])
    lemmas = [t.lemma for t in toks]
    assert lemmas[1] == "Arduino"  # unknown name: case ending stripped
    assert lemmas[3] == "79/112/ETY"  # unknown code keeps its case


def test_backends_are_registered_under_versioned_names(isolated_settings):
    from pipeline.registry import registry

    assert {"lemmatizer.spacy_fi.v2", "lemmatizer.simplemma.v1", "lemmatizer.stanza.v1"} <= set(
        registry.lemmatizers.names())
    assert get_lemmatizer("lemmatizer.simplemma.v1") is get_lemmatizer("simplemma")
