"""The pseudonymiser on the TUNING sets only, for the tuning loop: person recall on independent pii, pii_b, pii_c and
bench/data/pii_dev, false placeholders on UD TDT dev and the prose tuning set (themes_a/b/c + reports_dev). Prints a
summary and writes the individual misses and false placeholders of these tuning sets to --examples (never the judged
sets pii_d and the UD test files).

Usage:
    .venv/bin/python bench/pseudonymisation_tune.py --version v5 [--sets pii,pii_b,pii_c,pii_dev,ud_dev,prose]
        [--examples /tmp/tune_v5.txt] [--out bench/results/pseudonymisation_v5_tuning.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pseudonymisation as bench  # noqa: E402

from pipeline.pseudonymise import Pseudonymiser  # noqa: E402

TUNING = ("pii", "pii_b", "pii_c", "pii_dev", "ud_dev", "prose")


def run(version: str, sets: list[str]) -> tuple[dict, list[str]]:
    """Summary figures per tuning set and the example lines (misses, destroyed keeps, false placeholders)."""
    p = Pseudonymiser(version=version)
    out: dict = {"detector": p.id}
    lines: list[str] = []
    for name in sets:
        t0 = time.perf_counter()
        if name in ("pii", "pii_b", "pii_c"):
            bench.MAX_EXAMPLES = 10_000
            r = bench.eval_independent(bench.ROOT / "bench" / "data" / "independent" / name / "cases.jsonl", p)
            person = r["per_kind"].get("person", {})
            out[name] = {"person": f"{person.get('removed')}/{person.get('spans')}", "recall_all": r["recall"],
                         "keep_destroyed": f"{r['keep']['destroyed']}/{r['keep']['spans']}",
                         "per_language": {k: f"{v['removed']}/{v['spans']}" for k, v in r["per_language"].items()}}
            lines += [f"{name} MISS {m}" for m in r["missed_examples"]]
            lines += [f"{name} DESTROYED {m}" for m in r["destroyed_examples"]]
        elif name == "pii_dev":
            r = bench.eval_pii_dev([bench.PII_DEV, bench.PII_DEV_B], p, max_examples=10_000)
            out[name] = {"person": f"{sum(v['removed'] for v in r['per_tradition'].values())}/{r['spans']}",
                         "keep_destroyed": f"{r['keep']['destroyed']}/{r['keep']['spans']}"}
            lines += [f"pii_dev MISS {m}" for m in r["missed_examples"]]
            lines += [f"pii_dev DESTROYED {m}" for m in r["destroyed_examples"]]
        elif name == "ud_dev":
            r = bench.eval_ud_file(bench.SHARED / "ud" / bench.UD_DEV, p, examples=True)
            out[name] = {k: v for k, v in r.items() if k != "false_placeholder_examples"}
            lines += [f"ud_dev FP {m}" for m in r["false_placeholder_examples"]]
        elif name == "prose":
            r = bench.eval_prose(bench.SHARED, p, max_examples=1000)
            out[name] = r.get("all")
            for k, v in r.items():
                if isinstance(v, dict) and "examples" in v:
                    lines += [f"prose FP {m}" for m in v["examples"]]
        out[name]["seconds"] = round(time.perf_counter() - t0, 1)
        print(name, json.dumps(out[name], ensure_ascii=False), flush=True)
    return out, lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--version", default="v5")
    ap.add_argument("--sets", default=",".join(TUNING))
    ap.add_argument("--examples", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--off", default="", help="v5 rules switched off (persons.V5_RULES), comma-separated")
    args = ap.parse_args(argv)
    from pipeline.pseudonymise import persons

    off = {r for r in args.off.split(",") if r}
    if off - set(persons.V5_RULES):
        raise SystemExit(f"pseudonymisation_tune: unknown v5 rules {sorted(off - set(persons.V5_RULES))}")
    persons.V5_OFF.update(off)
    sets = [s for s in args.sets.split(",") if s]
    bad = [s for s in sets if s not in TUNING]
    if bad:
        raise SystemExit(f"pseudonymisation_tune: {bad} are not tuning sets (known: {', '.join(TUNING)})")
    out, lines = run(args.version, sets)
    out["v5_off"] = sorted(off)
    if args.examples:
        args.examples.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.out:
        args.out.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
