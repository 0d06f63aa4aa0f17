"""The example bank (``theme_scorer.example_bank.v1``) by leave-one-writer-out CV over the four tuning writers.

For each tuning writer held out (dev / a / b / c, its statements going with its reports), the bank is cut to the
other writers' items (`ExampleBank.without_writers`), so the bank head and its writer-grouped threshold
calibration never see the held-out writer; the held-out writer's reports and statements are then themed:

- zero-shot: the item set is its own unlabelled reference corpus (a fresh store); ``vocabulary`` = the current
  route (vocabulary v4 + ``ThemesParams``), ``bank`` = the same plus the bank scorer, per blend weight;
- reviewed (held-out a, b, c): one store with the dev corpus as the county's reviewed labels and the held-out items
  unlabelled; ``vocabulary`` = the current reviewed route (logistic part (d)), ``bank`` = the bank head over the bank
  (dev items replaced by the county's copies) + the dev labels counting ``bank_county_weight`` times.

The shipped ``bank_weight`` / ``bank_county_weight`` are the grid cells with the best pooled held-out micro-F1
(zero-shot picks the weight; reviewed then picks the county weight). Vocabulary v4 and the zero-shot parameters were
themselves chosen on all four writers (bench/themes_pooled_cv.py), so the ``vocabulary`` column is in-sample for
them; the bank column is out-of-writer for the bank. The judged set (themes_d) is never read here. Also measured:
the bank's load time and the time per report the scorer adds to fit + predict, on the default (int8) encoder.

    nice .venv/bin/python bench/themes_bank_cv.py [--out bench/results/themes_bank_cv.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quality import _cached, load_embedder, metrics  # noqa: E402
from bench.themes_pooled_cv import WRITERS, tuning_sets  # noqa: E402

WEAK = ("integration", "workforce", "service_access", "good_practice")
BANK_WEIGHTS = (0.75, 1.5, 3.0)
COUNTY_WEIGHTS = (1.0, 3.0)


def _names(preds) -> list[list[str]]:  # noqa: ANN001
    return [[k for k, _, _ in p] for p in preds]


def _summary(m: dict) -> dict:
    return {"n": m["n"], "micro_f1": m["micro_f1"], "macro_f1": m["macro_f1"], "top1_hit": m["top1_hit"],
            "mean_themes": m["mean_themes"], "weak_theme_f1": {k: m["per_theme_f1"][k] for k in WEAK}}


def main() -> int:  # noqa: C901, PLR0915 - one linear benchmark script
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "data" / "reports_dev.csv")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "themes_bank_cv.json")
    args = ap.parse_args()

    from pipeline.lemmas import get_lemmatizer
    from pipeline.settings import ThemesParams
    from pipeline.themes import ThemeAssigner, lemmatize_texts, load_vocabulary
    from pipeline.themes import bank as bank_mod
    from pipeline.themes.bank import NAME as BANK

    t0 = time.perf_counter()
    vocab = load_vocabulary()
    keys = vocab.keys
    sets = tuning_sets(args.dev, set(keys))
    embedder, embedder_id = load_embedder()
    lem_id = get_lemmatizer().id
    for s in sets:
        s["E"] = np.asarray(_cached(embedder_id, s["texts"], embedder.embed), dtype=np.float32)
        s["lemmas"] = _cached(lem_id, s["texts"], lemmatize_texts)
    base = ThemesParams().model_dump(exclude={"vocabulary_path"})
    base_scorers = tuple(base.pop("scorers"))
    if BANK in base_scorers:  # measure against the route without the bank
        base_scorers = tuple(s for s in base_scorers if s != BANK)
    t = time.perf_counter()
    full_bank = bank_mod.load_bank(embedder)
    bank_load_s = time.perf_counter() - t

    def assigner(bank=None, **extra):  # noqa: ANN001, ANN202
        scorers = (*base_scorers, BANK) if bank is not None else base_scorers
        return ThemeAssigner(vocab, embedder=embedder, **{**base, **extra}, scorers=scorers, bank=bank)

    dev = next(s for s in sets if s["writer"] == "dev")
    res: dict = {"embedder": embedder_id, "vocabulary": vocab.id, "bank_items": len(full_bank),
                 "bank_items_by_writer": {w: full_bank.writers.count(w) for w in WRITERS},
                 "grid": {"bank_weight": list(BANK_WEIGHTS), "bank_county_weight": list(COUNTY_WEIGHTS)},
                 "judged_set_read": False, "held_out": {}}
    pooled: dict[str, dict[str, list]] = {"zero_shot": {}, "reviewed_dev_labels": {}}
    gold_pool: dict[str, list] = {"zero_shot": [], "reviewed_dev_labels": []}
    for w in WRITERS:
        bank_w = full_bank.without_writers([w])
        for s in (x for x in sets if x["writer"] == w):
            E, lem, phen = s["E"], s["lemmas"], s["phen"]
            row: dict = {"n": len(s["gold"]), "bank_items": len(bank_w)}
            runs = {"vocabulary": assigner().fit(E, lem)}
            runs.update({f"bank_w{bw}": assigner(bank_w, bank_weight=bw).fit(E, lem) for bw in BANK_WEIGHTS})
            row["zero_shot"] = {}
            for name, a in runs.items():
                p = _names(a.predict(E, lem, phenomenon=phen))
                row["zero_shot"][name] = _summary(metrics(p, s["gold"], keys))
                pooled["zero_shot"].setdefault(name, []).extend(p)
            gold_pool["zero_shot"] += s["gold"]
            if w != "dev":
                E_all = np.vstack([dev["E"], E])
                lem_all = list(dev["lemmas"]) + list(lem)
                phen_all = list(dev["phen"]) + (list(phen) if phen is not None else [""] * len(lem))
                labels = list(dev["gold"]) + [None] * len(lem)
                ids = [f"dev:{i}" for i in range(len(dev["gold"]))] + [f"x{i}" for i in range(len(lem))]
                rv = {"vocabulary": assigner()}
                rv.update({f"bank_w{bw}_c{cw}": assigner(bank_w, bank_weight=bw, bank_county_weight=cw)
                           for cw in COUNTY_WEIGHTS for bw in BANK_WEIGHTS})
                row["reviewed_dev_labels"] = {}
                for name, a in rv.items():
                    a.fit(E_all, lem_all, labels=labels, report_ids=ids, phenomenon=phen_all)
                    p = _names(a.predict(E, lem, phenomenon=phen))
                    row["reviewed_dev_labels"][name] = _summary(metrics(p, s["gold"], keys))
                    pooled["reviewed_dev_labels"].setdefault(name, []).extend(p)
                gold_pool["reviewed_dev_labels"] += s["gold"]
            res["held_out"][f"{w}/{s['kind']}"] = row
            print(f"{w}/{s['kind']:<11} n={row['n']:>4}  zs " + "  ".join(
                f"{k} {v['micro_f1']:.3f}" for k, v in row["zero_shot"].items()), flush=True)
            if "reviewed_dev_labels" in row:
                print("    rv " + "  ".join(f"{k} {v['micro_f1']:.3f}" for k, v in row["reviewed_dev_labels"].items()),
                      flush=True)
    res["pooled_held_out"] = {mode: {name: _summary(metrics(p, gold_pool[mode], keys)) for name, p in by.items()}
                              for mode, by in pooled.items()}
    # Statements apart (the short-statement target), pooled over the writers that have them.
    for kind in ("reports", "statements"):
        for mode in ("zero_shot", "reviewed_dev_labels"):
            names = {n for k, r in res["held_out"].items() if k.endswith(kind) and mode in r for n in r[mode]}
            rows = [r for k, r in res["held_out"].items() if k.endswith(kind) and mode in r]
            res.setdefault(f"mean_over_{kind}_sets", {})[mode] = {
                n: round(float(np.mean([r[mode][n]["micro_f1"] for r in rows])), 4) for n in sorted(names)}
    zs_pool = res["pooled_held_out"]["zero_shot"]
    best_bw = max(BANK_WEIGHTS, key=lambda bw: zs_pool[f"bank_w{bw}"]["micro_f1"])
    rv_pool = res["pooled_held_out"]["reviewed_dev_labels"]
    best_cw = max(COUNTY_WEIGHTS, key=lambda cw: rv_pool[f"bank_w{best_bw}_c{cw}"]["micro_f1"])
    res["chosen"] = {"bank_weight": best_bw, "bank_county_weight": best_cw,
                     "rule": "bank_weight: best pooled held-out zero-shot micro-F1; bank_county_weight: best pooled "
                             "held-out reviewed micro-F1 at that bank_weight"}

    # ---- cost: the bank's load (cold, from the shipped files) and the scorer's time per report in fit + predict
    bank_mod._CACHE.clear()
    t = time.perf_counter()
    bank_mod.load_bank(embedder)
    cold_load = time.perf_counter() - t
    E, lem, phen = dev["E"], dev["lemmas"], dev["phen"]
    timing = {}
    for name, b in (("vocabulary", None), ("bank", full_bank)):
        bank_mod._MEMO.clear()
        t = time.perf_counter()
        a = assigner(b, bank_weight=best_bw, bank_county_weight=best_cw).fit(E, lem)
        fit_s = time.perf_counter() - t
        t = time.perf_counter()
        a.predict(E, lem, phenomenon=phen)
        timing[name] = {"fit_s": round(fit_s, 2), "predict_s": round(time.perf_counter() - t, 2)}
    n = len(E)
    res["cost"] = {"encoder": embedder_id, "reports_themed": n, "bank_load_cold_s": round(cold_load, 3),
                   "bank_load_first_s": round(bank_load_s, 3), "timings": timing,
                   "fit_added_s": round(timing["bank"]["fit_s"] - timing["vocabulary"]["fit_s"], 2),
                   "predict_added_ms_per_report": round(
                       1000 * (timing["bank"]["predict_s"] - timing["vocabulary"]["predict_s"]) / n, 2),
                   "load_average": [round(x, 2) for x in os.getloadavg()]}
    res["seconds"] = round(time.perf_counter() - t0, 1)

    print("\npooled held-out (LOWO):")
    for mode, by in res["pooled_held_out"].items():
        for name, m in by.items():
            print(f"  {mode:<20}{name:<16} micro {m['micro_f1']:.3f}  top-1 {m['top1_hit']:.3f}  weak "
                  + " ".join(f"{k[:6]} {v:.2f}" for k, v in m["weak_theme_f1"].items()))
    print("mean over sets:", {k: v for k, v in res.items() if k.startswith("mean_over")})
    print("chosen:", res["chosen"])
    print("cost:", res["cost"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"saved {args.out} ({res['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
