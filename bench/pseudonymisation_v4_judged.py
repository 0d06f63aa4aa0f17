"""pseudonymise.v4 against v3 on the judged sets, aggregates only: false placeholders per 1,000 sentences of the three
UD test files and person recall / keep on bench/data/independent/pii_d. Run once with the final v4 code.

Usage:
    .venv/bin/python bench/pseudonymisation_v4_judged.py [--out bench/results/pseudonymisation_v4_judged.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pseudonymisation as bench  # noqa: E402

from pipeline.pseudonymise import Pseudonymiser  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--out", type=Path, default=bench.ROOT / "bench" / "results" / "pseudonymisation_v4_judged.json")
    args = ap.parse_args(argv)
    out: dict = {}
    for version in ("v3", "v4"):
        p = Pseudonymiser(version=version)
        ud = bench.eval_ud(bench.SHARED / "ud", p, test=True)
        ind = bench.eval_independent(bench.ROOT / "bench" / "data" / "independent" / "pii_d" / "cases.jsonl", p)
        # Aggregates only: the judged sets' individual hits are never printed or stored.
        out[version] = {
            "detector": p.id,
            "ud_test": {k: {x: y for x, y in v.items() if x != "false_placeholder_examples"}
                        for k, v in ud["test"].items()},
            "ud_test_all": ud["test_all"],
            "pii_d": {k: ind[k] for k in ("recall", "keep", "per_kind", "per_language") if k in ind},
        }
        print(version, "UD test all", ud["test_all"], "pii_d recall", ind["recall"], "keep", ind["keep"].get("kept"),
              flush=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
