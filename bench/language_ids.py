"""Language ids with Swedish/English simplemma dictionaries read lazily (`pipeline.lemmas.dictionary.LazyDictionary`)
against loading them whole (the way before): agreement on every report text in the repo's samples, the shared dev
corpus and a generated bench corpus, and the cost of identifying five reports in a fresh process.

Run: ``.venv/bin/python bench/language_ids.py`` -> ``bench/results/language_ids.json``.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_TEXT_COLUMNS = (("Havainto", "Asiakkaan ääni", "Ratkaisuehdotus"), ("observation", "client_voice", "proposal"))


def report_texts() -> dict[str, list[str]]:
    """Report texts by source: the repo's sample CSVs, the shared dev corpus and 1,000 generated reports."""
    from bench.generate import generate
    from pipeline.text import report_text

    out: dict[str, list[str]] = {}
    paths = sorted((ROOT / "data" / "sample").glob("*.csv")) + [ROOT.parent / "shared" / "data" / "reports_dev.csv"]
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="", errors="replace") as fh:
            rows = list(csv.DictReader(fh))
        for cols in _TEXT_COLUMNS:
            if rows and all(c in rows[0] for c in cols):
                out[path.name] = [report_text(*(r[c] or "" for c in cols)) for r in rows]
    out["generated_1000"] = [report_text(r["observation"], r["client_voice"], r["proposal"])
                             for r in generate(1000, seed=1)]
    return out


def child(mode: str, n: int | None) -> None:
    """Print the language id of each text (all, or the first `n` of the dev corpus) and the seconds it took."""
    from pipeline.lemmas import dictionary

    if mode == "whole":
        dictionary.LAZY_LANGUAGES = frozenset()
    texts = report_texts()
    if n is not None:
        texts = {"reports_dev.csv": texts["reports_dev.csv"][:n]}
    from pipeline.language import detect_language

    t0 = time.perf_counter()
    ids = {k: [detect_language(t) for t in v] for k, v in texts.items()}
    print(json.dumps({"seconds": time.perf_counter() - t0, "ids": ids}))


def run(mode: str, n: int | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", mode] + ([str(n)] if n else [])
    res = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT, env=os.environ)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> int:
    whole, lazy = run("whole"), run("lazy")
    agreement = {k: {"texts": len(v), "same": sum(a == b for a, b in zip(v, lazy["ids"][k])),
                     "non_fi": sum(a != "fi" for a in v)} for k, v in whole["ids"].items()}
    # Alternate the two ways in fresh processes: identifying 5 reports, what a nightly increment pays.
    five: dict[str, list[float]] = {"whole": [], "lazy": []}
    for _ in range(3):
        for mode in ("whole", "lazy"):
            five[mode].append(round(run(mode, 5)["seconds"], 3))
    out = {"agreement": agreement, "all_identical": all(a["same"] == a["texts"] for a in agreement.values()),
           "seconds_all_texts": {"whole": round(whole["seconds"], 2), "lazy": round(lazy["seconds"], 2)},
           "seconds_5_reports_fresh_process": five, "load_avg": os.getloadavg()}
    path = ROOT / "bench" / "results" / "language_ids.json"
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else None)
    else:
        sys.path.insert(0, str(ROOT))
        raise SystemExit(main())
