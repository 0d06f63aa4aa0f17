"""The HTML report: self-contained, escaped, suppression respected, examples without placeholders, and it renders
in headless Chromium with its charts (screenshot kept under test-artifacts/)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from test_export import make_fixture, store_fixture

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


def _report_fixture(sqlite_url: str) -> tuple:
    rows = make_fixture(80, seed=3)
    # a theme with a single report: its count is hidden and so are its examples
    rows[0]["themes"] = ["workforce"]
    rows[1]["observation"] = "Asiakas <script>alert('x')</script> kertoi, että [NIMI] soitti numeroon [PUHELIN]."
    rows[1]["themes"] = ["mental_health"]
    sig = {"signal_id": "S-7", "run_id": "run-9", "as_of": date(2025, 1, 1), "status": "weak",
           "report_ids": [rows[5]["report_id"], rows[6]["report_id"]], "keywords": ["sähkölasku", "pörssisähkö"],
           "first_seen": date(2024, 11, 1), "growth": 2.0, "popularity": 0.1, "reason": "uusi ja kasvava ryhmä"}
    run = {"run_id": "run-9", "models": {"lemmatizer": "simplemma-1.1", "embedder": "e5-small-q4",
                                         "topic_model": "bertopic-20250101", "vocabulary": "vocab-7"}}
    return rows, store_fixture(sqlite_url, rows, signal_rows=[sig], run=run)


def test_report_is_self_contained_escaped_and_suppressed(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    rows, engine = _report_fixture(sqlite_url)
    export(engine, tmp_path, formats=["csv", "html"], period="quarter")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    # offline: no external script, stylesheet or font
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", page)
    charts = page.count('class="plotly-graph-div"')
    assert "Plotly" in page and charts == 9  # one per 1- and 2-way table of the default set
    # every chart says how many of its cells (and reports) are hidden
    assert page.count('class="meta hidden-note"') == charts
    # every theme has its bar in the theme chart: a hidden one is drawn hatched with its marker, not left out
    theme_chart = page[page.index('id="chart-themes_total"'): page.index("</section>", page.index('id="chart-themes_total"'))]
    for theme in {t for r in rows for t in r["themes"]}:
        assert f"all|{theme}|all|all|all" in theme_chart, theme
    assert '"shape":"\\u002f"' in page  # hatched bars for hidden cells
    # per-target-group sections with observations (DESIGN §10)
    assert 'id="groups"' in page and "Havaintoja" in page
    assert "<script>alert('x')</script>" not in page
    assert "Teemojen yleisyys" in page and "Heikot signaalit" in page and "vocab-7" in page
    # the single-report theme shows <3 and no examples
    section = page[page.index('id="theme-workforce"'):]
    section = section[: section.index("</article>")]
    assert ("&lt;3" in section or "..") and "<blockquote>" not in section
    # quotes come from reports without placeholders while there are enough of them
    assert "[NIMI]" not in page.split('id="signals"')[0]
    # signals with their reports
    assert "S-7" in page and rows[5]["report_id"] in page and "pörssisähkö" in page
    # no visible count below 3 in the theme table
    table = page[page.index('id="theme-table"'): page.index('id="themes"')]
    counts = re.findall(r'<td class="num"[^>]*>(\d+)</td>', table)
    assert counts and all(int(c) >= 3 for c in counts)


def test_report_in_english(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    _, engine = _report_fixture(sqlite_url)
    export(engine, tmp_path, formats=["html"], period="year", lang="en")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Theme frequencies" in page and "Weak signals" in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium not installed (apt-get install -y chromium)")
def test_report_renders_charts_in_headless_chromium(sqlite_url: str, tmp_path: Path) -> None:
    from pipeline.export import export

    _, engine = _report_fixture(sqlite_url)
    export(engine, tmp_path, formats=["html"], period="quarter")
    url = (tmp_path / "report.html").resolve().as_uri()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report_first_screen.png"
    shot.unlink(missing_ok=True)
    base = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--enable-logging=stderr", f"--user-data-dir={tmp_path / 'chrome'}", "--virtual-time-budget=15000"]
    dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    # plotly drew every chart (one main-svg per chart at least) and no error text reached the page
    assert html.count('class="main-svg"') >= 9
    assert len(re.findall(r'id="chart\d+"', html)) == 9
    visible = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert not re.search(r"Uncaught|ReferenceError|TypeError|Error:", visible)
    assert "Uncaught" not in dom.stderr  # console errors (with --enable-logging=stderr)
    res = subprocess.run([*base, f"--screenshot={shot}", "--window-size=1280,3200", url], capture_output=True,
                         text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 20_000
