"""Reporting exports: counts against the store, small-cell suppression that cannot be undone, neutralised
spreadsheet text, XLSX/Parquet copies, the manifest and the CLI."""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from itertools import product
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from pipeline.store import get_engine
from pipeline.store.schema import reports, reviews, runs, signals, theme_assignments

DIMS = ("period", "theme", "area", "target_group", "phenomenon_type")
ADDITIVE = {0, 3, 4}  # period, target group, phenomenon type: one value per report
THEMES = ["mental_health", "housing", "service_access", "income_employment", "good_practice", "integration"]
AREAS = ["Lahti", "Heinola", "Hollola", "Koko Päijät-Häme"]
GROUPS = ["työikäiset", "ikääntyneet", "lapset, nuoret ja perheet"]
TYPES = ["negatiivinen", "positiivinen", "ei osaa sanoa"]
NOW = datetime(2025, 1, 1, tzinfo=timezone.utc)


def make_fixture(n: int = 60, seed: int = 7, start: date = date(2024, 1, 3), days: int = 360) -> list[dict]:
    """Reports with known dimensions and themes (the truth the tables are checked against)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        themes = rng.sample(THEMES, rng.choice([1, 1, 2, 3]))
        areas = rng.sample(AREAS, rng.choice([1, 1, 1, 2]))
        out.append({
            "report_id": f"F-{i:04d}", "submitted": start + timedelta(days=rng.randrange(days)), "area": areas,
            "target_group": rng.choice(GROUPS), "phenomenon_type": rng.choice(TYPES), "themes": themes,
            "observation": f"Havainto {i}: asiakkaiden tilanne on vaikeutunut ja palveluihin jonotetaan pitkään.",
            "client_voice": f'"Asiakkaan ääni {i}."' if i % 2 else "",
            "proposal": f"Ehdotus {i}: lisää resursseja." if i % 3 else "",
        })
    return out


def store_fixture(db_url: str, rows: list[dict], duplicates: int = 0, reviewed: dict | None = None,
                  signal_rows: list[dict] | None = None, run: dict | None = None) -> sa.Engine:
    """Insert reports + model themes (+ near-duplicates, reviewer decisions, signals, a run) straight into tables."""
    engine = get_engine(db_url)
    from pipeline.text import report_text, text_hash

    with engine.begin() as conn:
        for i, r in enumerate(rows + [dict(rows[k], report_id=f"DUP-{k}") for k in range(duplicates)]):
            text = report_text(r["observation"], r["client_voice"], r["proposal"])
            conn.execute(reports.insert().values(
                report_id=r["report_id"], source="fixture.csv", source_row=i + 2, submitted=r["submitted"],
                area=r["area"], target_group=r["target_group"], phenomenon_type=r["phenomenon_type"], unit="",
                observation=r["observation"], client_voice=r["client_voice"], proposal=r["proposal"], text=text,
                text_hash=text_hash(text), pii_found={}, extra={}, ingested_at=NOW,
                duplicate_of=rows[int(r["report_id"][4:])]["report_id"] if r["report_id"].startswith("DUP-") else None,
            ))
            for rank, theme in enumerate(r["themes"]):
                conn.execute(theme_assignments.insert().values(
                    report_id=r["report_id"], theme=theme, score=0.9 - 0.1 * rank,
                    evidence={"keywords": [f"{theme}_sana", "jono"]}, source="model", run_id="run-1",
                    created_at=NOW))
        for rid, themes in (reviewed or {}).items():
            conn.execute(reviews.insert().values(kind="report", target=rid, reviewer="tester", created_at=NOW,
                                                 old={}, new={"themes": themes}, note=""))
        for s in signal_rows or []:
            conn.execute(signals.insert().values(**s))
        if run:
            conn.execute(runs.insert().values(run_id=run["run_id"], flow="nightly", as_of=date(2025, 1, 1),
                                              started_at=NOW, finished_at=NOW, status="completed", record=run))
    return engine


def truth(rows: list[dict], period: str = "quarter", reviewed: dict | None = None) -> dict[tuple, int]:
    """Brute-force cube: for every combination (with 'all'), the number of reports matching it."""
    from pipeline.export.periods import period_label

    def values(r: dict) -> list[list[str]]:
        themes = (reviewed or {}).get(r["report_id"], r["themes"])
        return [[period_label(r["submitted"], period)], themes, r["area"], [r["target_group"]],
                [r["phenomenon_type"]]]

    keys = set()
    for r in rows:
        keys.update(product(*([*v, "all"] for v in values(r))))
    out = {}
    for key in keys:
        out[key] = sum(1 for r in rows
                       if all(k == "all" or k in v for k, v in zip(key, values(r))))
    return out


def read_long(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


DEFAULT_PATTERNS = [(1,), (1, 0), (1, 2), (1, 3), (1, 4), (2,), (3,), (4,), (0,)]


def table_truth(rows: list[dict], period: str = "quarter", reviewed: dict | None = None,
                patterns=DEFAULT_PATTERNS) -> dict[tuple, int]:
    """The brute-force truth restricted to the cells of the published tables (free dims of one table, 'all' else)."""
    full = truth(rows, period, reviewed)
    return {k: v for k, v in full.items()
            if any(all(k[d] == "all" for d in range(5) if d not in pat) for pat in patterns)}


# --- an independent attacker: an integer program over everything one export publishes ---------------------------


def reader_relations(cells: set[tuple]) -> list[tuple[int, tuple, list[tuple]]]:
    rels: dict[tuple, list] = {}
    for c in cells:
        for d, v in enumerate(c):
            if v != "all":
                parent = c[:d] + ("all",) + c[d + 1:]
                if parent in cells:
                    rels.setdefault((d, parent), []).append(c)
    return [(d, p, ch) for (d, p), ch in rels.items()]


def attack(published: dict[tuple, int | None], flags: dict[tuple, str], n: int,
           extra: dict[tuple, int] | None = None) -> dict[tuple, tuple[int, int]]:
    """For each hidden cell, its (min, max) over all whole-number tables a reader cannot rule out.

    A reader knows: every published number (``published`` and ``extra`` from other files); sums along period,
    target group and phenomenon type; child <= parent <= sum(children) along theme and area; counts are whole
    numbers >= 0; a row that is present counts >= 1 (an absent one 0); ``<N`` means <= N-1. ``..`` states nothing.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    cells = sorted(published)
    idx = {c: i for i, c in enumerate(cells)}
    lb = np.ones(len(cells))
    ub = np.full(len(cells), np.inf)
    for c, v in {**published, **(extra or {})}.items():
        if v is not None:
            lb[idx[c]] = ub[idx[c]] = v
        elif flags.get(c, "").startswith("<"):
            ub[idx[c]] = int(flags[c][1:]) - 1
    a_rows, lo, hi = [], [], []
    for d, p, ch in reader_relations(set(cells)):
        row = np.zeros(len(cells))
        row[idx[p]] = 1
        for c in ch:
            row[idx[c]] -= 1
        if d in ADDITIVE:
            a_rows.append(row), lo.append(0), hi.append(0)
        else:
            a_rows.append(row), lo.append(-np.inf), hi.append(0)       # parent <= sum(children)
            for c in ch:
                r2 = np.zeros(len(cells))
                r2[idx[c]], r2[idx[p]] = 1, -1
                a_rows.append(r2), lo.append(-np.inf), hi.append(0)    # child <= parent
    cons = [LinearConstraint(np.array(a_rows), lo, hi)]
    out = {}
    for c, v in published.items():
        if v is not None:
            continue
        ends = []
        for sign in (1, -1):
            obj = np.zeros(len(cells))
            obj[idx[c]] = sign
            res = milp(obj, constraints=cons, integrality=np.ones(len(cells)), bounds=Bounds(lb, ub))
            assert res.status == 0, ("the published files are inconsistent", c, res.message)
            ends.append(int(round(sign * res.fun)))
        out[c] = (ends[0], ends[1])
    return out


def published_cube(rows: list[dict]) -> tuple[dict[tuple, int | None], dict[tuple, str]]:
    cube = {tuple(r[d] for d in DIMS): (int(r["reports"]) if r["reports"] else None) for r in rows}
    return cube, {tuple(r[d] for d in DIMS): r["flag"] for r in rows}


def html_numbers(page: str) -> dict[tuple, str]:
    """Every count the report shows with its cell key (data-cell), as text."""
    import html as html_mod
    import re

    out: dict[tuple, str] = {}
    for key, text in re.findall(r'data-cell="([^"]+)"[^>]*>([^<]*)<', page):
        cell = tuple(html_mod.unescape(key).split("|"))
        out.setdefault(cell, html_mod.unescape(text).strip())
    return out


def all_files_attack(out: Path, n: int = 3) -> tuple[dict, dict, dict]:
    """Read every file of one export, check they agree, and attack with everything they publish."""
    import pandas as pd

    rows = read_long(out / "themes_long.csv")
    published, flags = published_cube(rows)
    extra: dict[tuple, int] = {}
    if (out / "themes_long.parquet").exists():
        pq = pd.read_parquet(out / "themes_long.parquet")
        for r in pq.itertuples(index=False):
            key = tuple(getattr(r, d) for d in DIMS)
            v = None if pd.isna(r.reports) else int(r.reports)
            assert v == published[key], key
    if (out / "report.html").exists():
        for cell, text in html_numbers((out / "report.html").read_text(encoding="utf-8")).items():
            assert cell in published, cell
            if text.isdigit():
                extra[cell] = int(text)
                assert published[cell] == int(text), (cell, text)
            else:
                assert published[cell] is None and text == flags[cell], (cell, text)
    return published, flags, attack(published, flags, n, extra)


# --- tests ---------------------------------------------------------------------------------------------------------


def test_themes_long_holds_the_published_cells_with_honest_markers(db_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    rows = make_fixture(60)
    reviewed = {"F-0000": ["housing", "integration"]}
    engine = store_fixture(db_url, rows, duplicates=5, reviewed=reviewed)
    manifest = export(engine, tmp_path / "out", formats=["csv"], period="quarter")
    published = read_long(tmp_path / "out" / "themes_long.csv")
    expected = table_truth(rows, "quarter", reviewed)

    assert list(published[0]) == ["period", "theme", "area", "target_group", "phenomenon_type", "reports", "share",
                                  "flag"]
    got = {tuple(r[d] for d in DIMS): r for r in published}
    # only the cells of the published tables (not the 5-way cube), near-duplicates not counted
    assert set(got) == set(expected)
    assert manifest["reports_counted"] == 60 and got[("all",) * 5]["reports"] == "60"
    totals = {p: n for (p, *rest), n in expected.items() if rest == ["all"] * 4}
    for key, r in got.items():
        if r["reports"] == "":
            assert r["flag"] in ("<3", "..") and r["share"] == ""
            # "<3" only on a cell that IS below 3
            assert r["flag"] != "<3" or expected[key] < 3, key
        else:
            assert r["flag"] == "" and int(r["reports"]) == expected[key] >= 3, key
            if key[0] != "all" or True:
                assert float(r["share"]) == pytest.approx(expected[key] / totals[key[0]], abs=1e-4)
        if expected[key] < 3:
            assert r["reports"] == "", key
    # a report with several themes counts once in each theme and once in "all"
    assert sum(expected[("all", t, "all", "all", "all")] for t in THEMES) > 60


def test_no_hidden_cell_is_derivable_from_all_files(sqlite_url: str, tmp_path: Path) -> None:
    """An integer-programming attacker (written here, not the export's code) reads themes_long.csv, the Parquet
    copy and every count in the HTML report, and cannot pin any hidden cell; with primary suppression alone it
    can (the attack is not toothless)."""
    from pipeline.export import export

    rows = make_fixture(45, seed=11)
    engine = store_fixture(sqlite_url, rows)
    manifest = export(engine, tmp_path / "out", formats=["csv", "parquet", "html"], period="quarter", min_cell=3)
    published, flags, ranges = all_files_attack(tmp_path / "out")
    expected = table_truth(rows, "quarter")
    small = {c for c, v in expected.items() if v < 3}
    assert small and all(published[c] is None for c in small)
    assert ranges and all(lo < hi for lo, hi in ranges.values()), {c: r for c, r in ranges.items() if r[0] == r[1]}
    assert all(lo <= expected[c] <= hi for c, (lo, hi) in ranges.items())
    assert manifest["disclosure"]["audit"]["pinned"] == 0

    naive = {c: (None if v < 3 else v) for c, v in expected.items()}
    naive_ranges = attack(naive, {c: "<3" for c, v in naive.items() if v is None}, 3)
    assert any(lo == hi for lo, hi in naive_ranges.values())


def test_monthly_sparse_export_is_protected_across_periods(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    rows = make_fixture(40, seed=5)
    export(store_fixture(sqlite_url, rows), tmp_path / "out", formats=["csv", "html"], period="month")
    _published, flags, ranges = all_files_attack(tmp_path / "out")
    assert len(ranges) > 20 and all(lo < hi for lo, hi in ranges.values())


def test_three_way_table_on_request_and_bad_tables(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.errors import InputError
    from pipeline.export import export

    rows = make_fixture(80, seed=2)
    engine = store_fixture(sqlite_url, rows)
    manifest = export(engine, tmp_path / "out", formats=["csv"], period="year",
                      tables="theme,theme*area*target_group")
    assert (tmp_path / "out" / "table_theme_area_target_group.csv").exists()
    assert [t["name"] for t in manifest["tables"]] == ["themes_total", "table_theme_area_target_group"]
    got = {tuple(r[d] for d in DIMS) for r in read_long(tmp_path / "out" / "themes_long.csv")}
    assert got == set(table_truth(rows, "year", patterns=[(1,), (1, 2, 3)]))
    _p, _f, ranges = all_files_attack(tmp_path / "out")
    assert all(lo < hi for lo, hi in ranges.values())
    for bad, token in (("theme*colour", "colour"), ("theme,bogus", "bogus"), ("theme*theme", "theme*theme")):
        with pytest.raises(InputError, match=token.replace("*", r"\*")):
            export(engine, tmp_path / "bad", tables=bad)


def test_wide_tables_are_slices_of_themes_long(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    rows = make_fixture(60)
    export(store_fixture(sqlite_url, rows), tmp_path, formats=["csv"], period="quarter")
    long = {tuple(r[d] for d in DIMS): (r["reports"] or r["flag"]) for r in read_long(tmp_path / "themes_long.csv")}
    for name, dim in [("themes_by_period", 0), ("themes_by_area", 2), ("themes_by_target_group", 3),
                      ("themes_by_phenomenon_type", 4)]:
        wide = read_long(tmp_path / f"{name}.csv")
        assert wide, name
        for row in wide:
            for col, value in row.items():
                if col in ("theme", "theme_label"):
                    continue
                key = ["all"] * 5
                key[1], key[dim] = row["theme"], col
                assert value == long.get(tuple(key), "0"), (name, row["theme"], col)
    one = read_long(tmp_path / "reports_by_target_group.csv")
    assert {r["target_group"] for r in one} == set(GROUPS)


def test_formula_text_is_neutralised_in_csv_and_xlsx(sqlite_url: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from pipeline.export import export

    rows = make_fixture(12)
    for r in rows:
        r["area"] = ['=HYPERLINK("http://evil","x")']
        r["target_group"] = "@SUM(A1)"
    sig = {"signal_id": "S-1", "run_id": "r", "as_of": date(2025, 1, 1), "status": "weak",
           "report_ids": ["F-0001", "F-0002"], "keywords": ["+cmd", "sähkö"], "first_seen": date(2024, 11, 1),
           "growth": 1.5, "popularity": 0.2, "reason": "-2+3 kasvaa"}
    engine = store_fixture(sqlite_url, rows, signal_rows=[sig])
    export(engine, tmp_path, formats=["csv", "xlsx"], period="year")
    text = (tmp_path / "themes_long.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert not any(line.split(",")[2].startswith(("=", "@")) for line in text.splitlines())
    sig_rows = read_long(tmp_path / "signals.csv")
    assert sig_rows[0]["keywords"] == "'+cmd;sähkö"
    wb = load_workbook(tmp_path / "signaali_tables.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c for c in cells if c.data_type == "f" or c.value.startswith(("=", "+", "-", "@"))]
    assert any(c.value == "'=HYPERLINK(\"http://evil\",\"x\")" for c in cells)


def test_xlsx_is_for_people_and_parquet_keeps_integers(sqlite_url: str, tmp_path: Path) -> None:
    import pandas as pd
    from openpyxl import load_workbook

    from pipeline.export import export

    engine = store_fixture(sqlite_url, make_fixture(40))
    manifest = export(engine, tmp_path, formats="csv,xlsx,parquet", period="quarter")
    wb = load_workbook(tmp_path / "signaali_tables.xlsx")
    assert wb.sheetnames[0] == "Teemat (pitkä)" and "Teemat jaksoittain" in wb.sheetnames
    ws = wb["Teemat (pitkä)"]
    assert [c.value for c in ws[1]] == ["Jakso", "Teema", "Alue", "Kohderyhmä", "Ilmiön tyyppi", "Raportteja",
                                        "Osuus", "Merkintä"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert body[0][:5] == ["kaikki"] * 5 and body[0][5] == 40
    keys = {v for row in body for v in row[:5]}
    assert "all" not in keys and "mental_health" not in keys and "Mielenterveys" in keys
    assert all(isinstance(row[5], int) or (row[5] is None and row[7] in ("<3", "..")) for row in body)
    assert ws.max_row - 1 == manifest["row_counts"]["themes_long"]
    long_csv = pd.read_csv(tmp_path / "themes_long.csv", dtype=str, keep_default_na=False)
    long_pq = pd.read_parquet(tmp_path / "themes_long.parquet")
    assert str(long_pq["reports"].dtype) == "Int64" and len(long_pq) == len(long_csv)
    assert [("" if pd.isna(v) else str(v)) for v in long_pq["reports"]] == list(long_csv["reports"])
    wide = pd.read_parquet(tmp_path / "themes_by_area.parquet")
    assert str(wide["all"].dtype) == "Int64"


def test_signal_text_publishes_no_small_count(sqlite_url: str, tmp_path: Path) -> None:
    import re

    from pipeline.export import export

    reason = ("2 recent reports in 90 days form a group whose neighbourhood is 67% recent (1 older similar "
              "reports); reports per 30-day window [0, 0, 1, 1] (oldest first); popularity 0.12 (5% of all), "
              "growth +0.50; novelty 0.31")
    sig = {"signal_id": "S-2", "run_id": "r", "as_of": date(2025, 1, 1), "status": "weak",
           "report_ids": ["F-0001", "F-0002"], "keywords": ["sähkölasku", "phenomenon_type=positiivinen"],
           "first_seen": date(2024, 11, 1), "growth": 0.5, "popularity": 0.12, "reason": reason}
    engine = store_fixture(sqlite_url, make_fixture(30), signal_rows=[sig])
    export(engine, tmp_path, formats=["csv", "html"], period="year")
    text = read_long(tmp_path / "signals.csv")[0]
    assert "phenomenon_type=" not in text["keywords"]
    counts = [int(x) for x in re.findall(r"(?<![\d.,+<])\d+(?![\d.%]| %)", text["reason"])]
    assert counts and all(c == 0 or c >= 3 for c in counts), text["reason"]
    assert "tuoretta raporttia" in text["reason"] and "<3" in text["reason"]
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert reason not in page and "phenomenon_type=" not in page


def test_min_cell_below_one_and_cell_key(sqlite_url: str, tmp_path: Path, monkeypatch) -> None:
    from pipeline.errors import InputError
    from pipeline.export import export

    engine = store_fixture(sqlite_url, make_fixture(50))
    with pytest.raises(InputError, match="MIN_CELL"):
        export(engine, tmp_path / "a", min_cell=0)
    m1 = export(engine, tmp_path / "b", formats=["csv"], disclosure="cell-key")
    m2 = export(engine, tmp_path / "c", formats=["csv"], disclosure="cell-key")
    assert m1["disclosure"]["method"] == "cell-key"
    a, b = read_long(tmp_path / "b" / "themes_long.csv"), read_long(tmp_path / "c" / "themes_long.csv")
    assert a == b  # same cell, same noise
    values = {tuple(r[d] for d in DIMS): int(r["reports"]) for r in a}
    assert all(v == 0 or v >= 3 for v in values.values()) and all(r["flag"] == "" for r in a)
    true = table_truth(make_fixture(50))
    assert all(abs(values[c] - v) <= max(2, 3) for c, v in true.items())
    assert any(values[c] != v for c, v in true.items())


def test_export_is_all_or_nothing(sqlite_url: str, tmp_path: Path, monkeypatch) -> None:
    from pipeline.export import export
    from pipeline.registry import registry

    engine = store_fixture(sqlite_url, make_fixture(30))
    out = tmp_path / "out"
    export(engine, out, formats=["csv"], period="year")
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def boom(bundle, folder):
        (folder / "signaali_tables.xlsx").write_bytes(b"PK half a zip")
        raise RuntimeError("killed mid-write")

    registry.export_writers.names()  # load the built-in writers first
    monkeypatch.setitem(registry.export_writers._items, "xlsx", boom)
    with pytest.raises(RuntimeError):
        export(engine, out, formats=["csv", "xlsx"], period="quarter")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not list(tmp_path.glob(".signaali-export-*"))


def test_incremental_export_keeps_the_previous_pattern(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    rows = make_fixture(90, seed=4, days=300)
    engine = store_fixture(sqlite_url, rows)
    out = tmp_path / "out"
    first = export(engine, out, formats=["csv"], period="quarter")
    hidden_before = {tuple(r[d] for d in DIMS) for r in read_long(out / "themes_long.csv") if r["flag"]}
    extra = [dict(r, report_id=f"N-{i}", submitted=date(2024, 12, 20)) for i, r in enumerate(make_fixture(6, seed=9))]
    with engine.begin() as conn:
        pass
    store_fixture(sqlite_url, extra)
    second = export(engine, out, formats=["csv", "html"], period="quarter")
    now = read_long(out / "themes_long.csv")
    cells_now = {tuple(r[d] for d in DIMS) for r in now}
    hidden_now = {tuple(r[d] for d in DIMS) for r in now if r["flag"]}
    assert second["disclosure"]["kept_from_previous_export"] == len(hidden_before) > 0
    assert (hidden_before & cells_now) <= hidden_now
    _p, _f, ranges = all_files_attack(out)
    assert all(lo < hi for lo, hi in ranges.values())
    assert first["reports_counted"] + 6 == second["reports_counted"]


def test_manifest_names_run_models_and_method(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    run = {"run_id": "run-42", "models": {"lemmatizer": "spacy-fi:3.8", "embedder": "e5-small@abc",
                                          "topic_model": "bertopic-v3", "vocabulary": "themes-v2"}}
    engine = store_fixture(sqlite_url, make_fixture(30), run=run)
    export(engine, tmp_path, formats=["csv"], period="year", date_from="2024-02-01", date_to="31.10.2024")
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run_id"] == "run-42" and manifest["models"]["embedder"] == "e5-small@abc"
    assert manifest["vocabulary_version"] == "themes-v2"
    assert manifest["parameters"]["date_from"] == "2024-02-01" and manifest["parameters"]["date_to"] == "2024-10-31"
    d = manifest["disclosure"]
    assert d["method"] == "suppression" and d["min_cell"] == 3 and d["audit"]["pinned"] == 0
    assert manifest["row_counts"]["themes_long"] == len(read_long(tmp_path / "themes_long.csv"))
    assert all(len(info["sha256"]) == 64 for info in manifest["files"].values())
    inside = [r for r in make_fixture(30) if date(2024, 2, 1) <= r["submitted"] <= date(2024, 10, 31)]
    assert manifest["reports_counted"] == len(inside)
    assert not (tmp_path / "report.html").exists()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from pipeline.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=300)


def test_cli_export_json_and_bad_input(sqlite_url: str, tmp_path: Path) -> None:
    store_fixture(sqlite_url, make_fixture(20))
    out = tmp_path / "out"
    res = _cli("export", "--out", str(out), "--format", "csv,parquet", "--period", "month", "--db", sqlite_url,
               "--json")
    assert res.returncode == 0, res.stderr
    manifest = json.loads(res.stdout)
    assert manifest["parameters"]["period"] == "month"
    assert (out / "themes_long.csv").exists() and (out / "themes_long.parquet").exists()
    bad = _cli("export", "--out", str(out), "--period", "week", "--db", sqlite_url)
    assert bad.returncode == 2 and "--period" in bad.stderr
    bad = _cli("export", "--out", str(out), "--from", "2024-13-01", "--db", sqlite_url)
    assert bad.returncode == 2 and "--from" in bad.stderr
    bad = _cli("export", "--out", str(out), "--tables", "theme*colour", "--db", sqlite_url)
    assert bad.returncode == 2 and "colour" in bad.stderr
    import os

    env = {**os.environ, "SIGNAALI_MIN_CELL": "0"}
    bad = subprocess.run([sys.executable, "-c", "from pipeline.cli import main; main()", "export", "--out", str(out),
                          "--db", sqlite_url], capture_output=True, text=True, timeout=300, env=env)
    assert bad.returncode == 2 and "SIGNAALI_MIN_CELL" in bad.stderr
