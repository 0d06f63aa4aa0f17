"""Language routing: Swedish and English reports are recognised, Finnish ones stay Finnish."""

from __future__ import annotations

import csv

import pytest

from pipeline.language import detect_language
from pipeline.text import report_text

# reports_dev_notes.md lists the non-Finnish reports of the dev corpus.
NON_FINNISH = {"R-0064": "sv", "R-0172": "en", "R-0218": "sv"}


def test_dev_corpus_languages(shared_data):
    with (shared_data / "reports_dev.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    detected = {r["report_id"]: detect_language(report_text(r["observation"], r["client_voice"], r["proposal"]))
                for r in rows}
    assert {rid: detected[rid] for rid in NON_FINNISH} == NON_FINNISH
    wrong = {rid: lang for rid, lang in detected.items() if rid not in NON_FINNISH and lang != "fi"}
    assert wrong == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Asiakkaat eivät saa aikaa sosiaalityöntekijälle, jonot ovat pitkät.", "fi"),
        ("Klienten fick ingen hjälp med ansökan om hemtjänst på svenska.", "sv"),
        ("The family could not find an interpreter for the appointment.", "en"),
        ("", "fi"),
        ("12.3.2025 — 45 %", "fi"),
    ],
)
def test_short_texts(text, expected):
    assert detect_language(text) == expected


def test_lazy_dictionary_answers_as_the_whole_one(tmp_path, monkeypatch):
    """The on-disk index returns simplemma's own values and misses, and the whole dictionary is loaded only once
    enough lookups have paid for it."""
    from simplemma.strategies.dictionaries.dictionary_factory import MappingStrToByteString

    from pipeline.lemmas import dictionary

    whole = MappingStrToByteString(dictionary.decoded_dictionary("en", tmp_path))
    loads = []

    def load():
        loads.append(1)
        return whole

    monkeypatch.setattr(dictionary, "_LAZY_LOOKUPS", 50)
    lazy = dictionary.LazyDictionary("en", load, cache_dir=tmp_path)
    keys = [k for _, k in zip(range(40), whole)] + ["Interpreter", "zzqqxx", "appointments", "wait"]
    assert [lazy.get(k) for k in keys] == [whole.get(k) for k in keys]
    assert loads == [] and dictionary.dictionary_index("en", tmp_path).is_file()
    assert [lazy.get(k, "-") for k in keys] == [whole.get(k, "-") for k in keys]  # past 50 lookups: loaded whole
    assert loads == [1]


def test_swedish_and_english_dictionaries_are_not_loaded_for_finnish_reports():
    from simplemma.strategies.dictionaries import dictionary_factory as df

    from pipeline.lemmas.dictionary import LazyDictionary, release_simplemma

    # A fresh process's state: earlier tests in this worker may have looked up enough Swedish/English words to load
    # those dictionaries whole (as a cold run does).
    release_simplemma()
    assert detect_language("Asiakkaat odottavat tulkkia viikkoja, ja jonot kasvavat.") == "fi"
    for lang in ("sv", "en"):
        d = df.DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
        assert isinstance(d, LazyDictionary) and d._whole is None
