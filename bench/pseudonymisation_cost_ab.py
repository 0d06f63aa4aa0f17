"""Cost ratio (pseudonymisation + lemmas) / lemmas for pseudonymise.v4 and v5, alternating, two rounds each, on the dev reports (round 0 pays first-use caches).

Usage: .venv/bin/python bench/pseudonymisation_cost_ab.py  (writes bench/results/pseudonymisation_v5_cost_ab.json)
"""
import csv, json, os, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent)); sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pseudonymisation as bench
from pipeline.pseudonymise import Pseudonymiser
texts = [bench.report_text(r["observation"], r["client_voice"], r["proposal"]) for r in csv.DictReader(open(bench.SHARED / "reports_dev.csv", encoding="utf-8", newline=""))]
out = {"load_average_at_start": os.getloadavg(), "runs": []}
for rnd in range(2):
    for v in ("v4", "v5"):
        r = bench.cost_ratio(texts, Pseudonymiser(version=v)); r["round"] = rnd; out["runs"].append(r); print(r, os.getloadavg(), flush=True)
out["load_average_at_end"] = os.getloadavg()
json.dump(out, open("bench/results/pseudonymisation_v5_cost_ab.json", "w"), indent=2)
