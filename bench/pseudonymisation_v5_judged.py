"""pseudonymise.v5 against v4 on the judged sets, aggregates only: false placeholders per 1,000 sentences of the three
UD test files and recall / keep on bench/data/independent/pii_d (per kind, language, tradition); then the cost ratio
(pseudonymisation + lemmas) / lemmas with v5 on ../shared/data/reports_dev.csv. Run once with the final v5 code.

Usage:
    .venv/bin/python bench/pseudonymisation_v5_judged.py [--out bench/results/pseudonymisation_v5_judged.json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pseudonymisation as bench  # noqa: E402

from pipeline.pseudonymise import Pseudonymiser  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--out", type=Path, default=bench.ROOT / "bench" / "results" / "pseudonymisation_v5_judged.json")
    args = ap.parse_args(argv)
    out: dict = {"load_average_at_start": os.getloadavg()}
    for version in ("v4", "v5"):
        p = Pseudonymiser(version=version)
        ud = bench.eval_ud(bench.SHARED / "ud", p, test=True)
        ind = bench.eval_independent(bench.ROOT / "bench" / "data" / "independent" / "pii_d" / "cases.jsonl", p)
        # Aggregates only: the judged sets' individual hits are never printed or stored.
        out[version] = {
            "detector": p.id,
            "ud_test": {k: {x: y for x, y in v.items() if x != "false_placeholder_examples"}
                        for k, v in ud["test"].items()},
            "ud_test_all": ud["test_all"],
            "pii_d": {k: ind[k] for k in ("recall", "kind_exact", "keep", "keep_per_kind", "per_kind",
                                          "per_language", "per_tradition") if k in ind},
        }
        person = ind["per_kind"].get("person", {})
        print(version, "UD test all", ud["test_all"], "pii_d recall", ind["recall"], "person",
              f"{person.get('removed')}/{person.get('spans')}", "keep", ind["keep"].get("kept"), flush=True)
        for name, u in out[version]["ud_test"].items():
            print("  ", name, u["false_placeholders_per_1000_sentences"], flush=True)
        print("  ", {k: f"{v['removed']}/{v['spans']}" for k, v in ind["per_language"].items()}, flush=True)
    with (bench.SHARED / "reports_dev.csv").open(encoding="utf-8", newline="") as fh:
        texts = [bench.report_text(r["observation"], r["client_voice"], r["proposal"]) for r in csv.DictReader(fh)]
    out["cost_v5"] = bench.cost_ratio(texts, Pseudonymiser(version="v5"))
    out["load_average_at_end"] = os.getloadavg()
    print("cost", out["cost_v5"], flush=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
