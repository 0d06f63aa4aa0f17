"""Bad files as people make them: mixed encodings, spreadsheets with cover sheets and merged cells, quote damage,
random bytes. Each test counts the good rows present in the file against those kept in the store."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.errors import UnreadableFileError
from pipeline.ingest import ingest_files
from pipeline.ingest.encoding import decode_export, repair_mojibake
from pipeline.store import get_engine
from pipeline.store.schema import quarantine, reports

HEADER = ["Raportin tunnus", "Päivämäärä", "Alue", "Kohderyhmä", "Ilmiön luonne", "Yksikkö", "Havainto",
          "Asiakkaan ääni", "Ratkaisuehdotus"]
NAMES = ["Jääskeläinen", "Hämäläinen", "Könönen", "Väänänen", "Pöllänen", "Åström"]


def good_rows(n: int = 6, prefix: str = "R-") -> list[list[str]]:
    rows = []
    for i in range(n):
        rows.append([f"{prefix}{i + 1:04d}", f"{i + 1}.3.2025", "Lahti" if i % 2 else "Heinola", "työikäiset",
                     "negatiivinen", "aikuissosiaalityö",
                     f"Asiakas {NAMES[i % len(NAMES)]} kertoi, että päätöksen odotus venyy jo {i + 3}. viikolle "
                     f"ja yhteydenotot jäävät vastaamatta ({prefix}{i}).",
                     "\"Mä en tiedä kenelle soittaa.\"" if i % 3 == 0 else "", "Lisää käsittelijöitä."])
    return rows


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(HEADER)
    w.writerows(rows)
    return buf.getvalue()


def kept(engine) -> dict[str, dict]:
    with engine.connect() as c:
        return {r.report_id: dict(r._mapping) for r in c.execute(sa.select(reports))}


def quarantined(engine) -> list[dict]:
    with engine.connect() as c:
        return [dict(r._mapping) for r in c.execute(sa.select(quarantine).order_by(quarantine.c.source_row))]


def _mixed_bytes(rows: list[list[str]], main: str, other: str, odd: set[int]) -> bytes:
    lines = csv_text(rows).split("\r\n")
    out = []
    for i, line in enumerate(lines):
        out.append(line.encode(other if i - 1 in odd else main))
    return b"\r\n".join(out)


@pytest.mark.parametrize("main, other", [("utf-8", "cp1252"), ("cp1252", "utf-8"), ("utf-8", "latin-1"),
                                         ("latin-1", "utf-8"), ("cp1252", "cp1252"), ("utf-8", "utf-8")])
def test_every_encoding_mix_is_stored_without_mojibake_and_each_odd_row_is_named(tmp_path: Path, main: str,
                                                                                  other: str) -> None:
    rows = good_rows(6)
    path = tmp_path / "mixed.csv"
    path.write_bytes(_mixed_bytes(rows, main, other, odd={2}))
    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    summary = ingest_files([path], engine)
    store = kept(engine)
    assert len(store) == 6, summary.problems
    for r in rows:
        rec = store[r[0]]
        assert rec["unit"] == "aikuissosiaalityö" and rec["target_group"] == "työikäiset"
        for bad in ("Ã", "Â", "\ufffd", "‰", "ˆ"):
            assert bad not in rec["observation"] + rec["unit"], (main, other, rec["observation"])
    warned = [p for p in summary.problems if "decoded as" in p]
    if main == other:
        assert warned == []
    else:
        # row 4 of the sheet (header = row 1) is the one written in the other encoding
        # latin-1 and cp1252 agree on every Finnish letter: such a line is named as cp1252
        expected = "utf-8" if other == "utf-8" else "cp1252"
        assert len(warned) == 1 and f"{path}, row 4" in warned[0] and f"decoded as {expected}" in warned[0], warned


def test_utf8_that_was_once_read_as_cp1252_is_repaired() -> None:
    garbled = "Jääskeläinen – Hämäläinen".encode("utf-8").decode("cp1252")
    assert "Ã¤" in garbled
    assert repair_mojibake(garbled) == ("Jääskeläinen – Hämäläinen", True)
    assert repair_mojibake("Ärsyttävää Åbo öljy") == ("Ärsyttävää Åbo öljy", False)
    dec = decode_export(("a,b\n1," + garbled + "\n").encode("utf-8"))
    assert "Jääskeläinen" in dec.text and dec.repaired_lines == [2]


def test_random_bytes_are_refused_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(bytes((b or 1) for b in os.urandom(20000)))  # no NUL anywhere
    with pytest.raises(UnreadableFileError, match="not a text table|not a report table"):
        ingest_files([path], get_engine(f"sqlite:///{tmp_path / 's.db'}"))
    out = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(path), "--db",
                          f"sqlite:///{tmp_path / 's2.db'}"], capture_output=True, text=True)
    assert out.returncode == 2 and str(path) in out.stderr
    prose = tmp_path / "letter.csv"
    prose.write_text("Hei,\n\nTässä pyytämänne tiedot.\nTerveisin Matti\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="no header row"):
        ingest_files([prose], get_engine(f"sqlite:///{tmp_path / 's.db'}"))
    assert kept(get_engine(f"sqlite:///{tmp_path / 's.db'}")) == {}


def test_unterminated_quote_swallowing_rows_is_quarantined_and_the_swallowed_rows_are_kept(tmp_path: Path) -> None:
    rows = good_rows(8)
    text = csv_text(rows)
    lines = text.split("\r\n")
    # row 4 (R-0003): the observation opens a quote it never closes
    lines[3] = lines[3].replace('",', ",", 1)
    assert lines[3].count('"') == 1
    path = tmp_path / "quote.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    summary = ingest_files([path], engine)
    store = kept(engine)
    q = quarantined(engine)
    # every row is somewhere: 7 good rows kept, the damaged one quarantined with its own row number
    assert sorted(store) == [r[0] for r in rows if r[0] != "R-0003"]
    assert [(x["source_row"], "quote" in x["reason"]) for x in q] == [(4, True)]
    assert "R-0003" in q[0]["raw"]["__line__"]
    # no stored report carries another report's text
    for rid, rec in store.items():
        assert "R-00" not in rec["observation"], rid
    assert any("swallowed by an unclosed quote" in p for p in summary.problems)


def test_quote_damage_at_the_end_of_the_file(tmp_path: Path) -> None:
    rows = good_rows(5)
    lines = csv_text(rows).split("\r\n")
    lines[5] = lines[5].replace('",', ",", 1)  # the last row, R-0005, never closes its quote
    path = tmp_path / "tail.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8")
    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    ingest_files([path], engine)
    assert sorted(kept(engine)) == ["R-0001", "R-0002", "R-0003", "R-0004"]
    assert [x["source_row"] for x in quarantined(engine)] == [6]


def _sheet(ws, rows: list[list[str]], title: str | None = None) -> None:
    if title:
        ws.append([title])
        ws.append([])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)


def test_workbook_with_cover_sheet_two_data_sheets_title_rows_and_merged_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    cover = wb.active
    cover.title = "Kansi"
    cover.append(["Sosiaalinen raportointi, Päijät-Häme"])
    cover.append(["Päivitetty 1.4.2025"])
    jan = wb.create_sheet("Tammikuu")
    _sheet(jan, good_rows(4, "T-"), title="Raportit tammikuu 2025")
    jan.merge_cells("A1:I1")  # a merged title row above the header
    feb = wb.create_sheet("Helmikuu")
    rows = good_rows(6, "H-")
    for r in rows[1:3]:
        r[2] = None  # area left to a merged cell
        r[3] = None
    _sheet(feb, rows)
    feb.merge_cells("C2:C4")
    feb.merge_cells("D2:D4")
    notes = wb.create_sheet("Ohjeet")
    notes.append(["Täytä jokainen sarake."])
    path = tmp_path / "raportit.xlsx"
    wb.save(path)

    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    summary = ingest_files([path], engine)
    store = kept(engine)
    assert len(store) == 10 and summary.quarantined == 0, summary.problems
    assert store["H-0002"]["area"] == store["H-0001"]["area"] == ["Heinola"]
    assert store["H-0003"]["target_group"] == "työikäiset"
    note = " ".join(summary.notes)
    assert "'Tammikuu' (header on row 3)" in note and "'Helmikuu'" in note
    assert "skipped 'Kansi'" in note and "'Ohjeet'" in note
    assert sum("merged cells C2:C4" in p for p in summary.problems) == 2
    assert store["T-0001"]["source"].endswith("[sheet Tammikuu]")


def test_workbook_without_any_report_sheet_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Vain kansilehti"])
    path = tmp_path / "kansi.xlsx"
    wb.save(path)
    with pytest.raises(UnreadableFileError, match="no sheet has a header row"):
        ingest_files([path], get_engine(f"sqlite:///{tmp_path / 's.db'}"))


def test_csv_title_rows_above_the_header(tmp_path: Path) -> None:
    path = tmp_path / "titled.csv"
    path.write_text("Sosiaalinen raportointi;;;\r\n;;;\r\n" + csv_text(good_rows(3), ";"), encoding="utf-8")
    engine = get_engine(f"sqlite:///{tmp_path / 's.db'}")
    summary = ingest_files([path], engine)
    assert len(kept(engine)) == 3 and summary.quarantined == 0
    assert any("header found on row 3" in n for n in summary.notes)
