"""Ingest: formats, encodings, header mapping, validation, quarantine, dedupe, idempotency, pseudonymisation."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.errors import UnreadableFileError
from pipeline.ingest import ingest_files
from pipeline.ingest.validate import parse_date
from pipeline.store import get_engine
from pipeline.store.schema import quarantine, reports, reviews

HEADERS_FI = ["Raportin tunnus", "Päivämäärä", "Alue", "Kohderyhmä", "Ilmiön luonne", "Yksikkö", "Havainto",
              "Asiakkaan ääni", "Ratkaisuehdotus"]
ROWS = [
    ["A-1", "3.2.2025", "Lahti", "työikäiset", "negatiivinen", "aikuissosiaalityö",
     "Asiakkaiden toimeentulotukihakemukset ovat ruuhkautuneet ja käsittelyajat venyneet viikkoihin.",
     "\"Odotan päätöstä jo kuudetta viikkoa.\"", "Lisää käsittelijöitä Kelaan."],
    ["A-2", "14.3.2025", "Heinola; Sysmä", "ikääntyneet", "positiivinen", "kotihoito",
     "Kotihoidon ja päivätoiminnan yhteinen ryhmä on vähentänyt yksinäisyyttä selvästi.", "", ""],
    ["A-3", "2.4.2025", "Koko Päijät-Häme", "lapset, nuoret ja perheet", "ei osaa sanoa", "lastensuojelu",
     "Perheiden kotiin annettavan avun jonot ovat pidentyneet, mutta syy on epäselvä.", "", "Selvitys jonoista."],
]


def write_csv(path: Path, headers: list[str], rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(headers)
        w.writerows(rows)
    return path


def stored(engine) -> list[dict]:
    with engine.connect() as c:
        return [dict(r._mapping) for r in c.execute(sa.select(reports).order_by(reports.c.report_id))]


def test_dev_corpus_stores_256_links_4_near_duplicates_and_is_idempotent(db_url: str, shared_data: Path) -> None:
    engine = get_engine(db_url)
    first = ingest_files([shared_data / "reports_dev.csv"], engine)
    assert (first.read, first.stored, first.near_duplicates, first.quarantined) == (260, 256, 4, 0)
    rows = {r["report_id"]: r for r in stored(engine)}
    # the later version counts (it is the correction): the earlier one points at it
    assert {k: rows[k]["duplicate_of"] for k in ("R-0018", "R-0095", "R-0154", "R-0207")} == {
        "R-0018": "R-0019", "R-0095": "R-0098", "R-0154": "R-0155", "R-0207": "R-0209"}
    assert sum(1 for r in rows.values() if r["duplicate_of"]) == 4

    second = ingest_files([shared_data / "reports_dev.csv"], engine)
    assert second.stored == 0 and second.files_skipped == 1
    assert len(stored(engine)) == 260


def test_no_listed_personal_data_survives_in_the_store(db_url: str, shared_data: Path) -> None:
    engine = get_engine(db_url)
    ingest_files([shared_data / "reports_dev.csv"], engine)
    listed = ["Eija Hakala", "Hakala", "140683-217M", "044 718 2293", "Jouni Mattila", "Mattila", "Aune Salminen",
              "Salminen", "030957-482T", "050 362 8140"]
    with engine.connect() as c:
        dump = json.dumps([[str(v) for v in r] for t in (reports, quarantine, reviews)
                           for r in c.execute(sa.select(t))], ensure_ascii=False)
    leaked = [v for v in listed if v in dump]
    assert leaked == []
    row = {r["report_id"]: r for r in stored(engine)}["R-0052"]
    assert "[HENKILÖTUNNUS-1]" in row["text"] and row["raw_text"] is None


def test_broken_rows_are_quarantined_with_file_row_and_field(db_url: str, tmp_path: Path) -> None:
    rows = ROWS + [
        ["B-1", "32.13.2024", "Lahti", "muu", "negatiivinen", "x", "Teksti on kunnossa mutta päivä ei.", "", ""],
        ["B-2", "2024-05-05", "Lahti", "muu", "ehkä", "x", "Luonne on tuntematon.", "", ""],
        ["B-3", "2024-05-06", "Lahti", "muu", "negatiivinen", "x", "", "", ""],
    ]
    path = write_csv(tmp_path / "broken.csv", HEADERS_FI, rows)
    engine = get_engine(db_url)
    summary = ingest_files([path], engine)
    assert (summary.stored, summary.quarantined) == (3, 3)
    with engine.connect() as c:
        q = {r.source_row: r for r in c.execute(sa.select(quarantine))}
    assert {r: (q[r].field) for r in q} == {5: "submitted", 6: "phenomenon_type", 7: "observation"}
    # the reason names the problem, never the value (it could be an identity code); the raw row keeps the value
    assert "not a valid date" in q[5].reason and "32.13.2024" not in q[5].reason
    assert q[5].raw["Raportin tunnus"] == "B-1" and "32.13.2024" in q[5].raw.values()
    assert any("row 6, field 'phenomenon_type'" in p for p in summary.problems)
    assert ingest_files([path], engine).files_skipped == 1  # the same file again: nothing new anywhere
    changed = write_csv(tmp_path / "broken_v2.csv", HEADERS_FI + ["Huom"], [r + ["v2"] for r in rows])
    again = ingest_files([changed], engine)
    assert (again.stored, again.duplicates, again.quarantined) == (0, 3, 3)
    with engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(quarantine)).scalar() == 6
    assert len(stored(engine)) == 3


def test_cp1252_semicolon_export_ingests_like_its_utf8_twin(tmp_path: Path) -> None:
    utf = write_csv(tmp_path / "utf8.csv", HEADERS_FI, ROWS)
    win = write_csv(tmp_path / "excel.csv", HEADERS_FI, ROWS, delimiter=";", encoding="cp1252")
    assert "ä".encode("cp1252") in win.read_bytes()
    e1 = get_engine(f"sqlite:///{tmp_path / 'a.db'}")
    e2 = get_engine(f"sqlite:///{tmp_path / 'b.db'}")
    ingest_files([utf], e1)
    ingest_files([win], e2)
    keep = ("report_id", "submitted", "area", "target_group", "phenomenon_type", "unit", "text")
    assert [{k: r[k] for k in keep} for r in stored(e1)] == [{k: r[k] for k in keep} for r in stored(e2)]
    assert stored(e1)[1]["area"] == ["Heinola", "Sysmä"]


def test_utf8_bom_xlsx_and_jsonl_with_english_headers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    bom = tmp_path / "bom.csv"
    write_csv(bom, HEADERS_FI, ROWS[:1])
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes())
    wb = Workbook()
    ws = wb.active
    ws.append(["report_id", "submitted", "area", "target_group", "phenomenon_type", "unit", "observation", "Lisätieto"])
    import datetime as dt

    ws.append(["X-1", dt.datetime(2025, 5, 2, 10, 30), "Hollola", "vammaiset", "negatiivinen", "vammaispalvelut",
               "Henkilökohtaisen avun päätökset viivästyvät uuden lain siirtymässä.", "sisäinen huomio"])
    wb.save(tmp_path / "export.xlsx")
    jl = tmp_path / "reports.jsonl"
    jl.write_text("\n".join([
        json.dumps({"report_id": "J-1", "submitted": "2025-06-01", "area": ["Lahti"], "target_group": "asuminen",
                    "phenomenon_type": "negatiivinen", "observation": "Asunnottomuus on lisääntynyt nuorilla."}),
        "{not json",
    ]), encoding="utf-8")
    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    summary = ingest_files([bom, tmp_path / "export.xlsx", jl], engine)
    assert (summary.stored, summary.quarantined) == (3, 1)
    rows = {r["report_id"]: r for r in stored(engine)}
    assert rows["X-1"]["extra"] == {"Lisätieto": "sisäinen huomio"}
    assert str(rows["X-1"]["submitted"]) == "2025-05-02"
    assert any("row 2" in p and "invalid JSON" in p for p in summary.problems)


def test_missing_report_id_gets_a_stable_content_id(tmp_path: Path) -> None:
    rows = [[""] + r[1:] for r in ROWS[:2]]
    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    ingest_files([write_csv(tmp_path / "a.csv", HEADERS_FI, rows)], engine)
    ids1 = [r["report_id"] for r in stored(engine)]
    assert all(i.startswith("H-") for i in ids1)
    again = ingest_files([write_csv(tmp_path / "b.csv", HEADERS_FI + ["extra"], [r + ["x"] for r in rows])], engine)
    assert again.stored == 0 and again.duplicates == 2


def test_themes_column_becomes_reviewed_labels_once(tmp_path: Path) -> None:
    rows = [r + ["housing;integration"] for r in ROWS[:1]]
    path = write_csv(tmp_path / "l.csv", HEADERS_FI + ["Teemat"], rows)
    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    assert ingest_files([path], engine).reviewed_labels == 1
    ingest_files([write_csv(tmp_path / "l2.csv", HEADERS_FI + ["Teemat"], rows)], engine)
    with engine.connect() as c:
        revs = c.execute(sa.select(reviews)).all()
    assert len(revs) == 1 and revs[0].new == {"themes": ["housing", "integration"]}


@pytest.mark.parametrize("value, expected", [("2025-01-31", "2025-01-31"), ("31.1.2025", "2025-01-31"),
                                             ("01.02.2024", "2024-02-01"), ("2024-02-01 12:00:00", "2024-02-01")])
def test_dates_iso_and_finnish(value: str, expected: str) -> None:
    assert parse_date(value).isoformat() == expected


def test_unreadable_file_exits_2_with_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "kuva.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n not a workbook")
    out = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(bad), "--db", f"sqlite:///{tmp_path / 's.db'}"],
                         capture_output=True, text=True)
    assert out.returncode == 2
    errors = [line for line in out.stderr.splitlines() if not line.startswith("creating ")]  # the new-store notice
    assert len(errors) == 1 and str(bad) in errors[0] and "cannot read" in errors[0]
    with pytest.raises(UnreadableFileError):
        ingest_files([tmp_path / "missing.csv"], get_engine(f"sqlite:///{tmp_path / 's.db'}"))


def test_cli_json_summary_is_only_json(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", HEADERS_FI, ROWS)
    out = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(path), "--json",
                          "--db", f"sqlite:///{tmp_path / 's.db'}"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["stored"] == 3 and data["read"] == 3


def test_missing_observation_column_is_bad_input(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["id", "date"], [["1", "2025-01-01"]])
    out = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(path),
                          "--db", f"sqlite:///{tmp_path / 's.db'}"], capture_output=True, text=True)
    assert out.returncode == 0  # the row is quarantined, the file itself was readable
    assert "field 'observation'" in out.stderr
