"""Pseudonymisation: personal data never reaches the store, ordinary report text stays as it was."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from pipeline.pseudonymise import Pseudonymised, pseudonymise
from pipeline.text import report_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Äiti (140683-217M) on asiakkaana.", "Äiti ([HENKILÖTUNNUS-1]) on asiakkaana."),
        ("Hetu 010203A123B ja 311299+999X kirjattiin.", "Hetu [HENKILÖTUNNUS-1] ja [HENKILÖTUNNUS-2] kirjattiin."),
        ("Soita numeroon 044 718 2293.", "Soita numeroon [PUHELIN-1]."),
        ("Puh. 050-3628140 tai 0401234567", "Puh. [PUHELIN-1] tai [PUHELIN-2]"),
        ("Numero +358 40 123 4567 tai +358401234567.", "Numero [PUHELIN-1] tai [PUHELIN-1]."),
        ("Vaihde 03 123 4567, päivystys 09-1234 5678.", "Vaihde [PUHELIN-1], päivystys [PUHELIN-2]."),
        ("Yhteys: eija.hakala@example.fi.", "Yhteys: [SÄHKÖPOSTI-1]."),
        ("Asiakkaamme Eija Hakala on ollut ilman tuloja.", "Asiakkaamme [NIMI-1] on ollut ilman tuloja."),
    ],
)
def test_each_kind_is_replaced_by_its_placeholder(text: str, expected: str) -> None:
    assert pseudonymise(text).text == expected


def test_counts_name_only_the_kinds_found() -> None:
    p = pseudonymise("Omaishoitaja Aune Salminen (030957-482T) soitti numerosta 050 362 8140.")
    assert isinstance(p, Pseudonymised)
    assert p.text == "Omaishoitaja [NIMI-1] ([HENKILÖTUNNUS-1]) soitti numerosta [PUHELIN-1]."
    assert p.counts == {"NIMI": 1, "HENKILÖTUNNUS": 1, "PUHELIN": 1}


@pytest.mark.parametrize(
    "text",
    [
        "Soitimme Jouni Mattilalle eilen.",
        "Kotikäynnillä Eija Hakalan luona oli kylmä.",
        "Tieto saatiin Matti Virtaselta vasta myöhään.",
        "Tapasimme Tuukka Korhosta kolme kertaa.",
        "Asiakas Virtanen ei ole saanut päätöstä.",
        "Rouva Korhonen kertoi tilanteestaan.",
        "Äiti Anna kertoi, että lapsi on poissa koulusta.",
        "Otimme yhteyttä asiakkaan Korhosen tyttäreen.",
        "Kävimme Sannan kanssa läpi hakemuksen.",
        "Vi ringde till Erik Johansson men ingen svarade.",
        "We met John Smith twice at the office.",
        "Klienten Karin Lindholm har väntat i tre månader.",
        "Mrs Williams asked for an interpreter.",
    ],
)
def test_names_in_inflected_and_swedish_english_forms_are_removed(text: str) -> None:
    out = pseudonymise(text).text
    assert "[NIMI-1]" in out
    names = {"Jouni", "Mattila", "Eija", "Hakala", "Matti", "Virtanen", "Virtase", "Korho", "Anna", "Sanna", "Erik",
             "Johansson", "John", "Smith", "Karin", "Lindholm", "Williams", "Tuukka"}
    assert not any(n in out for n in names), out


@pytest.mark.parametrize(
    "text",
    [
        "Odotus ensikäynnille on ollut 2-3 kuukautta.",
        "Asiakkaita oli 12.3.2024 yhteensä 45 ja 1.6.2024 jo 62.",
        "Sähkölasku nousi 350 eurosta 1 200 euroon, eli yli 240 %.",
        "Hinta on 0,50 €/kWh ja perusmaksu 4,90 € kuukaudessa.",
        "Päivystys on auki klo 8-16, ja jonotusaika on 25-30 minuuttia.",
        "Lahti, Heinola ja Hollola ovat mukana kokeilussa vuosina 2024-2025.",
        "Orimattilassa, Asikkalassa, Sysmässä ja Hartolassa jonot ovat pidentyneet.",
        "Padasjoelta, Kärkölästä ja Iitistä kuljetus Lahteen kestää yli tunnin.",
        "84-vuotiaan asiakkaan kotihoito käy kolme kertaa päivässä, 15-vuotias jäi ilman paikkaa.",
        "Anna palautetta palvelusta. Toivo paremmasta ei riitä. Onni ei saa olla kiinni asuinpaikasta.",
        "Mäki on liukas ja koski kuohuu. Kivi ja Virta ovat talojen nimiä. Salo ja Koski ovat kaukana.",
        "Toinen asiakas kertoi samasta. Pian saamme tiedon. Millaista apua tarvitaan?",
        "Kelan päätös tuli Wilmaan ja Omakantaan vasta 14 vuorokauden päästä.",
        "Päijät-Hämeen hyvinvointialueella on 20 000 asiakasta ja 3 500 työntekijää.",
        "Äiti Lahdesta ja asiakas Heinolasta kertoivat samasta ongelmasta.",
        "Anhöriga som bor i Helsingfors eller i Sverige får fungera som tolkar per telefon.",
        "Kela decisions are available only in Finnish or Swedish.",
    ],
)
def test_plain_report_text_gets_no_placeholders(text: str) -> None:
    p = pseudonymise(text)
    assert p.text == text
    assert p.counts == {}


def test_pseudonymising_twice_changes_nothing_more() -> None:
    text = (
        "Asiakkaamme Eija Hakalan puhelin on 040 123 4567 ja hetu 140683-217M. Rouva Korhonen ja Sebastian Tiainen "
        "kävivät Lahdessa. Sähköposti matti.virtanen@example.fi."
    )
    once = pseudonymise(text)
    twice = pseudonymise(once.text)
    assert twice.text == once.text
    assert twice.counts == {}


def test_empty_text_is_returned_as_is() -> None:
    assert pseudonymise("") == Pseudonymised("", {})


def _listed_values(notes: str) -> list[tuple[str, str]]:
    section = notes.split("## Rows with personal data", 1)[1].split("\n## ", 1)[0]
    out = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"R-\d{4}", cells[0]):
            value = cells[2]
            out += [(cells[0], v) for v in re.findall(r"\d{6}-\d{3}[0-9A-Z]|\d{3} \d{3} \d{4}", value)]
            if "name" in cells[1]:
                out.append((cells[0], value.split("(")[0].strip()))
    return out


def test_dev_corpus_personal_data_does_not_survive(shared_data: Path) -> None:
    listed = _listed_values((shared_data / "reports_dev_notes.md").read_text(encoding="utf-8"))
    assert len(listed) == 7
    with (shared_data / "reports_dev.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["report_id"]: r for r in csv.DictReader(fh)}
    for rid, value in listed:
        r = rows[rid]
        text = report_text(r["observation"], r["client_voice"], r["proposal"])
        assert value in text
        out = pseudonymise(text).text
        assert value not in out, (rid, value)
        # Surname alone must go too, not only the full string.
        assert value.split()[-1] not in out, (rid, value)


def test_dev_corpus_rows_without_personal_data_are_untouched(shared_data: Path) -> None:
    with (shared_data / "reports_dev.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    personal = {"R-0008", "R-0052", "R-0087", "R-0133", "R-0179", "R-0226"}
    changed = [
        r["report_id"]
        for r in rows
        if r["report_id"] not in personal
        and pseudonymise(report_text(r["observation"], r["client_voice"], r["proposal"])).counts
    ]
    assert changed == []


def test_swedish_place_names_are_not_taken_for_person_names() -> None:
    from pipeline.pseudonymise import pseudonymise

    text = "I Lahtis och Borgå har vi sett fler äldre som är ensamma."
    assert pseudonymise(text).text == text
