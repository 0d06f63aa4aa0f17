"""The nightly run's Prefect artifacts as an analyst reads them: counts and which reports were new, top themes,
flagged signals, a link to the HTML report, and the published (suppressed) theme table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa

from flows.artifacts import nightly_artifacts
from pipeline.export import export
from pipeline.store.schema import signals
from pipeline.themes.vocabulary import load_vocabulary
from test_review import seed_store


def test_artifacts_say_what_came_in_and_what_was_flagged(tmp_path: Path) -> None:
    engine = seed_store(f"sqlite:///{tmp_path / 's.db'}")
    with engine.begin() as c:
        for sid, status, reason in (("S-1", "weak", "new and growing"), ("S-2", "noise", "small, not rising")):
            c.execute(sa.insert(signals).values(signal_id=sid, as_of=date(2025, 3, 31), status=status,
                                                report_ids=["R-1", "R-3"], keywords=["jono", "ahdistus"],
                                                first_seen=date(2025, 2, 5), growth=0.5, popularity=1.0,
                                                reason=reason))
    out = tmp_path / "out"
    manifest = export(engine, out, formats="csv,html", period="year")
    record = {"run_id": "nightly-1", "as_of": "2025-03-31", "reports_seen": 6, "reports_new": 6,
              "reports_processed": 6, "quarantined": 0, "duplicates": 0, "timings_s": {},
              "report": str(out / "report.html"), "out_dir": str(out)}
    built = nightly_artifacts(engine, record, ["R-1", "R-2", "R-3", "R-4", "R-5", "R-6"])
    md = built["markdown"]
    label = next(t.label_fi for t in load_vocabulary().themes if t.key == "mental_health")
    assert "**new: 6**" in md and "`R-4`" in md
    assert f"| {label} (`mental_health`) | 3 |" in md
    assert "| weak | 2 | jono, ahdistus | new and growing |" in md and "small, not rising" not in md
    assert built["report_link"].startswith("file://") and built["report_link"].endswith("report.html")
    table = built["theme_table"]
    assert table and {r["theme"] for r in table} >= {"mental_health"}
    min_cell = manifest["suppression"]["min_cell"]
    for r in table:  # published cells only: a small count is never shown
        assert r["reports"] == "" or int(r["reports"]) >= min_cell, r
    assert any(r["flag"] for r in table)  # the seed's single-report themes are hidden
