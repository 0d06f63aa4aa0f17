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


# --- an attacker's view: what can be derived from the published long table ------------------------------------


def relations_of(cells: set[tuple]) -> list[tuple[int, tuple, list[tuple]]]:
    rels: dict[tuple, list] = {}
    for c in cells:
        for d, v in enumerate(c):
            if v != "all":
                rels.setdefault((d, c[:d] + ("all",) + c[d + 1:]), []).append(c)
    return [(d, p, ch) for (d, p), ch in rels.items()]


def derivable(published: dict[tuple, int | None]) -> set[tuple]:
    """Hidden cells (value None) whose exact value a reader can derive from the published ones.

    Three attacks: (1) solve every margin equation that has one unknown, repeatedly; (2) linear algebra: a hidden
    cell is determined when it is orthogonal to the null space of all additive margin equations; (3) interval
    bounds with child <= parent <= sum(children) along the multi-valued dimensions (theme, area).
    """
    rels = relations_of(set(published))
    known = {c: v for c, v in published.items() if v is not None}
    hidden = [c for c, v in published.items() if v is None]
    found: set[tuple] = set()
    # (1) peeling
    progress = True
    while progress:
        progress = False
        for d, p, ch in rels:
            if d not in ADDITIVE:
                continue
            unknown = [c for c in [p, *ch] if c not in known]
            if len(unknown) == 1:
                u = unknown[0]
                known[u] = (known[p] - sum(known[c] for c in ch if c != u)) if u != p else sum(known[c] for c in ch)
                found.add(u)
                progress = True
    # (2) linear algebra over the additive equations
    index = {c: i for i, c in enumerate(hidden)}
    eqs = []
    for d, p, ch in rels:
        if d in ADDITIVE and any(c in index for c in [p, *ch]):
            row = np.zeros(len(hidden))
            if p in index:
                row[index[p]] += 1
            for c in ch:
                if c in index:
                    row[index[c]] -= 1
            eqs.append(row)
    if eqs and hidden:
        a = np.array(eqs)
        _, s, vt = np.linalg.svd(a, full_matrices=True)
        rank = int((s > 1e-9).sum())
        null = vt[rank:]
        for c, i in index.items():
            if null.shape[0] == 0 or np.abs(null[:, i]).max() < 1e-9:
                found.add(c)
    # (3) interval bounds
    lo = {c: float(published[c]) if published[c] is not None else 0.0 for c in published}
    hi = {c: float(published[c]) if published[c] is not None else float("inf") for c in published}
    for _ in range(100):
        changed = False
        for d, p, ch in rels:
            for c in ch:
                others_hi = sum(hi[x] for x in ch if x != c)
                others_lo = sum(lo[x] for x in ch if x != c)
                new_lo = max(lo[c], lo[p] - others_hi)
                new_hi = min(hi[c], hi[p] - others_lo if d in ADDITIVE else hi[p])
                if (new_lo, new_hi) != (lo[c], hi[c]):
                    lo[c], hi[c], changed = new_lo, new_hi, True
            new_hi_p = min(hi[p], sum(hi[x] for x in ch))
            new_lo_p = max(lo[p], sum(lo[x] for x in ch) if d in ADDITIVE else max(lo[x] for x in ch))
            if (new_lo_p, new_hi_p) != (lo[p], hi[p]):
                lo[p], hi[p], changed = new_lo_p, new_hi_p, True
        if not changed:
            break
    found.update(c for c in hidden if lo[c] == hi[c])
    return found


def published_cube(rows: list[dict]) -> dict[tuple, int | None]:
    return {tuple(r[d] for d in DIMS): (int(r["reports"]) if not r["reports"].startswith("<") else None)
            for r in rows}


# --- tests ---------------------------------------------------------------------------------------------------------


def test_themes_long_counts_match_the_store(db_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    rows = make_fixture(60)
    reviewed = {"F-0000": ["housing", "integration"]}
    engine = store_fixture(db_url, rows, duplicates=5, reviewed=reviewed)
    manifest = export(engine, tmp_path / "out", formats=["csv"], period="quarter")
    published = read_long(tmp_path / "out" / "themes_long.csv")
    expected = truth(rows, "quarter", reviewed)

    assert list(published[0]) == ["period", "theme", "area", "target_group", "phenomenon_type", "reports", "share"]
    # one row per combination present (near-duplicates not counted, the reviewer's themes counted)
    got = {tuple(r[d] for d in DIMS): r for r in published}
    assert set(got) == set(expected)
    assert manifest["reports_counted"] == 60
    assert got[("all",) * 5]["reports"] == "60"
    totals = {p: n for (p, *rest), n in expected.items() if rest == ["all"] * 4}
    hidden = 0
    for key, r in got.items():
        if r["reports"] == "<3":
            hidden += 1
            assert r["share"] == ""
        else:
            assert int(r["reports"]) == expected[key], key
            assert float(r["share"]) == pytest.approx(expected[key] / totals[key[0]], abs=1e-4)
        if expected[key] < 3:
            assert r["reports"] == "<3", key
    assert 0 < hidden < len(got)
    # one report with three themes counts once in each theme and once in "all"
    q = next(k for k in expected if k[1:] == ("all",) * 4 and k[0] != "all")
    assert sum(expected[(q[0], t, "all", "all", "all")] for t in THEMES) > expected[q]


def test_no_hidden_small_cell_can_be_derived(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    rows = make_fixture(120, seed=11)
    engine = store_fixture(sqlite_url, rows)
    manifest = export(engine, tmp_path / "out", formats=["csv"], period="half", min_cell=3)
    published = published_cube(read_long(tmp_path / "out" / "themes_long.csv"))
    expected = truth(rows, "half")
    small = {c for c, n in expected.items() if n < 3}
    assert small and all(published[c] is None for c in small)
    assert not (derivable(published) & small)
    assert manifest["suppression"]["complementary"] > 0

    # the checker is not toothless: with primary suppression only, small cells can be worked out
    naive = {c: (None if expected[c] < 3 else expected[c]) for c in expected}
    assert derivable(naive) & small


def test_wide_tables_are_slices_of_the_suppressed_cube(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    rows = make_fixture(60)
    engine = store_fixture(sqlite_url, rows)
    export(engine, tmp_path, formats=["csv"], period="quarter")
    long = {tuple(r[d] for d in DIMS): r["reports"] for r in read_long(tmp_path / "themes_long.csv")}
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
    assert sig_rows[0]["reason"] == "'-2+3 kasvaa" and sig_rows[0]["keywords"] == "'+cmd;sähkö"
    wb = load_workbook(tmp_path / "signaali_tables.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c for c in cells if c.data_type == "f" or c.value.startswith(("=", "+", "-", "@"))]
    assert any(c.value == "'=HYPERLINK(\"http://evil\",\"x\")" for c in cells)


def test_xlsx_and_parquet_hold_the_same_tables(sqlite_url: str, tmp_path: Path) -> None:
    import pandas as pd
    from openpyxl import load_workbook

    from pipeline.export import export

    engine = store_fixture(sqlite_url, make_fixture(40))
    manifest = export(engine, tmp_path, formats="csv,xlsx,parquet", period="quarter")
    wb = load_workbook(tmp_path / "signaali_tables.xlsx")
    assert wb.sheetnames[:2] == ["Teemat (pitkä)", "Teemat jaksoittain"] and len(wb.sheetnames) == 6
    ws = wb["Teemat (pitkä)"]
    assert [c.value for c in ws[1]] == ["Jakso", "Teema", "Alue", "Kohderyhmä", "Ilmiön tyyppi", "Raportteja",
                                        "Osuus"]
    assert all(ws.column_dimensions[col].width and ws.column_dimensions[col].width > 5 for col in "ABCDEFG")
    assert ws.max_row - 1 == manifest["row_counts"]["themes_long"]
    long_csv = pd.read_csv(tmp_path / "themes_long.csv", dtype=str, keep_default_na=False)
    long_pq = pd.read_parquet(tmp_path / "themes_long.parquet")
    assert len(long_pq) == len(long_csv)
    assert list(long_pq["reports"].astype(str)) == list(long_csv["reports"])
    assert {p.name for p in tmp_path.glob("*.parquet")} >= {"themes_long.parquet", "signals.parquet",
                                                           "themes_by_area.parquet"}


def test_manifest_names_run_models_and_row_counts(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    run = {"run_id": "run-42", "models": {"lemmatizer": "spacy-fi:3.8", "embedder": "e5-small@abc",
                                          "topic_model": "bertopic-v3", "vocabulary": "themes-v2"}}
    engine = store_fixture(sqlite_url, make_fixture(30), run=run)
    export(engine, tmp_path, formats=["csv"], period="year", date_from="2024-02-01", date_to="31.10.2024")
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run_id"] == "run-42" and manifest["models"]["embedder"] == "e5-small@abc"
    assert manifest["vocabulary_version"] == "themes-v2"
    assert manifest["parameters"]["date_from"] == "2024-02-01" and manifest["parameters"]["date_to"] == "2024-10-31"
    assert manifest["suppression"]["marker"] == "<3"
    assert manifest["row_counts"]["themes_long"] == len(read_long(tmp_path / "themes_long.csv"))
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
