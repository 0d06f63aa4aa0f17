"""Theme and weak-signal quality: the dev corpus (cross-validated) and the independent corpus side by side.

Corpora:
- dev: ../shared/data/reports_dev.csv (260 reports; the vocabulary and weights were tuned on it);
- independent: bench/data/independent/themes/ — themes_a (160 reports + 160 one-sentence statements) and themes_b
  (170 reports, Finnish/Swedish/English, three emerging phenomena) and the fresh themes_c (217 reports + 139
  statements, scored as its own "fresh independent" set) and themes_d (323 reports + 160 statements, session 4,
  scored once with the final code), written by helpers who saw only the theme
  definitions (DESIGN §6), never the code, the keywords or the dev corpus. Since vocabulary v4, dev and themes_a/b/c
  are tuning sets (bench/themes_pooled_cv.py) and themes_d is the judged set, scored once with the final code. Labels outside the vocabulary (`new`, emerging phenomena) are not theme-scored.

Modes:
- zero-shot: vocabulary only; the corpus being scored is the (unlabelled) reference corpus, as for a fresh store;
- reviewed: dev = 5-fold (each fold themed with the reviewed labels of the other folds); independent = the whole
  dev corpus imported as reviewed labels, the independent reports/statements unlabelled in the same store;
- reviewed_head: the same with the reviewed head (``theme_scorer.reviewed_head.v1``) in place of the logistic part;
- zero_shot_bank / reviewed_bank: the bundled example bank (``theme_scorer.example_bank.v1``, the four tuning
  writers' labelled items) added to zero-shot and, with the county's (dev) labels, in place of the logistic part.
  The bank holds dev, themes_a/b/c, so their bank figures are in-sample for the bank, except dev's, scored with the
  bank less its dev items; bench/themes_bank_cv.py has the leave-one-writer-out figures. themes_d is out of the bank;
- reviewed_pooled: the judged set (d) with the four tuning writers' items (dev, a, b, c) as reviewed labels
  against the dev corpus alone, both in a store with no topic model (``pooled_reviewed``);
- learning curve (``learning_curve``): 25 / 50 / 100 random dev reports as reviewed labels (3 seeds), both reviewed
  routes, scored on the other dev reports and on every independent set; the 260 point is the tables' figures
  (dev: 5-fold, i.e. 208 labels; independent: all 260). The curve's reference store holds all corpora at once and
  no topic model (cluster part off), so its figures are a little below the tables' at equal labels.
Weak signals (dev): as of the last date, the share of `new` reports inside flagged signals.

    .venv/bin/python bench/quality.py [--out bench/results/quality.json] [--no-signals] [--no-curve]
"""

from __future__ import annotations

import argparse
import hashlib
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
INDEP = ROOT / "bench" / "data" / "independent" / "themes"
TARGETS = {"independent_zero_shot_micro_f1": 0.80, "independent_reviewed_micro_f1": 0.88,
           "statements_zero_shot_micro_f1": 0.78, "statements_reviewed_micro_f1": 0.80, "top1_hit": 0.95}


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
    return {"n": len(gold), "micro_f1": round(2 * tp / max(2 * tp + fp + fn, 1), 4),
            "macro_f1": round(float(np.mean([f1[k] for k in keys if sum(per[k])])), 4),
            "top1_hit": round(top1 / max(len(gold), 1), 4),
            "mean_themes": round(float(np.mean([len(p) for p in preds])), 3),
            "per_theme_f1": {k: round(v, 3) for k, v in f1.items()}}


def load_embedder():  # noqa: ANN201
    """The product embedder, as a run gets it (`pipeline.embeddings.get_embedder`: ``SIGNAALI_EMBEDDER`` picks it)."""
    from pipeline.embeddings import get_embedder

    emb = get_embedder()
    return emb, emb.model_id


def _cached(name: str, texts: list[str], compute):  # noqa: ANN001, ANN202
    """Embeddings/lemmas of ``texts`` cached under data/cache/bench (keyed by the texts and ``name``)."""
    import pickle

    key = hashlib.sha256(("\x1e".join(texts) + "\x1f" + name).encode()).hexdigest()[:16]
    path = ROOT / "data" / "cache" / "bench" / f"{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    value = compute(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(value))
    return value


def read_corpus(path: Path, keys: set[str], text_column: str | None = None) -> dict:
    """Texts, gold theme keys (vocabulary keys only), phenomenon types and extra columns of one labelled CSV."""
    import pandas as pd

    from pipeline.text import report_text

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if text_column:
        texts = list(df[text_column])
        phen = None
    else:
        texts = [report_text(o, c, p) for o, c, p in zip(df.observation, df.client_voice, df.proposal)]
        phen = list(df.phenomenon_type)
    gold_all = [[t.strip() for t in s.split(";") if t.strip()] for s in df.themes]
    gold = [[t for t in g if t in keys] for g in gold_all]
    return {"name": path.parent.name + "/" + path.name, "df": df, "texts": texts, "phen": phen, "gold": gold,
            "gold_all": gold_all}


def _one_store(corpora: dict, order: list[str]) -> tuple[np.ndarray, list, list[str], list[str], dict[str, int]]:
    """The named corpora as one store, in ``order``: embeddings, lemmas, phenomenon types ("" for statements),
    report ids ("corpus:i") and each corpus's first row."""
    E_all = np.vstack([corpora[n]["E"] for n in order])
    lem_all = [lem for n in order for lem in corpora[n]["lemmas"]]
    phen_all = [p for n in order for p in (corpora[n]["phen"] or [""] * len(corpora[n]["lemmas"]))]
    ids_all = [f"{n}:{i}" for n in order for i in range(len(corpora[n]["lemmas"]))]
    start = dict(zip(order, np.cumsum([0] + [len(corpora[n]["lemmas"]) for n in order])[:-1]))
    return E_all, lem_all, phen_all, ids_all, start


def learning_curve(corpora: dict, vocab, embedder, overrides: dict, routes: dict, keys: list[str],  # noqa: ANN001
                   sizes: tuple[int, ...] = (25, 50, 100), seeds: tuple[int, ...] = (0, 1, 2)) -> dict:
    """Micro-F1 per reviewed-label count, route and scored set (mean, min, max over seeds).

    One reference store per fit holds every corpus (dev labelled on a random subset of ``size`` reports, the rest
    unlabelled); no topic model, so the cluster part is off. Scored sets: the dev reports not labelled, the old
    independent reports (a+b), the fresh reports (c), and the statements (a, c).
    """
    from pipeline.themes import ThemeAssigner

    dev = corpora["dev"]
    E_all, lem_all, phen_all, ids_all, start = _one_store(corpora, ["dev"] + [n for n in corpora if n != "dev"])
    sets = {"dev_held_out": None, "indep_reports_ab": ("indep_a_reports", "indep_b_reports"),
            "fresh_reports_c": ("indep_c_reports",), "statements_a": ("indep_a_statements",),
            "fresh_statements_c": ("indep_c_statements",), "fresh_reports_d": ("indep_d_reports",),
            "fresh_statements_d": ("indep_d_statements",)}
    sets = {k: v for k, v in sets.items() if v is None or all(n in corpora for n in v)}
    out: dict = {"sizes": list(sizes), "seeds": list(seeds), "sets": list(sets), "routes": {}}
    for route, extra in routes.items():
        out["routes"][route] = {}
        for size in sizes:
            scores: dict[str, list[float]] = {s: [] for s in sets}
            for seed in seeds:
                chosen = set(np.random.default_rng(seed).choice(len(dev["gold"]), size, replace=False).tolist())
                labels = [dev["gold"][i] if i in chosen else None for i in range(len(dev["gold"]))]
                labels += [None] * (len(lem_all) - len(labels))
                a = ThemeAssigner(vocab, embedder=embedder, **overrides, **extra).fit(
                    E_all, lem_all, labels=labels, report_ids=ids_all, phenomenon=phen_all)
                for s, members in sets.items():
                    if members is None:
                        pos = [i for i in range(len(dev["gold"])) if i not in chosen]
                        gold = [dev["gold"][i] for i in pos]
                    else:
                        pos = [start[n] + i for n in members for i in range(len(corpora[n]["lemmas"]))]
                        gold = [g for n in members for g in corpora[n]["gold"]]
                    preds = a.predict(E_all[pos], [lem_all[i] for i in pos], phenomenon=[phen_all[i] for i in pos])
                    scores[s].append(metrics([[k for k, _, _ in p] for p in preds], gold, keys)["micro_f1"])
            out["routes"][route][str(size)] = {s: {"mean": round(float(np.mean(v)), 4), "min": min(v), "max": max(v)}
                                               for s, v in scores.items()}
    return out


POOLED_TUNING = ("dev", "indep_a_reports", "indep_b_reports", "indep_a_statements", "indep_c_reports",
                 "indep_c_statements")


def pooled_reviewed(corpora: dict, vocab, embedder, overrides: dict, routes: dict,  # noqa: ANN001
                    keys: list[str], scored: tuple[str, ...] = ("indep_d_reports", "indep_d_statements")) -> dict:
    """Micro-F1 on the judged sets with more reviewed labels than the dev corpus: the four tuning writers' items
    (dev, a, b, c: reports and statements) as reviewed labels, against the dev corpus alone, in the same kind of
    store (no topic model, so the cluster part is off in both, as in `learning_curve`).

    A county reviews more than 260 reports over time; this says how far labels from more writers carry on a writer
    none of them is. One store per label set holds the labelled items and the judged sets, unlabelled.
    """
    from pipeline.themes import ThemeAssigner

    pools = {"dev_labels": ("dev",), "pooled_tuning_labels": tuple(n for n in POOLED_TUNING if n in corpora)}
    scored = tuple(n for n in scored if n in corpora)
    out: dict = {"label_sets": {k: {"corpora": list(v), "labels": sum(len(corpora[n]["gold"]) for n in v)}
                                for k, v in pools.items()}, "scored": {}}
    for pool_name, pool in pools.items():
        E_all, lem_all, phen_all, ids_all, start = _one_store(corpora, [*pool, *scored])
        labels = [g for n in pool for g in corpora[n]["gold"]] + [None] * sum(len(corpora[n]["gold"]) for n in scored)
        for route, extra in routes.items():
            a = ThemeAssigner(vocab, embedder=embedder, **overrides, **extra).fit(
                E_all, lem_all, labels=labels, report_ids=ids_all, phenomenon=phen_all)
            for n in scored:
                pos = list(range(start[n], start[n] + len(corpora[n]["lemmas"])))
                preds = a.predict(E_all[pos], [lem_all[i] for i in pos], phenomenon=[phen_all[i] for i in pos])
                m = metrics([[k for k, _, _ in p] for p in preds], corpora[n]["gold"], keys)
                out["scored"].setdefault(n, {}).setdefault(route, {})[pool_name] = {
                    k: m[k] for k in ("micro_f1", "macro_f1", "top1_hit")}
    return out


def main() -> int:  # noqa: C901, PLR0915 - one linear benchmark script
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "data" / "reports_dev.csv")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "quality.json")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-signals", action="store_true", help="skip the weak-signal check")
    ap.add_argument("--no-independent", action="store_true", help="dev only (for tuning runs)")
    ap.add_argument("--zero-shot-only", action="store_true", help="skip the reviewed modes (zero-shot checks)")
    ap.add_argument("--no-curve", action="store_true", help="skip the learning curve over reviewed-label counts")
    ap.add_argument("--no-pooled", action="store_true", help="skip the judged set with the pooled tuning labels")
    ap.add_argument("--no-dev-bank-folds", action="store_true",
                    help="skip the dev k-fold of the bank route with reviewed labels (five bank-head fits)")
    ap.add_argument("--only", default=None, metavar="a,b,c,d",
                    help="score only these independent sets (tuning runs; default all)")
    ap.add_argument("--set", action="append", default=[], metavar="PARAM=VALUE",
                    help="a ThemeAssigner parameter for this run (float), e.g. description_weight=0.8")
    args = ap.parse_args()
    overrides = {k: float(v) for k, v in (item.split("=", 1) for item in args.set)}

    from sklearn.model_selection import KFold

    from pipeline.settings import ThemesParams
    from pipeline.themes import ThemeAssigner, lemmatize_texts, load_vocabulary
    from pipeline.themes.bank import NAME as BANK
    from pipeline.themes.bank import load_bank
    from pipeline.themes.head import NAME as HEAD
    from pipeline.themes.scorers import DEFAULT_SCORERS
    from pipeline.topics import TopicModel

    t0 = time.perf_counter()
    vocab = load_vocabulary()
    keys = vocab.keys
    dev = read_corpus(args.dev, set(keys))
    corpora = {"dev": dev}
    if not args.no_independent:
        corpora["indep_a_reports"] = read_corpus(INDEP / "themes_a" / "reports.csv", set(keys))
        corpora["indep_b_reports"] = read_corpus(INDEP / "themes_b" / "reports.csv", set(keys))
        corpora["indep_a_statements"] = read_corpus(INDEP / "themes_a" / "statements.csv", set(keys), "text")
        if (INDEP / "themes_c").exists():  # the fresh held-out set (session 3), scored once as baseline, once after
            corpora["indep_c_reports"] = read_corpus(INDEP / "themes_c" / "reports.csv", set(keys))
            corpora["indep_c_statements"] = read_corpus(INDEP / "themes_c" / "statements.csv", set(keys), "text")
        if (INDEP / "themes_d").exists():  # the fresh held-out set of session 4, scored once with the final code
            corpora["indep_d_reports"] = read_corpus(INDEP / "themes_d" / "reports.csv", set(keys))
            corpora["indep_d_statements"] = read_corpus(INDEP / "themes_d" / "statements.csv", set(keys), "text")
    if args.only:
        wanted = {f"indep_{w}_" for w in args.only.split(",")}
        corpora = {n: c for n, c in corpora.items() if n == "dev" or any(n.startswith(x) for x in wanted)}
    # The reviewed routes: the default (logistic part (d)) and the reviewed head replacing it.
    routes = {"reviewed": {}, "reviewed_head": {"scorers": (*DEFAULT_SCORERS, HEAD)}}
    if args.zero_shot_only:
        routes = {}

    embedder, embedder_id = load_embedder()
    from pipeline.lemmas import get_lemmatizer

    lemmatizer_id = get_lemmatizer().id
    timings: dict[str, float] = {}
    t = time.perf_counter()
    for c in corpora.values():
        c["E"] = np.asarray(_cached(embedder_id, c["texts"], embedder.embed), dtype=np.float32)
    timings["embed"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    for c in corpora.values():
        c["lemmas"] = _cached(lemmatizer_id, c["texts"], lemmatize_texts)
    timings["lemmas"] = round(time.perf_counter() - t, 2)

    # The bank route: vocabulary + bank (zero-shot), dev labels + bank (reviewed), with the shipped bank weights.
    tp = ThemesParams()
    bank = load_bank(embedder)
    bank_nodev = bank.without_writers(["dev"])
    bank_kw = {"scorers": (*DEFAULT_SCORERS, BANK), "bank_weight": tp.bank_weight,
               "bank_county_weight": tp.bank_county_weight}

    def topics_of(E: np.ndarray, lemmas: list[list[str]]) -> np.ndarray:
        return np.asarray(TopicModel().fit(E, [" ".join(lem) for lem in lemmas]).topics_)

    def names(preds) -> list[list[str]]:  # noqa: ANN001
        return [[k for k, _, _ in p] for p in preds]

    result: dict = {"overrides": overrides, "embedder": embedder_id, "lemmatizer": lemmatizer_id, "vocabulary": vocab.id,
                    "tuned_on": "vocabulary v4 and the zero-shot parameters: dev, themes_a, themes_b, themes_c (tuning sets, "
                                "bench/themes_pooled_cv.py); themes_d is the judged set, scored once with the final code",
                    "corpora": {},
                    "bank": {"items": len(bank), "writers": sorted(set(bank.writers)), "shipped_embeddings": bank.shipped,
                             "bank_weight": tp.bank_weight, "bank_county_weight": tp.bank_county_weight,
                             "in_sample": "dev, themes_a, themes_b, themes_c are in the bank (their *_bank figures "
                                          "are in-sample for it, except dev's *_without_dev); themes_d is not"}}

    # ---- dev: zero-shot and reviewed k-fold
    t = time.perf_counter()
    E, lem, phen, gold = dev["E"], dev["lemmas"], dev["phen"], dev["gold"]
    ids = list(dev["df"].report_id)
    dev_topics = topics_of(E, lem)
    zs = ThemeAssigner(vocab, embedder=embedder, **overrides).fit(E, lem, topics=dev_topics)
    dev_zs = names(zs.predict(E, lem, topics=dev_topics, phenomenon=phen))
    # Statements carry no phenomenon_type: the dev analogue scores the same reports without it.
    dev_zs_nometa = names(zs.predict(E, lem, topics=dev_topics))
    zb = ThemeAssigner(vocab, embedder=embedder, **{**bank_kw, **overrides}, bank=bank_nodev).fit(
        E, lem, topics=dev_topics)
    result["corpora"]["dev"] = {"reports": len(gold), "zero_shot": metrics(dev_zs, gold, keys),
                                "zero_shot_without_phenomenon_type": metrics(dev_zs_nometa, gold, keys),
                                "zero_shot_bank_without_dev": metrics(
                                    names(zb.predict(E, lem, topics=dev_topics, phenomenon=phen)), gold, keys)}
    if routes and not args.no_dev_bank_folds:  # the bank route with reviewed labels, bank less dev (dev's labels
        # are the folds')
        routes_dev = {**routes, "reviewed_bank_without_dev": {**bank_kw, "bank": bank_nodev}}
    else:
        routes_dev = routes
    for route, extra in routes_dev.items():
        rv_pred: list[list[str]] = [[] for _ in gold]
        for train, test in KFold(n_splits=args.folds, shuffle=True, random_state=42).split(gold):
            labels: list = [None] * len(gold)
            for i in train:
                labels[i] = gold[i]
            a = ThemeAssigner(vocab, embedder=embedder, **{**extra, **overrides}).fit(
                E, lem, labels=labels, topics=dev_topics, report_ids=ids, phenomenon=phen)
            for i, p in zip(test, a.predict(E[test], [lem[i] for i in test], topics=dev_topics[test],
                                            phenomenon=[phen[i] for i in test])):
                rv_pred[i] = [k for k, _, _ in p]
        result["corpora"]["dev"][f"{route}_{args.folds}fold"] = metrics(rv_pred, gold, keys)
    timings["dev"] = round(time.perf_counter() - t, 2)

    # ---- independent: zero-shot (the scored corpus is its own reference) and reviewed (dev labels imported)
    preds_all: dict[str, dict[str, list[list[str]]]] = {}
    for name, c in corpora.items():
        if name == "dev":
            continue
        t = time.perf_counter()
        is_report = c["phen"] is not None
        E, lem, phen = c["E"], c["lemmas"], c["phen"]
        topics = topics_of(E, lem) if is_report else None
        zs = ThemeAssigner(vocab, embedder=embedder, **overrides).fit(E, lem, topics=topics)
        p_zs = names(zs.predict(E, lem, topics=topics, phenomenon=phen))
        zb = ThemeAssigner(vocab, embedder=embedder, **{**bank_kw, **overrides}, bank=bank).fit(E, lem, topics=topics)
        p_zb = names(zb.predict(E, lem, topics=topics, phenomenon=phen))
        # Reviewed: one store holding the dev reports (labels imported) and the new ones (unlabelled).
        E_all = np.vstack([dev["E"], E])
        lem_all = list(dev["lemmas"]) + list(lem)
        topics_all = topics_of(E_all, lem_all) if is_report else None
        phen_all = list(dev["phen"]) + (list(phen) if is_report else [""] * len(lem))
        labels = list(dev["gold"]) + [None] * len(lem)
        ids_all = ids + [f"x{i}" for i in range(len(lem))]
        entry = {"items": len(lem), "zero_shot": metrics(p_zs, c["gold"], keys),
                 "zero_shot_bank": metrics(p_zb, c["gold"], keys),
                 "bank_in_sample": not name.startswith("indep_d")}
        preds_all[name] = {"zero_shot": p_zs, "zero_shot_bank": p_zb}
        for route, extra in ({**routes, "reviewed_bank": {**bank_kw, "bank": bank}} if routes else {}).items():
            rv = ThemeAssigner(vocab, embedder=embedder, **{**extra, **overrides}).fit(
                E_all, lem_all, labels=labels, topics=topics_all, report_ids=ids_all, phenomenon=phen_all)
            p = names(rv.predict(E, lem, topics=topics_all[len(dev["E"]):] if is_report else None, phenomenon=phen))
            entry[f"{route}_dev_labels"] = metrics(p, c["gold"], keys)
            preds_all[name][route] = p
        p_rv = preds_all[name].get("reviewed", [[] for _ in lem])
        p_rb = preds_all[name].get("reviewed_bank", [[] for _ in lem])
        if "language" in c["df"] and c["df"].language.nunique() > 1:
            entry["by_language"] = {}
            for lang in sorted(c["df"].language.unique()):
                m = np.flatnonzero(c["df"].language.to_numpy() == lang)
                entry["by_language"][lang] = {
                    "n": len(m),
                    "zero_shot_micro_f1": metrics([p_zs[i] for i in m], [c["gold"][i] for i in m], keys)["micro_f1"],
                    "reviewed_micro_f1": metrics([p_rv[i] for i in m], [c["gold"][i] for i in m], keys)["micro_f1"],
                    "zero_shot_bank_micro_f1": metrics([p_zb[i] for i in m], [c["gold"][i] for i in m],
                                                       keys)["micro_f1"],
                    "reviewed_bank_micro_f1": metrics([p_rb[i] for i in m], [c["gold"][i] for i in m],
                                                      keys)["micro_f1"]}
        result["corpora"][name] = entry
        timings[name] = round(time.perf_counter() - t, 2)

    rep = [n for n in ("indep_a_reports", "indep_b_reports") if n in preds_all]
    if preds_all and rep and "indep_a_statements" in preds_all:
        gold_r = [g for n in rep for g in corpora[n]["gold"]]
        result["independent_reports"] = {"items": len(gold_r), **{
            (m if m.startswith("zero_shot") else f"{m}_dev_labels"):
                metrics([p for n in rep for p in preds_all[n][m]], gold_r, keys)
            for m in ("zero_shot", "zero_shot_bank", *routes, *(("reviewed_bank",) if routes else ()))}}

    # ---- learning curve: reviewed labels 25 / 50 / 100 (random dev subsets, 3 seeds) → held-out dev, independent
    if not args.no_curve and not args.no_independent and routes:
        t = time.perf_counter()
        result["learning_curve"] = learning_curve(corpora, vocab, embedder, overrides, routes, keys)
        # The 260 point is the tables' own figures (dev: 5-fold, 208 labels per fold; independent: all 260).
        table = {"dev_held_out": ("dev", f"_{args.folds}fold"), "indep_reports_ab": (None, "_dev_labels"),
                 "fresh_reports_c": ("indep_c_reports", "_dev_labels"),
                 "statements_a": ("indep_a_statements", "_dev_labels"),
                 "fresh_statements_c": ("indep_c_statements", "_dev_labels"),
                 "fresh_reports_d": ("indep_d_reports", "_dev_labels"),
                 "fresh_statements_d": ("indep_d_statements", "_dev_labels")}
        for route in routes:
            result["learning_curve"]["routes"][route]["260"] = {
                s: {"mean": (result["independent_reports"] if c is None else result["corpora"][c])[route + suf]
                    ["micro_f1"]} for s, (c, suf) in table.items() if s in result["learning_curve"]["sets"]}
        timings["learning_curve"] = round(time.perf_counter() - t, 2)

    # ---- more reviewed labels: the four tuning writers pooled, scored on the judged set (d)
    if not args.no_pooled and not args.no_independent and routes and "indep_d_reports" in corpora:
        t = time.perf_counter()
        result["reviewed_pooled"] = pooled_reviewed(corpora, vocab, embedder, overrides, routes, keys)
        timings["reviewed_pooled"] = round(time.perf_counter() - t, 2)

    # ---- weak signals (dev), as of the last date
    if not args.no_signals:
        from pipeline.signals import SignalDetector

        t = time.perf_counter()
        is_new = np.array(["new" in g for g in dev["gold_all"]])
        dates = [date.fromisoformat(d) for d in dev["df"].submitted]
        as_of = max(dates)
        sig = SignalDetector().fit(dev["E"], dates, ids, dev["lemmas"], as_of).signals_
        flagged = [s for s in sig if s.flagged]
        new_ids = {rid for rid, n in zip(ids, is_new) if n}
        in_flagged = {r for s in flagged for r in s.report_ids}
        best = max(flagged, key=lambda s: len(new_ids & set(s.report_ids)), default=None)
        result["signals_dev"] = {
            "as_of": as_of.isoformat(), "new_reports": len(new_ids),
            "recall": round(len(new_ids & in_flagged) / max(len(new_ids), 1), 4),
            "new_in_best_signal": len(new_ids & set(best.report_ids)) if best else 0,
            "false_flags": len(in_flagged - new_ids), "flagged_signals": len(flagged), "candidates": len(sig)}
        timings["signals"] = round(time.perf_counter() - t, 2)

    result["targets"] = TARGETS
    result["timings_s"] = {**timings, "total": round(time.perf_counter() - t0, 2)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    print(f"\nquality ({embedder_id}; {lemmatizer_id}; {vocab.id})")
    print(f"{'corpus':<22}{'mode':<22}{'n':>5}{'micro-F1':>10}{'macro-F1':>10}{'top-1':>8}{'themes':>8}")
    rows = [("dev", k, v) for k, v in result["corpora"]["dev"].items() if isinstance(v, dict)]
    rows += [(n, k, v) for n, e in result["corpora"].items() if n != "dev" for k, v in e.items()
             if k in ("zero_shot", "reviewed_dev_labels", "reviewed_head_dev_labels", "zero_shot_bank",
                      "reviewed_bank_dev_labels")]
    if "independent_reports" in result:
        rows += [("indep reports (a+b)", k, v) for k, v in result["independent_reports"].items() if isinstance(v, dict)]
    for n, k, m in rows:
        print(f"{n:<22}{k:<22}{m['n']:>5}{m['micro_f1']:>10.3f}{m['macro_f1']:>10.3f}{m['top1_hit']:>8.3f}"
              f"{m['mean_themes']:>8.2f}")
    dev_c = result["corpora"]["dev"]
    pairs = [("dev zs", dev_c["zero_shot"]), ("dev rv", dev_c.get(f"reviewed_{args.folds}fold"))]
    if "independent_reports" in result:
        st = result["corpora"]["indep_a_statements"]
        pairs += [("ind zs", result["independent_reports"]["zero_shot"]),
                  ("ind rv", result["independent_reports"].get("reviewed_dev_labels")),
                  ("st zs", st["zero_shot"]), ("st rv", st.get("reviewed_dev_labels"))]
    for name, short in (("indep_c_reports", "c"), ("indep_c_statements", "c st"), ("indep_d_reports", "d"),
                        ("indep_d_statements", "d st")):
        if name in result["corpora"]:
            pairs += [(f"{short} zs", result["corpora"][name]["zero_shot"]),
                      (f"{short} zsB", result["corpora"][name]["zero_shot_bank"]),
                      (f"{short} rv", result["corpora"][name].get("reviewed_dev_labels")),
                      (f"{short} rvB", result["corpora"][name].get("reviewed_bank_dev_labels"))]
    heads = [h for h, c in pairs if c is not None]  # --zero-shot-only has no reviewed columns
    cols = [c for _, c in pairs if c is not None]
    print(f"\n{'theme':<20}" + "".join(f"{h:>10}" for h in heads))
    for k in keys:
        print(f"{k:<20}" + "".join(f"{c['per_theme_f1'][k]:>10.3f}" for c in cols))
    if "learning_curve" in result:
        lc = result["learning_curve"]
        print(f"\nlearning curve (micro-F1, mean of {len(lc['seeds'])} seeds): " + ", ".join(lc["sets"]))
        for route, pts in lc["routes"].items():
            for n, v in pts.items():
                print(f"{route:<16}{n:>5} labels  " + "  ".join(f"{v[s]['mean']:.3f}" for s in lc["sets"]))
    if "reviewed_pooled" in result:
        rp = result["reviewed_pooled"]
        print("\nreviewed labels, no topic model: " + ", ".join(f"{k} = {v['labels']} labels"
                                                         for k, v in rp["label_sets"].items()))
        for n, by_route in rp["scored"].items():
            for route, v in by_route.items():
                print(f"{n:<22}{route:<16}" + "  ".join(f"{k} {m['micro_f1']:.3f}" for k, m in v.items()))
    if "signals_dev" in result:
        s = result["signals_dev"]
        print(f"\nweak signals (dev) as of {s['as_of']}: {s['new_in_best_signal']}/{s['new_reports']} in one signal, "
              f"false flags {s['false_flags']}")
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
