"""Zero-shot theme tuning, honest: the blend weights and selection rule chosen by nested cross-validation on dev.

The zero-shot score of a report is a weighted sum of the registered scorer parts (`pipeline.themes.scorers`). Each
part is computed once (weight 1) on the dev corpus (../shared/data/reports_dev.csv + bench/data/dev_rewordings.json,
a rewording in the same fold as its original); then for each of 5 outer folds the weights, the relative/absolute
thresholds, the label count and (optionally) per-theme offsets are chosen on the other 4 folds and applied to the
held-out fold. The out-of-fold micro-F1 is the dev figure to quote; the parameters chosen on all of dev are printed
for ``ThemesParams`` / the vocabulary. The independent sets are never read here.

    .venv/bin/python bench/themes_zeroshot_cv.py [--vocabulary PATH] [--offsets] [--out bench/results/themes_zeroshot_cv.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quality import _cached, load_embedder, metrics, read_corpus  # noqa: E402

GRID = {
    "description_weight": (0.3, 0.5, 0.7, 0.9),
    "cluster_weight": (0.0, 0.15, 0.3),
    "metadata_weight": (0.5, 1.0),
    "relative_threshold": (0.45, 0.55, 0.65),
    "absolute_threshold": (0.0, 0.3, 0.5),
    "max_themes": (2, 3),
    "practice_cue_weight": (0.0, 0.25, 0.5, 1.0),
}


def dev_items(dev_path: Path, keys: set[str]) -> dict:
    """The dev corpus plus its rewordings (gold = the original's), with a fold group per item."""
    from pipeline.text import report_text

    dev = read_corpus(dev_path, keys)
    rw = json.loads((ROOT / "bench" / "data" / "dev_rewordings.json").read_text(encoding="utf-8"))["rewordings"]
    index = {rid: i for i, rid in enumerate(dev["df"].report_id)}
    texts, gold, phen = list(dev["texts"]), list(dev["gold"]), list(dev["phen"])
    groups = list(range(len(texts)))
    for r in rw:
        i = index[r["of"]]
        texts.append(report_text(r["observation"], r.get("client_voice", ""), r.get("proposal", "")))
        gold.append(gold[i])
        phen.append(phen[i])
        groups.append(i)
    return {"texts": texts, "gold": gold, "phen": phen, "groups": np.array(groups)}


def parts_of(vocab, embedder, E, lemmas, topics, phen,  # noqa: ANN001
             neighbours: float | None = None) -> tuple[list[str], dict[str, np.ndarray]]:
    """Each registered zero-shot part at weight 1 (cluster: the profile of the other parts' choice, recomputed later);
    with ``neighbours`` (a cosine threshold) also the word-vector widened keywords (``word_neighbours``)."""
    from pipeline.registry import registry
    from pipeline.themes.assign import ThemeAssigner
    from pipeline.themes.scorers import DEFAULT_SCORERS, ScoringBatch
    from pipeline.themes.word_vectors import NAME as NEIGHBOURS

    extra = {} if neighbours is None else {"scorers": (*DEFAULT_SCORERS, NEIGHBOURS), "neighbour_weight": 1.0,
                                           "neighbour_threshold": neighbours}
    a = ThemeAssigner(vocab, embedder=embedder, keyword_weight=1.0, description_weight=1.0, cluster_weight=0.0,
                      cue_weight=1.0, **extra)
    a.fit(E, lemmas)
    out = {}
    for name in a.scorers:
        if "cluster" in name:
            continue
        batch = ScoringBatch(X=E, lemmas=lemmas, topics=topics, phenomenon=phen,
                             description_sim=a._description_sim(E), evidence=[{} for _ in range(len(E))])
        part = registry.theme_scorers.get(name)(a, batch)
        if part is not None:
            out[name.split(".")[1]] = np.asarray(part, dtype=float)
    return a.keys_, out


def select(scores: np.ndarray, rel: float, absolute: float, k: int, offsets: np.ndarray | None = None) -> np.ndarray:
    """0/1 predictions: the best theme always, others while ≥ rel × best and ≥ absolute (+ per-theme offset)."""
    s = scores if offsets is None else scores + offsets
    order = np.argsort(-s, axis=1, kind="stable")
    pred = np.zeros(s.shape, dtype=int)
    rows = np.arange(len(s))
    best = s[rows, order[:, 0]]
    pred[rows, order[:, 0]] = 1
    for r in range(1, k):
        j = order[:, r]
        v = s[rows, j]
        ok = (v >= rel * best) & (v >= absolute) & (v > 0)
        pred[rows[ok], j[ok]] = 1
    return pred


def combine(parts: dict[str, np.ndarray], topics: np.ndarray, p: dict) -> np.ndarray:
    """The zero-shot score for parameters ``p`` (cluster part from the members' choices without it, as `fit` does)."""
    base = parts["keywords"] + p["description_weight"] * parts.get("description", 0)
    if "metadata" in parts:
        base = base + p["metadata_weight"] * parts["metadata"]
    for name, w in parts.items():
        if name not in ("keywords", "description", "metadata"):
            base = base + p.get(f"{name}_weight", 1.0) * w
    if p["cluster_weight"] == 0 or topics is None:
        return base
    chosen = select(base, p["relative_threshold"], -np.inf, p["max_themes"])
    prof = np.zeros_like(base)
    for t in set(topics.tolist()) - {-1}:
        m = topics == t
        prof[m] = chosen[m].mean(axis=0)
    return base + p["cluster_weight"] * prof


def f1(pred: np.ndarray, Y: np.ndarray) -> float:
    tp = (pred & Y).sum()
    return 2 * tp / max(pred.sum() + Y.sum(), 1)


def fit_params(parts, topics, Y, idx, grid, offsets: bool):  # noqa: ANN001, ANN201
    """The grid point (and per-theme offsets) with the best micro-F1 on the items ``idx``."""
    best, best_p = -1.0, None
    names = list(grid)
    cache = {}
    for values in itertools.product(*(grid[n] for n in names)):
        p = dict(zip(names, values))
        ck = tuple(v for n, v in p.items() if n != "absolute_threshold")  # all that changes the combined score
        if ck not in cache:
            cache[ck] = combine(parts, topics, p)
        s = cache[ck][idx]
        v = f1(select(s, p["relative_threshold"], p["absolute_threshold"], p["max_themes"]), Y[idx])
        if v > best + 1e-9:
            best, best_p = v, p
    off = np.zeros(Y.shape[1])
    if offsets:
        s = combine(parts, topics, best_p)[idx]
        for _ in range(2):
            for j in range(Y.shape[1]):
                cands = []
                for d in (-0.3, -0.2, -0.1, -0.05, 0.0, 0.05, 0.1, 0.2, 0.3):
                    o = off.copy()
                    o[j] = d
                    cands.append((f1(select(s, best_p["relative_threshold"], best_p["absolute_threshold"],
                                            best_p["max_themes"], o), Y[idx]) - 0.002 * abs(d) * 10, d))
                off[j] = max(cands)[1]
    return best_p, off, best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "data" / "reports_dev.csv")
    ap.add_argument("--vocabulary", type=Path, default=None)
    ap.add_argument("--offsets", action="store_true", help="also choose a per-theme score offset")
    ap.add_argument("--fixed", action="store_true", help="score the current ThemesParams defaults too")
    ap.add_argument("--neighbours", type=float, default=None, metavar="COSINE",
                    help="add the word-vector widened keywords (theme_scorer.word_neighbours.v1) at this threshold; "
                         "their weight joins the grid")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    grid = dict(GRID) if args.neighbours is None else {**GRID, "word_neighbours_weight": (0.0, 0.25, 0.5)}

    from sklearn.model_selection import GroupKFold

    from pipeline.lemmas import get_lemmatizer
    from pipeline.themes import lemmatize_texts, load_vocabulary
    from pipeline.topics import TopicModel

    t0 = time.perf_counter()
    vocab = load_vocabulary(args.vocabulary)
    keys = vocab.keys
    d = dev_items(args.dev, set(keys))
    embedder, embedder_id = load_embedder()
    E = np.asarray(_cached(embedder_id, d["texts"], embedder.embed), dtype=np.float32)
    lem = _cached(get_lemmatizer().id, d["texts"], lemmatize_texts)
    topics = np.asarray(_cached("topics.v1", d["texts"],
                                lambda _: TopicModel().fit(E, [" ".join(x) for x in lem]).topics_))
    tk, parts = parts_of(vocab, embedder, E, lem, topics, d["phen"], args.neighbours)
    Y = np.array([[int(k in g) for k in tk] for g in d["gold"]])
    groups = d["groups"]
    n_orig = int((groups == np.arange(len(groups))).sum())

    oof = np.zeros_like(Y)
    oof_s = np.zeros(Y.shape)
    nometa = {k: v for k, v in parts.items() if k != "metadata"}
    oof_nm = np.zeros_like(Y)
    oof_nm_s = np.zeros(Y.shape)
    chosen = []
    for tr, te in GroupKFold(n_splits=5).split(Y, groups=groups):
        p, off, _ = fit_params(parts, topics, Y, tr, grid, args.offsets)
        s = combine(parts, topics, p)
        oof[te] = select(s[te], p["relative_threshold"], p["absolute_threshold"], p["max_themes"], off)
        oof_s[te] = s[te] + off
        # Statements carry no phenomenon_type: the same rule on the scores without the metadata part.
        s = combine(nometa, topics, p)
        oof_nm[te] = select(s[te], p["relative_threshold"], p["absolute_threshold"], p["max_themes"], off)
        oof_nm_s[te] = s[te] + off
        chosen.append({**p, "offsets": dict(zip(tk, off.round(3).tolist()))})
    p_all, off_all, in_sample = fit_params(parts, topics, Y, np.arange(len(Y)), grid, args.offsets)

    def names(pred, scores):  # noqa: ANN001, ANN202
        return [[tk[j] for j in sorted(np.flatnonzero(row), key=lambda j: -sc[j])] for row, sc in zip(pred, scores)]

    orig = np.arange(n_orig)
    res = {"vocabulary": str(args.vocabulary or vocab.path), "parts": sorted(parts), "offsets": args.offsets,
           "neighbour_threshold": args.neighbours,
           "dev_cv": metrics(names(oof[orig], oof_s[orig]), [d["gold"][i] for i in orig], tk),
           "dev_cv_without_phenomenon_type": metrics(names(oof_nm[orig], oof_nm_s[orig]),
                                                     [d["gold"][i] for i in orig], tk),
           "dev_cv_with_rewordings": metrics(names(oof, oof_s), d["gold"], tk),
           "in_sample_micro_f1": round(in_sample, 4),
           "chosen_all_dev": {**p_all, "offsets": dict(zip(tk, off_all.round(3).tolist()))},
           "chosen_per_fold": chosen}
    if args.fixed:
        from pipeline.settings import ThemesParams

        tp = ThemesParams()
        p = {"description_weight": tp.description_weight, "cluster_weight": tp.cluster_weight, "metadata_weight": 1.0,
             "relative_threshold": tp.relative_threshold, "absolute_threshold": 0.0, "max_themes": tp.max_themes}
        s = combine(parts, topics, p)[orig]
        res["defaults"] = metrics(names(select(s, p["relative_threshold"], 0.0, p["max_themes"]), s),
                                  [d["gold"][i] for i in orig], tk)
    res["seconds"] = round(time.perf_counter() - t0, 1)
    m = res["dev_cv"]
    print(f"dev CV micro-F1 {m['micro_f1']:.3f} macro {m['macro_f1']:.3f} top-1 {m['top1_hit']:.3f} "
          f"themes {m['mean_themes']:.2f} (in-sample {in_sample:.3f})"
          + (f"; defaults in-sample {res['defaults']['micro_f1']:.3f}" if args.fixed else ""))
    mn = res["dev_cv_without_phenomenon_type"]
    print(f"  without phenomenon_type: micro-F1 {mn['micro_f1']:.3f} top-1 {mn['top1_hit']:.3f} "
          f"good_practice {mn['per_theme_f1']['good_practice']:.2f}")
    print("per theme:", " ".join(f"{k}={v:.2f}" for k, v in m["per_theme_f1"].items()))
    print("chosen on all dev:", res["chosen_all_dev"])
    if args.out:
        args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
