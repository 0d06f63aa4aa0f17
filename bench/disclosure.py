"""Disclosure control benchmark: the default published table set on the demo data and a seeded 5,000-report set.

For each data set and method (``joint`` = this export's MILP protection, ``today`` = the suppression shipped before
issue 17, run on the same published cells, ``primary-only`` = hide cells below N and nothing else) it prints cells
published, hidden (primary / secondary), reports in hidden cells, hidden cells a reader can pin down (the reader
model of ``pipeline/export/suppression.py``: an alternative table must exist for every hidden cell) and false
``<N`` markers (a cell >= N flagged ``<N``). Then:
- on small instances, the joint method's hidden cells against the exact joint optimum (``exact_minimum``), both
  with the exact start switched off (``joint-seq`` = the sequential heuristic alone) and on (``joint``);
- the time of a CSV+XLSX export of the tables at 5,000 reports, joint vs primary-only, in the same run;
- incremental: protecting after a nightly run added the last two weeks, from the previous pattern vs afresh.

Usage: .venv/bin/python bench/disclosure.py [--quick]     (writes bench/results/disclosure.json)

Demo data: ``data/sample/raportit_2024.csv`` + ``raportit_2025.csv`` (186 reports) with their dimensions as ingested;
themes from ``labels_reviewed.csv`` where it has them (40), else the vocabulary's keyword rules on the text (1-3
themes by hits; a stand-in for the model, which needs the full pipeline). The 5,000 set: ``bench/generate.py``
seed 1 with its ground-truth themes.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import types
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from pipeline.export import suppression as S  # noqa: E402
from pipeline.export.cube import build_cells  # noqa: E402
from pipeline.export.records import CountedReport, _stem_hits  # noqa: E402
from pipeline.export.tables import parse_tables  # noqa: E402

LEGACY_COMMIT = "69adf35"  # the last commit with the previous suppression (pipeline/export/suppression.py)
SPECS = parse_tables(None)
TABLES = [s.dims for s in SPECS]


# --- data ----------------------------------------------------------------------------------------------------------


def _vocabulary() -> dict[str, list[str]]:
    import yaml

    data = yaml.safe_load((ROOT / "pipeline" / "themes" / "vocabulary.yaml").read_text(encoding="utf-8"))
    return {k: [str(w).lower() for w in v.get("keywords", [])] for k, v in data["themes"].items()
            if not v.get("retired")}


def demo_records() -> list[CountedReport]:
    from pipeline.ingest.readers import read_rows
    from pipeline.ingest.validate import validate_row
    from pipeline.export.records import _WORD

    reviewed = {}
    with open(ROOT / "data/sample/labels_reviewed.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            reviewed[row["report_id"]] = [t for t in row["themes"].split(";") if t]
    vocab = _vocabulary()
    out = []
    for name in ("raportit_2024.csv", "raportit_2025.csv"):
        path = ROOT / "data/sample" / name
        for row_no, raw in read_rows(path):
            rec = validate_row(raw, str(path), row_no)
            if not hasattr(rec, "report_id"):
                continue
            themes = reviewed.get(rec.report_id)
            if not themes:
                words = [w.lower() for w in _WORD.findall(" ".join((rec.observation, rec.client_voice, rec.proposal)))]
                hits = Counter({t: sum(1 for w in words for s in stems if _stem_hits(s, w)) for t, stems in vocab.items()})
                themes = [t for t, k in hits.most_common(3) if k > 0] or []
                if rec.phenomenon_type == "positiivinen" and "good_practice" not in themes:
                    themes = (themes[:2] + ["good_practice"])
            out.append(CountedReport(rec.report_id, rec.submitted, list(rec.area), rec.target_group,
                                    rec.phenomenon_type, themes))
    return out


def generated_records(n: int, seed: int) -> list[CountedReport]:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    out = []
    for r in gen.generate(n, seed, with_themes=True):
        themes = [t for t in r["themes"].split(";") if t and t != "new"]
        out.append(CountedReport(r["report_id"], date.fromisoformat(r["submitted"]),
                                [a.strip() for a in r["area"].split(";") if a.strip()], r["target_group"],
                                r["phenomenon_type"], themes))
    return out


# --- methods -------------------------------------------------------------------------------------------------------


def legacy_suppress():
    """The suppression shipped before issue 17, loaded from git (its cube module too, for ``relations``)."""
    cube_src = subprocess.run(["git", "-C", str(ROOT), "show", f"{LEGACY_COMMIT}:pipeline/export/cube.py"],
                              capture_output=True, text=True, check=True).stdout
    supp_src = subprocess.run(["git", "-C", str(ROOT), "show", f"{LEGACY_COMMIT}:pipeline/export/suppression.py"],
                              capture_output=True, text=True, check=True).stdout
    if "legacy_suppression" in sys.modules:
        return sys.modules["legacy_suppression"].suppress
    cube_mod = types.ModuleType("legacy_cube")
    exec(compile(cube_src, "legacy_cube.py", "exec"), cube_mod.__dict__)
    sys.modules["legacy_cube"] = cube_mod
    supp_mod = types.ModuleType("legacy_suppression")
    sys.modules["legacy_suppression"] = supp_mod
    supp_mod.__dict__["__name__"] = "legacy_suppression"
    exec(compile(supp_src.replace("from pipeline.export.cube import", "from legacy_cube import"),
                 "legacy_suppression.py", "exec"), supp_mod.__dict__)
    return supp_mod.suppress


def derivable(cells: dict, hidden: set, primary: set, bounded: set, n: int) -> int:
    """Hidden cells no alternative table can move (the reader model of pipeline.export.suppression)."""
    m = S._Model.build(cells)
    idx = {c: i for i, c in enumerate(m.cells)}
    h = np.zeros(len(m.cells), dtype=bool)
    b = np.zeros(len(m.cells), dtype=bool)
    for c in hidden:
        h[idx[c]] = True
    for c in bounded:
        b[idx[c]] = True
    audit = S._audit(m, h, b, n, [], 10.0)
    return audit["pinned"]


def summarise(cells: dict, hidden: set, primary: set, flagged_lt: set, n: int, seconds: float) -> dict:
    return {
        "cells": len(cells), "published": len(cells) - len(hidden), "hidden": len(hidden),
        "hidden_primary": len(primary & hidden), "hidden_secondary": len(hidden - primary),
        "reports_in_hidden_cells": int(sum(cells[c] for c in hidden)),
        "false_lt_markers": sum(1 for c in flagged_lt if cells[c] >= n),
        "derivable_hidden_cells": derivable(cells, hidden, primary, flagged_lt & primary, n),
        "seconds": round(seconds, 3),
    }


def run_methods(cells: dict, n: int = 3) -> dict:
    out = {}
    t = time.perf_counter()
    p = S.protect(cells, n)
    sec = time.perf_counter() - t
    out["joint"] = summarise(cells, p.hidden, p.primary, p.primary - p.downgraded, n, sec)
    out["joint"]["primary_flagged_dots"] = len(p.downgraded)
    out["joint"]["solver"] = {k: v for k, v in p.stats.items() if not k.startswith("seconds")}
    legacy = legacy_suppress()
    logging.disable(logging.WARNING)
    t = time.perf_counter()
    old = legacy(dict(cells), n)
    sec = time.perf_counter() - t
    logging.disable(logging.NOTSET)
    # today's method flags every hidden cell "<N"
    out["today"] = summarise(cells, set(old.suppressed), set(old.primary), set(old.suppressed), n, sec)
    t = time.perf_counter()
    po = S.primary_only(cells, n)
    out["primary-only"] = summarise(cells, po.hidden, po.primary, po.primary, n, time.perf_counter() - t)
    return out


def small_instances(quick: bool) -> list[dict]:
    out = []
    cases = [(30, 1), (40, 2)] if quick else [(30, 1), (40, 2), (50, 3), (60, 4)]
    for size, seed in cases:
        recs = generated_records(size, seed)
        cells = build_cells(recs, TABLES, "year")
        ex = S.exact_minimum(cells, 3, time_limit=60)
        seq = S.protect(cells, 3, exact="never")
        joint = S.protect(cells, 3)
        row = {"reports": size, "seed": seed, "period": "year", "cells": len(cells), "primary": len(seq.primary),
               "exact_hidden": ex["hidden"], "exact_optimal": ex["optimal"], "exact_seconds": ex["seconds"],
               "joint_seq_hidden": len(seq.hidden), "joint_hidden": len(joint.hidden),
               "joint_audit_pinned": joint.audit["pinned"]}
        if ex["hidden"]:
            row["joint_seq_excess"] = round(len(seq.hidden) / ex["hidden"] - 1, 3)
            row["joint_excess"] = round(len(joint.hidden) / ex["hidden"] - 1, 3)
        out.append(row)
        print(f"  small n={size:<4} cells {len(cells):<4} primary {len(seq.primary):<3} exact {ex['hidden']} "
              f"({'optimal' if ex['optimal'] else 'time limit'}, {ex['seconds']} s)  sequential {len(seq.hidden)}  "
              f"joint {len(joint.hidden)}")
    return out


def export_times(recs: list[CountedReport]) -> dict:
    """CSV + XLSX export of the default tables from records (counting, protection, writing), joint vs primary-only."""
    from pipeline.export.bundle import ExportBundle
    from pipeline.export.labels import ThemeLabels
    from pipeline.export.writers import WRITERS

    out = {}
    for name, method in (("primary-only", S.primary_only), ("joint", S.protect)):
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            cells = build_cells(recs, TABLES, "quarter")
            prot = method(cells, 3)
            bundle = ExportBundle(cells=cells, protection=prot, specs=SPECS, records=recs, signals=[],
                                  labels=ThemeLabels(), keywords={}, run={})
            WRITERS["csv"](bundle, Path(tmp))
            WRITERS["xlsx"](bundle, Path(tmp))
            out[name] = round(time.perf_counter() - t, 3)
    out["ratio"] = round(out["joint"] / max(out["primary-only"], 1e-9), 2)
    return out


def incremental(recs: list[CountedReport]) -> dict:
    last = max(r.submitted for r in recs)
    cut = date.fromordinal(last.toordinal() - 14)
    before = [r for r in recs if r.submitted <= cut]
    cells0 = build_cells(before, TABLES, "quarter")
    p0 = S.protect(cells0, 3)
    cells1 = build_cells(recs, TABLES, "quarter")
    t = time.perf_counter()
    fresh = S.protect(cells1, 3)
    t_fresh = time.perf_counter() - t
    t = time.perf_counter()
    inc = S.protect(cells1, 3, previous=p0.hidden)
    t_inc = time.perf_counter() - t
    changed = sum(1 for c, v in cells1.items() if cells0.get(c) != v)
    return {"reports_added": len(recs) - len(before), "cells": len(cells1), "cells_changed": changed,
            "fresh": {"seconds": round(t_fresh, 3), "hidden": len(fresh.hidden), "pinned": fresh.audit["pinned"]},
            "incremental": {"seconds": round(t_inc, 3), "hidden": len(inc.hidden), "pinned": inc.audit["pinned"],
                            "kept_from_previous": len(p0.hidden & set(cells1))},
            "previously_hidden_now_published_if_fresh": len((p0.hidden & set(cells1)) - fresh.hidden)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer small instances")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    result: dict = {"tables": [s.token for s in SPECS], "min_cell": 3, "cpu_count": os.cpu_count(),
                    "load_avg": os.getloadavg()[0], "datasets": {}}
    for label, recs, period in (("demo", demo_records(), "quarter"),
                                ("generated_5000", generated_records(5000, 1), "quarter")):
        cells = build_cells(recs, TABLES, period)
        res = run_methods(cells)
        result["datasets"][label] = {"reports": len(recs), "period": period, "methods": res}
        print(f"\n{label}: {len(recs)} reports, {len(cells)} published cells ({period})")
        print(f"  {'method':<13}{'published':>10}{'primary':>9}{'second.':>9}{'reports hid.':>13}"
              f"{'derivable':>10}{'false <N':>9}{'s':>8}")
        for name, r in res.items():
            print(f"  {name:<13}{r['published']:>10}{r['hidden_primary']:>9}{r['hidden_secondary']:>9}"
                  f"{r['reports_in_hidden_cells']:>13}{r['derivable_hidden_cells']:>10}{r['false_lt_markers']:>9}"
                  f"{r['seconds']:>8}")
    print("\nsmall instances (exact joint optimum vs the method):")
    result["small_instances"] = small_instances(args.quick)
    big = generated_records(5000, 1)
    result["export_seconds_5000"] = export_times(big)
    print(f"\nexport at 5,000 reports (CSV+XLSX): {result['export_seconds_5000']}")
    result["incremental_5000"] = incremental(big)
    print(f"incremental at 5,000 reports: {result['incremental_5000']}")
    path = ROOT / "bench" / "results" / "disclosure.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
