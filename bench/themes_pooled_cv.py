"""Zero-shot theme tuning across writers: weights, thresholds and per-theme offsets chosen by leave-one-set-out CV.

The tuning sets (declared as such: dev, themes_a, themes_b, themes_c; reports and statements) are each scored
zero-shot with their own corpus as the unlabelled reference, as a fresh store would be. The zero-shot parts
(`pipeline.themes.scorers`, weight 1) are computed once per set; then for each writer held out (dev / a / b / c,
the writer's statements going with its reports) the blend weights, the relative/absolute thresholds, the label count
and the per-theme offsets are chosen on the pooled items of the other writers and applied to the held-out one. The
held-out figures say how the rule generalises to a writer it was not tuned on. Compared in the same run:

- ``current``: the shipped ``ThemesParams`` defaults with the vocabulary's offsets (tuned on dev only);
- ``dev_only``: parameters and offsets chosen on dev alone, applied to each other writer (the old tuning route);
- ``pooled_loso``: parameters and offsets chosen on the other writers' pooled items.

The parameters chosen on all four writers pooled are printed for ``ThemesParams`` / the vocabulary. The judged set
(themes_d) is never read here.

    .venv/bin/python bench/themes_pooled_cv.py [--vocabulary PATH] [--out bench/results/themes_pooled_cv.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.quality import INDEP, _cached, load_embedder, metrics, read_corpus  # noqa: E402
from bench.themes_zeroshot_cv import GRID, combine, f1, fit_params, parts_of, select  # noqa: E402

WRITERS = ("dev", "a", "b", "c")
# The cluster part's weight went to 0 in every dev fold once compound parts matched; the pooled sets are scored
# without a topic model (statements have none), so it stays off here.
POOLED_GRID = {**GRID, "cluster_weight": (0.0,)}


def tuning_sets(dev_path: Path, keys: set[str]) -> list[dict]:
    """The tuning corpora: (writer, kind, corpus) for dev reports and themes_a/b/c reports and statements."""
    out = [("dev", "reports", read_corpus(dev_path, keys))]
    for w in ("a", "b", "c"):
        d = INDEP / f"themes_{w}"
        out.append((w, "reports", read_corpus(d / "reports.csv", keys)))
        if (d / "statements.csv").exists():
            out.append((w, "statements", read_corpus(d / "statements.csv", keys, "text")))
    return [{"writer": w, "kind": k, **c} for w, k, c in out]


def stack(sets: list[dict], which: list[int]) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The parts and gold matrix of the sets ``which``, one row per item (a missing part is 0 there)."""
    names = sorted({n for i in which for n in sets[i]["parts"]})
    parts = {n: np.vstack([sets[i]["parts"].get(n, np.zeros_like(sets[i]["Y"], dtype=float)) for i in which])
             for n in names}
    return parts, np.vstack([sets[i]["Y"] for i in which])


def mine_keywords(sets: list[dict], which: list[int], tk: list[str], vocab, min_support: int = 4,  # noqa: ANN001
                  min_precision: float = 0.6, min_writers: int = 2, per_theme: int = 15) -> dict[str, list[str]]:
    """Whole lemmas that mark a theme in the labelled items of the sets ``which``: found in at least ``min_support``
    items of at least ``min_writers`` writers, at least ``min_precision`` of them labelled with the theme, and not
    already matched by the theme's keywords; the ``per_theme`` most frequent such lemmas per theme."""
    from pipeline.themes.scorers import lemma_string, match_keywords

    items = [(sets[i]["writer"], ls, y) for i in which for ls, y in zip(sets[i]["lemset"], sets[i]["Y"])]
    df: dict[str, list[int]] = {}
    for n, (_, ls, _) in enumerate(items):
        for lemma in ls:
            if len(lemma) >= 4 and lemma.isalpha():
                df.setdefault(lemma, []).append(n)
    out: dict[str, list[str]] = {k: [] for k in tk}
    cands: dict[str, list[tuple[int, str]]] = {k: [] for k in tk}
    for lemma, rows in df.items():
        if len(rows) < min_support:
            continue
        Yl = np.array([items[n][2] for n in rows])
        for j, k in enumerate(tk):
            pos = [n for n, y in zip(rows, Yl[:, j]) if y]
            if len(pos) >= min_support and len(pos) / len(rows) >= min_precision \
                    and len({items[n][0] for n in pos}) >= min_writers \
                    and not match_keywords(vocab.get(k), lemma_string([lemma])):
                cands[k].append((len(pos), lemma))
    for k in tk:
        out[k] = [lemma for _, lemma in sorted(cands[k], reverse=True)[:per_theme]]
    return out


def with_mined(sets: list[dict], mined: dict[str, list[str]], tk: list[str]) -> list[dict]:
    """Copies of ``sets`` whose keyword part also counts the ``mined`` whole lemmas (as ``=lemma`` keywords would)."""
    out = []
    for s in sets:
        kw = -1.5 * np.log(np.clip(1 - s["parts"]["keywords"], 1e-12, None))  # back to match counts
        extra = np.array([[sum(lemma in ls for lemma in mined[k]) for k in tk] for ls in s["lemset"]], dtype=float)
        out.append({**s, "parts": {**s["parts"], "keywords": 1 - np.exp(-(kw + extra) / 1.5)}})
    return out


def apply(parts: dict[str, np.ndarray], p: dict, off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(0/1 predictions, scores) of parameters ``p`` and offsets ``off`` (no topic model)."""
    s = combine(parts, None, p) + off
    return select(s, p["relative_threshold"], p["absolute_threshold"], p["max_themes"]), s


def names_of(pred: np.ndarray, scores: np.ndarray, tk: list[str]) -> list[list[str]]:
    return [[tk[j] for j in sorted(np.flatnonzero(row), key=lambda j: -sc[j])] for row, sc in zip(pred, scores)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "data" / "reports_dev.csv")
    ap.add_argument("--vocabulary", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--mine", default=None, metavar="SUPPORT,PRECISION[,WRITERS,PER_THEME]",
                    help="also score keywords mined from the training writers' labels (whole lemmas)")
    ap.add_argument("--allow", type=Path, default=None,
                    help="JSON theme -> lemmas: mined lemmas count only where listed (a hand-made filter)")
    ap.add_argument("--write-mined", type=Path, default=None,
                    help="write the lemmas mined on all four writers (JSON) for the vocabulary")
    args = ap.parse_args()

    from pipeline.lemmas import get_lemmatizer
    from pipeline.settings import ThemesParams
    from pipeline.themes import lemmatize_texts, load_vocabulary

    t0 = time.perf_counter()
    vocab = load_vocabulary(args.vocabulary)
    keys = vocab.keys
    sets = tuning_sets(args.dev, set(keys))
    embedder, embedder_id = load_embedder()
    lem_id = get_lemmatizer().id
    tk: list[str] = []
    for s in sets:
        E = np.asarray(_cached(embedder_id, s["texts"], embedder.embed), dtype=np.float32)
        lem = _cached(lem_id, s["texts"], lemmatize_texts)
        tk, s["parts"] = parts_of(vocab, embedder, E, lem, None, s["phen"])
        s["lemset"] = [set(str(x).lower() for x in item) for item in lem]
        s["Y"] = np.array([[int(k in g) for k in tk] for g in s["gold"]])
        s["lang"] = list(s["df"].language) if "language" in s["df"] else ["fi"] * len(s["gold"])
    tp = ThemesParams()
    current = {"description_weight": tp.description_weight, "cluster_weight": 0.0, "metadata_weight": 1.0,
               "relative_threshold": tp.relative_threshold, "absolute_threshold": tp.absolute_threshold,
               "max_themes": tp.max_themes, "practice_cue_weight": 1.0}  # the cue part already carries cue_weight
    # parts_of scores the cue at weight 1; the shipped rule weights it by ThemesParams.cue_weight.
    current["practice_cue_weight"] = tp.cue_weight
    cur_off = np.array([vocab.get(k).offset for k in tk])

    by_writer = {w: [i for i, s in enumerate(sets) if s["writer"] == w] for w in WRITERS}
    dev_parts, dev_Y = stack(sets, by_writer["dev"])
    p_dev, off_dev, _ = fit_params(dev_parts, None, dev_Y, np.arange(len(dev_Y)), POOLED_GRID, True)

    res: dict = {"vocabulary": vocab.id, "tuning_sets": [f"{s['writer']}/{s['kind']}" for s in sets],
                 "judged_set_read": False, "held_out": {}, "chosen_per_held_out_writer": {}}
    pooled_pred: dict[str, list] = {"current": [], "dev_only": [], "pooled_loso": []}
    mine = None if args.mine is None else tuple(
        f(v) for f, v in zip((int, float, int, int), args.mine.split(",")))  # support, precision[, writers, per theme]
    if mine:
        pooled_pred["mined_loso"] = []
    allow = None if args.allow is None else json.loads(args.allow.read_text(encoding="utf-8"))
    pooled_gold: list = []
    for w in WRITERS:
        train = [i for i, s in enumerate(sets) if s["writer"] != w]
        tr_parts, tr_Y = stack(sets, train)
        p, off, _ = fit_params(tr_parts, None, tr_Y, np.arange(len(tr_Y)), POOLED_GRID, True)
        res["chosen_per_held_out_writer"][w] = {**p, "offsets": dict(zip(tk, off.round(3).tolist()))}
        for i in by_writer[w]:
            s = sets[i]
            parts1, Y1 = stack(sets, [i])
            row: dict = {"n": len(Y1)}
            routes = {"current": (current, cur_off), "dev_only": (p_dev, off_dev), "pooled_loso": (p, off)}
            if mine:
                if i == by_writer[w][0]:
                    mined = mine_keywords(sets, train, tk, vocab, *mine)
                    if allow is not None:
                        mined = {k: [x for x in v if x in allow.get(k, ())] for k, v in mined.items()}
                    msets = with_mined(sets, mined, tk)
                    mp, mo, _ = fit_params(stack(msets, train)[0], None, tr_Y, np.arange(len(tr_Y)),
                                           POOLED_GRID, True)
                    res["chosen_per_held_out_writer"][w]["mined"] = mined
                routes["mined_loso"] = (mp, mo)
            for label, (pp, oo) in routes.items():
                if label == "mined_loso":
                    parts1 = stack(msets, [i])[0]
                if label == "dev_only" and w == "dev":
                    continue  # dev-only parameters on dev are in-sample
                pred, sc = apply(parts1, pp, oo)
                m = metrics(names_of(pred, sc, tk), s["gold"], tk)
                row[label] = m
                if w != "dev":
                    pooled_pred[label] += names_of(pred, sc, tk)
                langs = np.array(s["lang"])
                if len(set(langs)) > 1:
                    row[f"{label}_by_language"] = {
                        lang: metrics([names_of(pred, sc, tk)[k] for k in np.flatnonzero(langs == lang)],
                                      [s["gold"][k] for k in np.flatnonzero(langs == lang)], tk)["micro_f1"]
                        for lang in sorted(set(langs))}
            if w != "dev":
                pooled_gold += s["gold"]
            res["held_out"][f"{w}/{s['kind']}"] = row
    res["held_out_abc_pooled"] = {k: metrics(v, pooled_gold, tk) for k, v in pooled_pred.items()}
    all_parts, all_Y = stack(sets, list(range(len(sets))))
    p_all, off_all, ins = fit_params(all_parts, None, all_Y, np.arange(len(all_Y)), POOLED_GRID, True)
    res["chosen_all_pooled"] = {**p_all, "offsets": dict(zip(tk, off_all.round(3).tolist())),
                                "in_sample_micro_f1": round(ins, 4)}
    res["chosen_dev_only"] = {**p_dev, "offsets": dict(zip(tk, off_dev.round(3).tolist()))}
    if args.write_mined:
        mined_all = mine_keywords(sets, list(range(len(sets))), tk, vocab, *(mine or (4, 0.6)))
        if allow is not None:
            mined_all = {k: [x for x in v if x in allow.get(k, ())] for k, v in mined_all.items()}
        args.write_mined.write_text(json.dumps(mined_all, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        res["mined_all"] = mined_all
    res["seconds"] = round(time.perf_counter() - t0, 1)

    print(f"{'held out':<16}{'n':>5}{'current':>10}{'dev_only':>10}{'pooled':>10}   per theme (pooled)")
    cols = ("current", "dev_only", "pooled_loso") + (("mined_loso",) if mine else ())
    for name, row in res["held_out"].items():
        print(f"{name:<16}{row['n']:>5}" + "".join(
            f"{row[k]['micro_f1']:>10.3f}" if k in row else f"{'—':>10}" for k in cols))
        for k in ("current", "pooled_loso", "mined_loso"):
            if f"{k}_by_language" in row:
                print(f"   {k} by language: {row[f'{k}_by_language']}")
    print("a+b+c pooled held-out:", {k: v["micro_f1"] for k, v in res["held_out_abc_pooled"].items()},
          "top-1", {k: v["top1_hit"] for k, v in res["held_out_abc_pooled"].items()})
    print("per theme (a+b+c held out):")
    for k in tk:
        print(f"  {k:<20}" + "".join(f"{res['held_out_abc_pooled'][m]['per_theme_f1'][k]:>8.2f}"
                                      for m in cols))
    print("chosen on all pooled:", res["chosen_all_pooled"])
    print(f"{res['seconds']} s")
    if args.out:
        args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
