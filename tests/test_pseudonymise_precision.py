"""The UD-precision and recall rules of issue 15's third round: English terms, German organisation nouns and
low-shape sentence starts are not names; a genitive before "mielestä", a name-shaped subject before "ei"/"on", and
in Swedish/English text a word only Finnish Voikko knows, next to a person cue or a name, are. Plus the bench's UD
split (dev file with examples, test files as counts only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.pseudonymise import Pseudonymiser
from pipeline.pseudonymise.persons import _english_compound, _unknown_inside_is_name, decide_tokens


def _names(text: str, language: str = "fi", ner: bool = True) -> list[str]:
    return [text[e.start:e.end] for e in Pseudonymiser(ner=ner).detect(text, language=language) if e.kind == "NIMI"]


def test_english_compounds_are_terms_not_names() -> None:
    assert _english_compound("Non-Uniform")
    assert _english_compound("Subdivision-Surface")
    assert not _english_compound("Smith-Xirsi")
    assert not _english_compound("Hakala")


def test_an_english_word_of_no_name_shape_is_not_a_name_even_for_ner() -> None:
    assert not _unknown_inside_is_name("Rational", "PERSON")
    # simplemma's English dictionary holds "mehdi": a name-shaped word stays a name
    assert _unknown_inside_is_name("Mehdi", None)


def test_english_title_case_term_in_finnish_text_stays() -> None:
    text = "Mukana oli työkalut Non-Uniform Rational B-Spline ja Subdivision-Surface mallinnukseen."
    assert _names(text) == []


def test_low_shape_sentence_start_is_not_a_name_on_ner_alone() -> None:
    assert _names("Punanen kenttä tonne päätyyn.") == []


def test_genitive_before_mielesta_is_a_name() -> None:
    assert _names("Mehdin mielestä tuki ei riitä.", ner=False) == ["Mehdin"]


def test_name_shaped_subject_before_ei_is_a_name() -> None:
    assert _names("Asiakas kertoi: Zana ei ole käynyt koulussa.", ner=False) == ["Zana"]


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("We met Sahra at the office yesterday.", "en", "Sahra"),
        ("Vi träffade Soran på kontoret i går.", "sv", "Soran"),
        ("Sahra Xirsi berättade att hyran är obetald.", "sv", "Sahra Xirsi"),
    ],
)
def test_finnish_only_word_in_swedish_or_english_text_with_a_cue_is_a_name(text: str, language: str, name: str) -> None:
    assert name in _names(text, language, ner=False)


def test_title_case_heading_in_a_text_taken_for_swedish_stays() -> None:
    assert _names("Asiakas Kertoi Tilanteesta Omaiselle.", "sv", ner=False) == []


def test_decide_tokens_names_the_rule() -> None:
    toks = decide_tokens("Mehdin mielestä tuki ei riitä.", "fi")
    assert [(t.text, t.name, t.why) for t in toks] == [("Mehdin", True, "context")]


def test_bench_ud_split_lists_examples_only_for_the_dev_file(tmp_path: Path) -> None:
    from bench.pseudonymisation import UD_DEV, UD_TEST, eval_ud

    sent = "# text = Hinta nousi kymmenen prosenttia.\n1\tHinta\thinta\tNOUN\t_\t_\t0\troot\t_\t_\n" \
           "2\tnousi\tnousta\tVERB\t_\t_\t1\t_\t_\t_\n3\tkymmenen\tkymmenen\tNUM\t_\t_\t1\t_\t_\t_\n" \
           "4\tprosenttia\tprosentti\tNOUN\t_\t_\t1\t_\t_\t_\n5\t.\t.\tPUNCT\t_\t_\t1\t_\t_\t_\n\n"
    for name in (UD_DEV, UD_TEST[0]):
        (tmp_path / name).write_text(sent, encoding="utf-8")
    out = eval_ud(tmp_path, Pseudonymiser(ner=False))
    assert out["dev"][UD_DEV]["sentences"] == 1
    assert "false_placeholder_examples" in out["dev"][UD_DEV]
    assert "false_placeholder_examples" not in out["test"][UD_TEST[0]]
    assert out["test_all"]["false_placeholders"] == 0
