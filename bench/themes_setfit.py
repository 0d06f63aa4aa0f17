"""SetFit-style encoder fine-tuning vs the frozen encoder, on ONE 80/20 dev split (settings chosen here only).

The training fifth is never used for scoring; the tuned encoder sees only the 80 % training reports' labels. Routes
compared on the held-out 20 % (no topic model in any of them, so the cluster part is off for all):

- ``frozen_head``: the reviewed-head route as shipped (``theme_scorer.reviewed_head.v1``) on the frozen e5 vectors;
- ``tuned_head``: the same blend (frozen zero-shot + weight × head, per-theme thresholds calibrated on
  out-of-fold head scores) with the head reading the tuned encoder's vectors (the head's lemma TF-IDF kept);
- ``tuned_all``: the whole assigner (descriptions too) on the tuned encoder's vectors;
- ``setfit_only``: SetFit proper — kNN + logistic on the tuned vectors alone, thresholds calibrated out-of-fold.

Out-of-fold head scores of the tuned routes are optimistic (the encoder saw every training label), which shows up
as thresholds a little too permissive; the held-out fifth is what counts.

    nice .venv/bin/python bench/themes_setfit.py [--pairs 1500] [--max-seq-length 128] [--epochs 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quality import _cached, load_embedder, metrics, read_corpus  # noqa: E402


def head_blend(assigner, zs_tr, zs_te, X_tr, X_te, docs_tr, docs_te, Y_tr, zero_shot: bool = True):  # noqa: ANN001, ANN201
    """`fit_reviewed_head`'s blend, with the head on given (already centred, normalised) vectors: 0/1 test picks."""
    from sklearn.model_selection import KFold

    from pipeline.themes.head import (ReviewedHead, _chosen_mask, calibrate_thresholds, head_weight)

    def make() -> ReviewedHead:
        return ReviewedHead(n_neighbours=assigner.n_neighbours, temperature=assigner.head_temperature,
                            C=assigner.head_C, random_state=assigner.random_state)

    scale = float(np.percentile(zs_tr.max(axis=1), 90)) or 1.0
    weight = head_weight(len(Y_tr), assigner.head_half_labels, assigner.head_max_weight)
    oof = np.zeros(Y_tr.shape)
    for tr, te in KFold(n_splits=5, shuffle=True, random_state=42).split(X_tr):
        oof[te] = make().fit(X_tr[tr], Y_tr[tr], [docs_tr[i] for i in tr]).predict_proba(
            X_tr[te], [docs_tr[i] for i in te])
    base_tr, base_te = (zs_tr, zs_te) if zero_shot else (0 * zs_tr, 0 * zs_te)
    t, k = calibrate_thresholds(base_tr + weight * scale * oof, Y_tr, assigner.max_themes, min_counts=range(1, 3))
    head = make().fit(X_tr, Y_tr, docs_tr)
    sc = base_te + weight * scale * head.predict_proba(X_te, docs_te)
    return _chosen_mask(sc, t, assigner.max_themes, k)


def main() -> int:  # noqa: PLR0915 - one linear benchmark
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "data" / "reports_dev.csv")
    ap.add_argument("--pairs", type=int, default=1500)
    ap.add_argument("--max-seq-length", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--keep", type=Path, default=None, help="save the tuned model here (default: a temp folder)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "themes_setfit.json")
    args = ap.parse_args()

    import torch

    from pipeline.embeddings.encoder import SentenceEncoder
    from pipeline.themes import ThemeAssigner, lemmatize_texts, load_vocabulary
    from pipeline.themes.head import NAME as HEAD
    from pipeline.themes.head import _normalise_rows
    from pipeline.themes.scorers import DEFAULT_SCORERS
    from pipeline.themes.setfit import FineTuneParams, fine_tune_encoder

    torch.set_num_threads(2)
    vocab = load_vocabulary()
    keys = vocab.keys
    dev = read_corpus(args.dev, set(keys))
    embedder, embedder_id = load_embedder()
    E = np.asarray(_cached(embedder_id, dev["texts"], embedder.embed), dtype=np.float32)
    from pipeline.lemmas import get_lemmatizer

    lem = _cached(get_lemmatizer().id, dev["texts"], lemmatize_texts)
    gold, phen, texts = dev["gold"], dev["phen"], dev["texts"]
    n = len(gold)
    perm = np.random.default_rng(42).permutation(n)
    test, train = np.sort(perm[: n // 5]), np.sort(perm[n // 5:])
    labels = [gold[i] if i in set(train.tolist()) else None for i in range(n)]
    result: dict = {"split": {"train": len(train), "test": len(test), "seed": 42}, "routes": {}, "costs": {}}

    def score(mask_or_preds, name: str) -> None:  # noqa: ANN001
        if isinstance(mask_or_preds, np.ndarray):
            preds = [[keys[j] for j in np.flatnonzero(row)] for row in mask_or_preds]
        else:
            preds = mask_or_preds
        m = metrics(preds, [gold[i] for i in test], keys)
        result["routes"][name] = m
        print(f"{name:<14} micro-F1 {m['micro_f1']:.3f}  macro {m['macro_f1']:.3f}  top-1 {m['top1_hit']:.3f}",
              flush=True)

    def names(preds):  # noqa: ANN001, ANN202
        return [[k for k, _, _ in p] for p in preds]

    # Frozen: the shipped reviewed-head route and the default route (no topics).
    for route, extra in (("frozen_default", {}), ("frozen_head", {"scorers": (*DEFAULT_SCORERS, HEAD)})):
        a = ThemeAssigner(vocab, embedder=embedder, **extra).fit(E, lem, labels=labels, phenomenon=phen)
        score(names(a.predict(E[test], [lem[i] for i in test], phenomenon=[phen[i] for i in test])), route)

    # Fine-tune on the training reports' labels only.
    a0 = ThemeAssigner(vocab, embedder=embedder).fit(E, lem)  # zero-shot state (reference = all dev, unlabelled)
    Y = np.zeros((n, len(keys)), dtype=int)
    for i, g in enumerate(gold):
        for k in g:
            Y[i, keys.index(k)] = 1
    keep = [i for i in train if Y[i].any()]
    params = FineTuneParams(pairs=args.pairs, max_seq_length=args.max_seq_length, epochs=args.epochs,
                            learning_rate=args.lr)
    tmp = tempfile.TemporaryDirectory()
    out_dir = args.keep or Path(tmp.name) / "e5-small-setfit"
    t = time.perf_counter()
    fine_tune_encoder(embedder.path, [texts[i] for i in keep], Y[keep], out_dir, params)
    result["costs"]["fine_tune_min"] = round((time.perf_counter() - t) / 60, 2)
    result["fine_tune"] = json.loads((Path(out_dir) / "signaali_setfit.json").read_text())
    tuned = SentenceEncoder(model_path=out_dir)
    t = time.perf_counter()
    Et = np.asarray(tuned.embed(texts), dtype=np.float32)
    result["costs"]["embed_s_per_report"] = round((time.perf_counter() - t) / n, 3)
    print(f"fine-tune {result['costs']['fine_tune_min']} min; embed {result['costs']['embed_s_per_report']} s/report",
          flush=True)

    zs = a0._zero_shot(E, lem, phenomenon=phen)[0]
    Xt = _normalise_rows(Et - Et.mean(axis=0))
    docs = [" ".join(x) for x in lem]
    tr_docs, te_docs = [docs[i] for i in keep], [docs[i] for i in test]
    score(head_blend(a0, zs[keep], zs[test], Xt[keep], Xt[test], tr_docs, te_docs, Y[keep]), "tuned_head")
    Xf = _normalise_rows(E - E.mean(axis=0))
    score(head_blend(a0, zs[keep], zs[test], Xf[keep], Xf[test], tr_docs, te_docs, Y[keep]), "frozen_head_bench")
    score(head_blend(a0, zs[keep], zs[test], Xt[keep], Xt[test], tr_docs, te_docs, Y[keep], zero_shot=False),
          "setfit_only")
    a = ThemeAssigner(vocab, embedder=tuned, scorers=(*DEFAULT_SCORERS, HEAD)).fit(
        Et, lem, labels=labels, phenomenon=phen)
    score(names(a.predict(Et[test], [lem[i] for i in test], phenomenon=[phen[i] for i in test])), "tuned_all")
    result["params"] = vars(args) | {"keep": str(args.keep), "dev": str(args.dev), "out": str(args.out)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
