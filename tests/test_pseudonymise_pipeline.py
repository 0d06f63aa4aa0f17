"""Personal data never reaches what Signaali writes: the store, the quarantine table (raw row and reason), the
ingest summary (`--json`), the run record, Prefect artifacts and exports. Uses the real detectors (spaCy NER)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.ingest import ingest_files
from pipeline.pseudonymise import pseudonymise, pseudonymise_report
from pipeline.store import get_engine
from pipeline.store.schema import quarantine, reports, runs, theme_assignments

HEADERS = ["Raportin tunnus", "Päivämäärä", "Alue", "Kohderyhmä", "Ilmiön luonne", "Yksikkö", "Havainto",
           "Asiakkaan ääni", "Ratkaisuehdotus", "Lisätieto"]

# One value of every kind, none of them in the packaged name lists.
PERSONAL = {
    "NIMI": "Abdirahman Warsame",
    "HENKILÖTUNNUS": "010594Y9021",  # a 2023 century sign
    "PUHELIN": "044 718 2293",
    "SÄHKÖPOSTI": "fatemeh.hosseini@example.fi",
    "TILINUMERO": "FI21 1234 5600 0007 85",
    "OSOITE": "Kauppakatu 12 B 7",
    "REKISTERINUMERO": "KZX-482",
}
ROWS = [
    ["P-1", "3.2.2025", "Lahti", "työikäiset", "negatiivinen", "aikuissosiaalityö",
     f"Asiakas {PERSONAL['NIMI']} (hetu {PERSONAL['HENKILÖTUNNUS']}) asuu osoitteessa {PERSONAL['OSOITE']}. "
     f"Warsamen tilille {PERSONAL['TILINUMERO']} ei ole tullut tukea.",
     f"\"Minä olen Hodan Farah ja soitin numerosta {PERSONAL['PUHELIN']}.\"",
     f"Lähetä tiedot osoitteeseen {PERSONAL['SÄHKÖPOSTI']}.", f"auto {PERSONAL['REKISTERINUMERO']}"],
    # a name typed into the area and unit fields
    ["P-2", "4.2.2025", "Hodan Farah", "Olga Petrenko", "positiivinen", "Olga Petrenkon tiimi",
     "Kotihoidon ja päivätoiminnan yhteinen ryhmä on vähentänyt yksinäisyyttä selvästi.", "", "", ""],
    # bad rows: an identity code in the date field, a name in the phenomenon type
    ["P-3", PERSONAL["HENKILÖTUNNUS"], "Lahti", "työikäiset", "negatiivinen", "kotihoito",
     f"Asiakas {PERSONAL['NIMI']} ei saanut apua.", "", "", ""],
    ["P-4", "5.2.2025", "Lahti", "työikäiset", "Abdirahman Warsame", "kotihoito",
     "Jonot ovat pitkiä.", "", "", ""],
]
RAW_STRINGS = [*PERSONAL.values(), "Warsamen", "Hodan", "Farah", "Olga", "Petrenko"]


def _write(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        w.writerows(ROWS)
    return path


def _leaks(text: str) -> list[str]:
    return [v for v in RAW_STRINGS if v in text]


@pytest.fixture
def ingested(sqlite_url: str, tmp_path: Path):
    engine = get_engine(sqlite_url)
    summary = ingest_files([_write(tmp_path / "pii.csv")], engine)
    return engine, summary


@pytest.mark.slow
def test_each_kind_is_removed_from_the_store_with_its_own_numbered_placeholder(ingested) -> None:
    engine, summary = ingested
    assert (summary.stored, summary.quarantined) == (2, 2)
    with engine.connect() as c:
        rows = {r.report_id: r for r in c.execute(sa.select(reports))}
    dump = json.dumps([[str(v) for v in r] for r in rows.values()], ensure_ascii=False)
    assert _leaks(dump) == []
    text = rows["P-1"].text
    for kind in PERSONAL:
        assert f"[{kind}-1]" in text or f"[{kind}-1]" in json.dumps(rows["P-1"].extra, ensure_ascii=False), kind
    # the same person keeps the same number across the report's parts; another person gets the next number
    assert rows["P-1"].observation.count("[NIMI-1]") == 2 and "[NIMI-2]" in rows["P-1"].client_voice
    # a name typed into area / target group is not published as a label; the unit is pseudonymised
    assert rows["P-2"].area == ["muu"] and rows["P-2"].target_group == "muu"
    assert "[NIMI-" in rows["P-2"].unit and "tiimi" in rows["P-2"].unit
    assert rows["P-1"].raw_text is None


@pytest.mark.slow
def test_quarantine_raw_rows_reasons_and_summary_hold_no_personal_data(ingested) -> None:
    engine, summary = ingested
    with engine.connect() as c:
        q = {r.source_row: r for r in c.execute(sa.select(quarantine))}
    assert {r: q[r].field for r in q} == {4: "submitted", 5: "phenomenon_type"}
    for r in q.values():
        assert _leaks(r.reason) == [] and _leaks(json.dumps(r.raw, ensure_ascii=False)) == []
    assert "[HENKILÖTUNNUS-1]" in q[4].raw["Päivämäärä"] and "[NIMI-1]" in q[4].raw["Havainto"]
    assert "not a date" in q[4].reason
    as_json = json.dumps(summary.as_dict(), ensure_ascii=False)
    assert _leaks(as_json) == [] and "field 'area'" in as_json


@pytest.mark.slow
def test_run_record_and_prefect_artifacts_are_scrubbed(ingested, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import runs as run_records

    engine, summary = ingested
    run_records.start_run(engine, "run-x", "nightly", dt.date(2025, 3, 1))
    record = {"run_id": "run-x", "as_of": "2025-03-01", "warnings": [
        f"pii.csv, row 9, field 'report_id': '{PERSONAL['HENKILÖTUNNUS']}' is already stored with different text",
        *summary.as_dict()["problems"]], "error": f"ValueError: bad value {PERSONAL['NIMI']}",
        "timings_s": {"ingest": 1.0}, "models": {}, "reports_seen": 4, "reports_new": 2, "reports_processed": 2,
        "quarantined": 2, "duplicates": 0, "signals": 0}
    run_records.finish_run(engine, "run-x", record, "failed")
    with engine.connect() as c:
        stored = dict(c.execute(sa.select(runs).where(runs.c.run_id == "run-x")).one()._mapping)
    assert _leaks(json.dumps(stored["record"], ensure_ascii=False, default=str)) == []
    assert "[HENKILÖTUNNUS-1]" in stored["record"]["warnings"][0]

    import prefect.artifacts

    texts: list[str] = []
    monkeypatch.setattr(prefect.artifacts, "create_markdown_artifact", lambda **kw: texts.append(kw["markdown"]))
    monkeypatch.setattr(prefect.artifacts, "create_table_artifact", lambda **kw: texts.append(json.dumps(kw["table"])))
    monkeypatch.setattr(prefect.artifacts, "create_link_artifact", lambda **kw: texts.append(str(kw.get("link"))))
    from flows.nightly import _publish

    with engine.connect() as c:
        stored_ids = [r[0] for r in c.execute(sa.text("SELECT report_id FROM reports"))]
    _publish(engine, stored["record"], stored_ids)
    assert texts and _leaks("\n".join(texts)) == []


@pytest.mark.slow
def test_exports_hold_no_personal_data(ingested, tmp_path: Path) -> None:
    from pipeline.export import export

    engine, _ = ingested
    now = dt.datetime.now(dt.timezone.utc)
    with engine.begin() as c:
        for rid in ("P-1", "P-2"):
            c.execute(theme_assignments.insert().values(report_id=rid, theme="income_employment", score=0.9,
                                                        evidence={"keywords": ["tuki"]}, source="model",
                                                        run_id="run-1", created_at=now))
    export(engine, tmp_path / "out", formats=["csv", "html"], period="quarter")
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert any(p.name == "themes_long.csv" for p in files)
    for p in files:
        assert _leaks(p.read_text(encoding="utf-8", errors="replace")) == [], p.name
    assert "muu" in (tmp_path / "out" / "themes_long.csv").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ("Minä olen Nguyen Van Thanh ja tämä on poikani Minh Nguyen.", ["Nguyen", "Thanh", "Minh"], []),
        ("Tapasimme Fatemeh Hosseinin kanssa Lahdessa.", ["Fatemeh", "Hosseini"], ["Lahdessa"]),
        ("Olga Petrenkolle soitettiin Kelan puolesta.", ["Olga", "Petrenko"], ["Kelan"]),
        ("Ahmed al-Hassanin äiti asuu Hollolassa.", ["Ahmed", "Hassan"], ["Hollolassa"]),
        ("Stina Lindqvist från Lahtisregionen berättade om väntetiderna.", ["Stina", "Lindqvist"],
         ["Lahtisregionen"]),
        ("Sirpa Hyppösen lapset eivät saa tukea Päijät-Hämeen hyvinvointialueelta.", ["Sirpa", "Hyppö"],
         ["Päijät-Hämeen"]),
        ("Osama bin Laden ja Ludwig van Beethoven.", ["Osama", "bin", "Laden", "Ludwig", "van", "Beethoven"], []),
        ("Tili FI21 1234 5600 0007 85, auto ABC-123, hetu 131052-308T, puh. +358 40 123 4567.",
         ["FI21", "ABC-123", "131052-308T", "+358"], ["Tili", "auto"]),
    ],
)
def test_names_no_list_holds_and_identifiers_are_removed_places_stay(text: str, gone: list[str],
                                                                      kept: list[str]) -> None:
    out = pseudonymise(text).text
    assert [g for g in gone if g in out] == [], out
    assert [k for k in kept if k not in out] == [], out


@pytest.mark.slow
def test_a_name_found_in_one_part_is_replaced_in_the_others_with_the_same_number() -> None:
    obs, voice = pseudonymise_report(["Abdi Warsame soitti aamulla.", "\"Warsamelle ei kukaan vastannut.\""])
    assert obs.text == "[NIMI-1] soitti aamulla." and voice.text == "\"[NIMI-1] ei kukaan vastannut.\""
