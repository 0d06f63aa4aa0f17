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
