"""Prefect artifacts of a nightly run, written for an analyst: what came in, which themes, which signals, where the
report is, and the published theme table.

`nightly_artifacts` builds the contents (plain data, testable without Prefect); `publish` hands them to Prefect.
The theme table comes from the export's published ``themes_long.csv`` (small cells already hidden), never from raw
counts.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

MAX_LISTED = 50


def _published_theme_totals(out_dir: str | None) -> list[dict[str, str]]:
    """Theme rows over all areas, target groups and phenomenon types from the published ``themes_long.csv``."""
    path = Path(out_dir or "") / "themes_long.csv"
    if not out_dir or not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    keep = [r for r in rows if r.get("area") == "all" and r.get("target_group") == "all"
            and r.get("phenomenon_type") == "all"]
    out = []
    for r in keep:
        reports, flag = r.get("reports", ""), r.get("flag", "")
        if reports and not reports.isdigit():  # an export that marks a hidden cell in the count column ("<3")
            reports, flag = "", flag or reports
        out.append({"period": r["period"], "theme": r["theme"], "reports": reports, "share": r.get("share", ""),
                    "flag": flag})
    return out


def nightly_artifacts(engine: Any, record: dict[str, Any], processed_ids: list[str]) -> dict[str, Any]:
    """The artifacts of one nightly run.

    Arguments:
        engine: the run's store.
        record: the run record (DESIGN §8 keys, plus ``report`` and ``out_dir``).
        processed_ids: ids of the reports this run themed (new, or never themed before).

    Returns:
        ``markdown`` (summary text), ``theme_table`` (rows of the published theme table: period, theme, reports,
        share, flag), ``report_link`` (file URI of the HTML report or ``None``).
    """
    from pipeline.store import queries
    from pipeline.themes.vocabulary import load_vocabulary

    labels = {t.key: t.label_fi for t in load_vocabulary().themes}
    with engine.connect() as conn:
        themes = queries.effective_themes(conn, processed_ids) if processed_ids else {}
        import datetime as dt

        flagged = [s for s in queries.signal_rows(conn, dt.date.fromisoformat(record["as_of"]))
                   if s["status"] != "noise"]
    top = Counter(t for ts in themes.values() for t in ts).most_common(10)
    listed = ", ".join(f"`{i}`" for i in processed_ids[:MAX_LISTED])
    more = f" … and {len(processed_ids) - MAX_LISTED} more" if len(processed_ids) > MAX_LISTED else ""
    lines = [
        f"# Nightly run {record['run_id']} (as of {record['as_of']})", "",
        f"- reports seen: {record.get('reports_seen', 0)}, **new: {record.get('reports_new', 0)}**, "
        f"processed: {record.get('reports_processed', 0)}, quarantined: {record.get('quarantined', 0)}, "
        f"duplicates: {record.get('duplicates', 0)}",
        f"- processed reports: {listed or 'none'}{more}", "",
        "## Top themes of the processed reports", "",
    ]
    if top:
        lines += ["| theme | reports |", "|---|---|"] + [f"| {labels.get(k, k)} (`{k}`) | {n} |" for k, n in top]
    else:
        lines.append("no reports processed in this run")
    lines += ["", f"## Flagged signals ({len(flagged)})", ""]
    if flagged:
        lines += ["| status | reports | keywords | reason |", "|---|---|---|---|"]
        lines += [f"| {s['status']} | {len(s['report_ids'])} | {', '.join(map(str, s['keywords'][:8]))} | "
                  f"{str(s['reason']).replace('|', '/')} |" for s in flagged]
    else:
        lines.append("no signal flagged")
    report = record.get("report")
    link = Path(report).resolve().as_uri() if report else None
    lines += ["", f"HTML report: {link or '–'}"]
    return {"markdown": "\n".join(lines) + "\n", "theme_table": _published_theme_totals(record.get("out_dir")),
            "report_link": link}


def publish(engine: Any, record: dict[str, Any], processed_ids: list[str]) -> dict[str, Any]:
    """Create the run's Prefect artifacts (summary markdown, timings and theme tables, a link to the report)."""
    from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

    built = nightly_artifacts(engine, record, processed_ids)
    create_table_artifact(key="nightly-timings",
                          table=[{"step": k, "seconds": v} for k, v in record["timings_s"].items()],
                          description="Seconds per step of the nightly run")
    models = "\n".join(f"- {k}: `{v}`" for k, v in record.get("models", {}).items())
    create_markdown_artifact(key="nightly-summary", markdown=built["markdown"] + f"\n## Models\n{models}\n",
                             description="Nightly run: new reports, themes, flagged signals")
    if built["theme_table"]:
        create_table_artifact(key="nightly-theme-table", table=built["theme_table"],
                              description="Published theme table (small cells hidden: empty reports, flag <N or ..)")
    if built["report_link"]:
        create_link_artifact(key="nightly-report", link=built["report_link"], link_text="HTML report",
                             description="The run's HTML report")
    return built
