"""A nightly export with the kept report words (`pipeline.export.records._report_words`) against the code before
(every report's lemmas read): the same store and previous export folder, each export in a fresh process,
alternating, and the CSV/HTML they write compared byte for byte (the HTML without its own time stamps).

Run: ``.venv/bin/python bench/export_keywords_ab.py --store DB --before TREE`` (TREE: a checkout of the code before,
e.g. ``git archive 9338961``) -> ``bench/results/export_keywords_ab.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from pipeline.export import export
from pipeline.store import get_engine
import pipeline.export.records as rec
spent = {}
real = rec.theme_keywords
def timed(*a, **k):
    t = time.perf_counter(); out = real(*a, **k); spent["theme_keywords_s"] = time.perf_counter() - t; return out
import pipeline.export as ex
ex.theme_keywords = timed
t1 = time.perf_counter()
m = export(get_engine(sys.argv[1]), sys.argv[2], formats=["csv", "html"], period="quarter")
print(json.dumps({"export_s": time.perf_counter() - t1, "import_s": t1 - t0, **spent,
                  "reports": m.get("reports_counted")}))
"""


def run(tree: Path, db: Path, out: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    res = subprocess.run([sys.executable, "-c", CHILD, f"sqlite:///{db}", str(out)], capture_output=True, text=True,
                         env=env, cwd=str(tree), check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True, help="a SQLite store with lemmas and themes")
    ap.add_argument("--before", type=Path, required=True, help="a checkout of the code before the change")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="export-ab-"))
    trees = {"before": args.before, "kept_words": ROOT}
    base = work / "base"
    base.mkdir()
    shutil.copy(args.store, base / "store.db")
    run(ROOT, base / "store.db", base / "out")  # last night's export (and, for the new code, its kept words)
    times: dict[str, list[dict]] = {k: [] for k in trees}
    outs: dict[str, Path] = {}
    for i in range(args.rounds):
        for name, tree in trees.items():
            d = work / f"{name}-{i}"
            shutil.copytree(base, d)  # the same store, previous export and kept files each time
            times[name].append(run(tree, d / "store.db", d / "out"))
            outs[name] = d / "out"

    def body(p: Path) -> bytes:
        b = p.read_bytes()
        return re.sub(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?(\.\d+)?(\+00:00|Z)?", b"<time>", b) \
            if p.suffix == ".html" else b

    files = sorted(p.name for p in outs["before"].iterdir() if p.suffix in (".csv", ".html"))
    same = {f: body(outs["before"] / f) == body(outs["kept_words"] / f) for f in files}
    doc = {"store": str(args.store), "times": times, "identical_files": same, "all_identical": all(same.values()),
           "load_avg": os.getloadavg()}
    (ROOT / "bench" / "results" / "export_keywords_ab.json").write_text(json.dumps(doc, indent=2) + "\n")
    print(json.dumps(doc, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
