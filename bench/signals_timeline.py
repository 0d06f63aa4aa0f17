"""Weak signals over time: a weekly nightly run across each emerging phenomenon, scored the way an analyst sees it.

For each corpus (dev: ``../shared/data/reports_dev.csv``, phenomenon = rows whose themes contain ``new``;
independent: ``bench/data/independent/themes/themes_b`` phenomena P1–P3 with ``themes_a`` as background;
signals_c: ``bench/data/independent/signals_c``, a held-out half year with P1–P4 and its own background;
signals_d: ``bench/data/independent/signals_d``, this session's fresh held-out set, Q1–Q4, a store from 2026-03-02;
the young-store scenarios ``dev_young``, ``themes_b_young_p1``, ``themes_b_young_p23``: dev and themes_b with the
history before a date dropped, so that a phenomenon starts 2–3 weeks after the store does -- tuning data for a young
store, like signals_c and signals_d) the reports are ingested into a temporary store (real ingest: validation,
pseudonymisation, near-duplicates), the features step lemmatises them and the real e5-small embedder embeds them
once (the embedding cache of that store, and the loaded `Corpus` cached under /tmp so reruns take seconds). Then, every week, the detection runs as of that date
on the reports submitted up to it (``Corpus.until``), with the previous week's signals as ``previous`` -- exactly
what the nightly flow does (`pipeline.signals.detect`).

Scored per phenomenon: reports of the phenomenon seen up to the first week it is flagged; weeks lost (weeks from the
first flag to the phenomenon's last report in which no flagged signal covers it; a signal covers a phenomenon when
at least 2 and at least half of its reports belong to it); weeks merged (a flagged signal covering it also holds >= 2 reports
of another phenomenon). Per week: "other" reports (not of any phenomenon) inside flagged signals.
Targets (issue 18): flagged by its 3rd report, 0 weeks lost, 0 weeks merged, <= 1 other report per week on average,
<= 2 in any week. Tune on dev; the independent set is scored once per change and reported beside it.

Also scored, for comparison, BERTopic's own routes, each with an active model fitted on the reports before the
timeline starts: ``bertopic_outliers+<default>`` (only the recent reports the active model calls outliers may start a
signal), ``bertopic_merge_models`` (each week a BERTopic model fitted on the recent reports, merged into the active
one with ``BERTopic.merge_models``; its new topics are the signals) and ``bertopic_outliers+merge_models+<default>``
(outliers and new-topic members are the candidates of the default detector).

    .venv/bin/python bench/signals_timeline.py            # all corpora, writes bench/results/signals_timeline.json
    .venv/bin/python bench/signals_timeline.py --no-routes --detectors signal_detector.bertrend.v2 \
        signal_detector.bertrend.v4 signal_detector.bertrend.v5 signal_detector.bertrend.v6 \
        signal_detector.bertrend.v7 signal_detector.bertrend.v8    # issue 18's final run (int8 default)
    SIGNAALI_EMBEDDER=fp32 .venv/bin/python bench/signals_timeline.py --no-routes --only dev independent signals_c \
        dev_young themes_b_young_p1 themes_b_young_p23 --detectors signal_detector.bertrend.v6 \
        signal_detector.bertrend.v8 --out bench/results/signals_timeline_fp32_tuning.json   # the encoder check
    .venv/bin/python bench/signals_timeline.py --only dev dev_young --no-routes   # tuning
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import pickle
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CACHE_DIR = Path(tempfile.gettempdir()) / "signaali_signals_timeline"
INDEP = ROOT / "bench" / "data" / "independent" / "themes"
DEV_CSV = ROOT.parent / "shared" / "data" / "reports_dev.csv"
SIGNALS_C = ROOT / "bench" / "data" / "independent" / "signals_c"
SIGNALS_D = ROOT / "bench" / "data" / "independent" / "signals_d"

TARGETS = {"flagged_by_report": 3, "weeks_lost": 0, "weeks_merged": 0, "other_per_week_mean": 1.0,
           "other_per_week_max": 2}


# ---------------------------------------------------------------------- corpora and their gold phenomena
def _file_hash(paths: list[Path]) -> str:
    h = hashlib.sha1()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def load_corpus_cached(name: str, paths: list[Path]):  # noqa: ANN201 - pipeline.corpus.Corpus
    """Ingest ``paths`` into a fresh temporary store, lemmatise, embed (real e5-small) and load the Corpus (cached)."""
    from pipeline.settings import apply_offline_env

    apply_offline_env()
    from pipeline.embeddings._base import resolve_embedder_name
    from pipeline.settings import get_settings

    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    settings = get_settings()  # the embedder is part of the key: SIGNAALI_EMBEDDER=onnx-int8 gets its own corpus
    emb = resolve_embedder_name(settings.embedder.name, settings.embedding_model_path).split(".")[1]
    cache = CACHE_DIR / f"{name}-{emb}-{_file_hash(paths)}.pkl"
    if cache.exists():
        with cache.open("rb") as f:
            return pickle.load(f)
    from pipeline.corpus import load_corpus
    from pipeline.embeddings import get_embedder
    from pipeline.features import lemmatize_missing
    from pipeline.ingest import ingest_files
    from pipeline.store import get_engine

    t = time.perf_counter()
    db = CACHE_DIR / f"{name}.db"
    db.unlink(missing_ok=True)
    engine = get_engine(f"sqlite:///{db}")
    summary = ingest_files(paths, engine)
    lemmatize_missing(engine)
    corpus = load_corpus(engine, get_embedder())
    print(f"{name}: ingested {summary.as_dict()['stored']} reports, embedded {len(corpus)} "
          f"({corpus.embedder_id}) in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    with cache.open("wb") as f:
        pickle.dump(corpus, f)
    return corpus


def dev_phenomena() -> tuple[dict[str, set[str]], set[str]]:
    """Dev: one phenomenon (energy poverty = themes containing ``new``); decoys from the notes."""
    with DEV_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    new = {r["report_id"] for r in rows if "new" in r["themes"].split(";")}
    return {"energy_poverty": new}, {"R-0043", "R-0192", "R-0234", "R-0039", "R-0137"}


def indep_phenomena() -> tuple[dict[str, set[str]], set[str]]:
    doc = json.loads((INDEP / "themes_b" / "phenomena.json").read_text(encoding="utf-8"))
    return ({p["id"]: set(p["report_ids"]) for p in doc},
            {d for p in doc for d in p.get("decoys", [])})


# ---------------------------------------------------------------------- one timeline
def weekly(start: dt.date, end: dt.date) -> list[dt.date]:
    out, d = [], start
    while d <= end:
        out.append(d)
        d += dt.timedelta(days=7)
    return out


def run_timeline(corpus, detect_fn, as_ofs: list[dt.date]) -> list[list]:  # noqa: ANN001
    """Signals per week (each week's detection gets the previous week's signals, as the nightly flow does)."""
    previous: list = []
    weeks = []
    for as_of in as_ofs:
        found = detect_fn(corpus, as_of, previous)
        weeks.append(found)
        previous = found
    return weeks


def score(corpus, weeks: list[list], as_ofs: list[dt.date], phenomena: dict[str, set[str]],  # noqa: ANN001
          decoys: set[str]) -> dict:
    """The issue-18 figures for one timeline (see the module docstring for the definitions)."""
    submitted = dict(zip(corpus.ids, corpus.submitted))
    phen_of = {rid: p for p, ids in phenomena.items() for rid in ids}
    per_week, per_phen = [], {p: {"covered_weeks": [], "merged_weeks": []} for p in phenomena}
    for as_of, found in zip(as_ofs, weeks):
        flagged = [s for s in found if s.flagged]
        others = sorted({r for s in flagged for r in s.report_ids if r not in phen_of})
        covered: dict[str, list[str]] = {}
        for s in flagged:
            counts = Counter(phen_of.get(r) for r in s.report_ids)
            main, n = max(((p, c) for p, c in counts.items() if p), key=lambda kv: kv[1], default=(None, 0))
            if main is None or n < 2 or n / len(s.report_ids) < 0.5:
                continue
            covered.setdefault(main, []).append(s.signal_id)
            if any(p and p != main and c >= 2 for p, c in counts.items()):
                per_phen[main]["merged_weeks"].append(as_of.isoformat())
        for p in phenomena:
            if p in covered:
                per_phen[p]["covered_weeks"].append(as_of.isoformat())
        per_week.append({"as_of": as_of.isoformat(), "flagged": len(flagged), "other_reports": len(others),
                         "decoys_flagged": sorted(set(others) & decoys),
                         "covered": {p: ids for p, ids in covered.items()}})
    out_phen = {}
    for p, ids in phenomena.items():
        cov = per_phen[p]["covered_weeks"]
        dates = sorted(submitted[r] for r in ids if r in submitted)
        if not cov:
            out_phen[p] = {"reports": len(ids), "first_report": dates[0].isoformat() if dates else None,
                           "first_flagged": None, "reports_seen_when_flagged": None, "weeks_lost": None,
                           "weeks_merged": len(set(per_phen[p]["merged_weeks"])), "signal_ids": []}
            continue
        first = dt.date.fromisoformat(cov[0])
        # lost = a week while the phenomenon is still reported (first flag .. its last report) without a flag;
        # dropping it after its reports stop and decay is the intended behaviour (counted separately)
        active = [d for d in as_ofs if first <= d <= max(dates[-1], first)]
        lost = [d.isoformat() for d in active if d.isoformat() not in cov]
        after_last = sum(1 for d in as_ofs if d > dates[-1] and d.isoformat() in cov)
        ids_seen = sorted({i for w in per_week if w["as_of"] in cov for i in w["covered"].get(p, [])})
        out_phen[p] = {"reports": len(ids), "first_report": dates[0].isoformat(), "first_flagged": cov[0],
                       "reports_seen_when_flagged": sum(d <= first for d in dates), "weeks_lost": len(lost),
                       "lost_weeks": lost, "last_report": dates[-1].isoformat(),
                       "weeks_flagged_after_last_report": after_last, "weeks_merged": len(set(per_phen[p]["merged_weeks"])),
                       "merged_weeks": sorted(set(per_phen[p]["merged_weeks"])), "signal_ids": ids_seen}
    others = [w["other_reports"] for w in per_week]
    summary = {"other_per_week_mean": round(float(np.mean(others)), 3) if others else 0.0,
               "other_per_week_max": int(max(others, default=0)), "weeks": len(as_ofs)}
    return {"phenomena": out_phen, "summary": summary, "per_week": per_week, "targets_met": _targets_met(out_phen, summary)}


def _targets_met(phen: dict, summary: dict) -> dict:
    seen = [v["reports_seen_when_flagged"] for v in phen.values()]
    return {
        "flagged_by_3rd_report": all(s is not None and s <= TARGETS["flagged_by_report"] for s in seen),
        "zero_weeks_lost": all(v["weeks_lost"] == 0 for v in phen.values()),
        "zero_weeks_merged": all(v["weeks_merged"] == 0 for v in phen.values()),
        "other_mean_le_1": summary["other_per_week_mean"] <= TARGETS["other_per_week_mean"],
        "other_max_le_2": summary["other_per_week_max"] <= TARGETS["other_per_week_max"],
    }


# ---------------------------------------------------------------------- the routes compared
def product_route(detector):  # noqa: ANN001, ANN201
    from pipeline.signals import detect

    def fn(corpus, as_of, previous):  # noqa: ANN001, ANN202
        return detect(corpus, as_of, detector, previous)
    return fn


def outlier_route(corpus, detector, fit_until: dt.date):  # noqa: ANN001, ANN201
    """BERTopic's route: an active model fitted on the reports up to ``fit_until`` (as a retrain would); each week
    only the recent reports it calls outliers (-1, nearest-centroid assignment as the nightly topics step does) may
    start a signal; the v2 machinery (coherence, split, identity, hysteresis) groups them."""
    from pipeline.settings import TopicsParams
    from pipeline.signals import detect
    from pipeline.topics import assign_topics, fit_topics

    fitted = fit_topics(corpus.until(fit_until), TopicsParams(representation="ctfidf"))
    assigned = assign_topics(corpus, fitted.model, fitted.version).topic_of
    outliers = {rid for rid, t in assigned.items() if t == -1}
    info = {"fit_until": fit_until.isoformat(), "topics": len({t for t in fitted.topic_of.values() if t != -1}),
            "outlier_share": round(len(outliers) / max(len(assigned), 1), 3)}

    class _Candidates:
        """The detector with ``candidates`` bound (detect() calls fit without it)."""

        def __getattr__(self, name):  # noqa: ANN001, ANN204
            return getattr(detector, name)

        def fit(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            return detector.fit(*args, candidates=outliers, **kwargs)

    def fn(c, as_of, previous):  # noqa: ANN001, ANN202
        return detect(c, as_of, _Candidates(), previous)
    return fn, info


def merge_route(corpus, detector, fit_until: dt.date, combine: bool):  # noqa: ANN001, ANN201
    """BERTopic's other route: each week a BERTopic model is fitted on the recent reports (last ``recent_days``,
    centred with the active model's mean so both live in one space) and ``BERTopic.merge_models([active, recent])``
    adds the recent topics whose topic embedding is below ``min_similarity`` to every active topic. Those new topics
    are the signals.

    ``combine=False``: the new topics as they come out of BERTopic (a flagged signal per new topic of at least
    ``min_reports`` reports; an id carries over by member overlap of at least half). ``combine=True``: the new
    topics' members and the active model's outliers are the only reports that may start a v2 group (coherence,
    split, identity and hysteresis as in the product route)."""
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from umap import UMAP

    from pipeline.settings import TopicsParams
    from pipeline.signals import Signal, detect, signal_id_for
    from pipeline.topics import assign_topics, fit_topics

    fitted = fit_topics(corpus.until(fit_until), TopicsParams(representation="ctfidf"))
    active = fitted.model
    assigned = assign_topics(corpus, active, fitted.version).topic_of
    outliers = {rid for rid, t in assigned.items() if t == -1}
    X = np.asarray(corpus.embeddings, dtype=np.float32)
    Xc = X - active.mean_
    Xc /= np.linalg.norm(Xc, axis=1, keepdims=True)
    docs_all = [" ".join(lem) for lem in corpus.lemmas]
    info = {"fit_until": fit_until.isoformat(), "topics": len(active.centroids_), "min_similarity": 0.7,
            "new_topics_per_week": []}

    def new_topic_groups(as_of: dt.date) -> list[list[str]]:
        start = as_of - dt.timedelta(days=detector.recent_days)
        idx = [i for i, d in enumerate(corpus.submitted) if start < d <= as_of]
        if len(idx) < 10:
            info["new_topics_per_week"].append(0)
            return []
        n = len(idx)
        recent_model = BERTopic(
            umap_model=UMAP(n_neighbors=min(15, n - 1), n_components=min(5, n - 2), min_dist=0.0, metric="cosine",
                            random_state=42, low_memory=True),
            hdbscan_model=HDBSCAN(min_cluster_size=detector.min_reports, metric="euclidean",
                                  cluster_selection_method="eom", prediction_data=True),
            vectorizer_model=active._vectorizer(n), calculate_probabilities=False, verbose=False,
            language="multilingual")
        topics, _ = recent_model.fit_transform([docs_all[i] for i in idx], embeddings=Xc[idx])
        merged = BERTopic.merge_models([active.bertopic_, recent_model], min_similarity=0.7)
        n_active = len(active.bertopic_.topic_embeddings_)
        added = np.asarray(merged.topic_embeddings_)[n_active:]
        rec_emb = np.asarray(recent_model.topic_embeddings_)
        offset = 1 if -1 in set(topics) else 0
        new_ids = []
        for row in added:  # which recent topic each added embedding came from
            k = int(np.argmin(np.abs(rec_emb - row).sum(axis=1)))
            new_ids.append(k - offset)
        groups = [[corpus.ids[idx[j]] for j, t in enumerate(topics) if t == k] for k in new_ids if k != -1]
        groups = [g for g in groups if len(g) >= detector.min_reports]
        info["new_topics_per_week"].append(len(groups))
        return groups

    if combine:
        class _Candidates:
            def __getattr__(self, name):  # noqa: ANN001, ANN204
                return getattr(detector, name)

            def fit(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
                as_of = args[4] if len(args) > 4 else kwargs["as_of"]
                allowed = outliers | {r for g in new_topic_groups(as_of) for r in g}
                return detector.fit(*args, candidates=allowed, **kwargs)

        def fn(c, as_of, previous):  # noqa: ANN001, ANN202
            return detect(c, as_of, _Candidates(), previous)
        return fn, info

    submitted = dict(zip(corpus.ids, corpus.submitted))

    def fn_raw(c, as_of, previous):  # noqa: ANN001, ANN202
        out = []
        for g in new_topic_groups(as_of):
            ds = sorted(submitted[r] for r in g)
            sid = signal_id_for(g, [submitted[r] for r in g])
            for old in previous:
                if len(set(g) & set(old.report_ids)) >= 0.5 * min(len(g), len(old.report_ids)):
                    sid = old.signal_id
                    break
            out.append(Signal(signal_id=sid, status="weak", report_ids=sorted(g, key=lambda r: submitted[r]),
                              keywords=[], first_seen=ds[0].isoformat(), growth=0.0, popularity=float(len(g)),
                              reason="uusi aihe BERTopicin merge_models-vertailussa", as_of=as_of.isoformat()))
        return out
    return fn_raw, info


def timeline_set_phenomena(folder: Path):  # noqa: ANN201
    """A held-out timeline set's gold (``phenomena.json``: id, report_ids, decoys; its background comes with it)."""
    def fn() -> tuple[dict[str, set[str]], set[str]]:
        doc = json.loads((folder / "phenomena.json").read_text(encoding="utf-8"))
        return {p["id"]: set(p["report_ids"]) for p in doc}, {d for p in doc for d in p.get("decoys", [])}
    return fn


signals_c_phenomena = timeline_set_phenomena(SIGNALS_C)


def young(load, store_from: dt.date):  # noqa: ANN001, ANN201
    """A young store: the corpus with every report before ``store_from`` dropped (as if the store started then)."""
    def fn():  # noqa: ANN202
        c = load()
        return c.subset([r for r, d in zip(c.ids, c.submitted) if d >= store_from])
    return fn


def _dev() -> "object":
    return load_corpus_cached("dev", [DEV_CSV])


def _themes_b() -> "object":
    return load_corpus_cached("independent", [INDEP / "themes_a" / "reports.csv", INDEP / "themes_b" / "reports.csv"])


# The young-store scenarios (tuning data: dev and themes_b, which were tuned on before): the same corpora with the
# history before a date dropped, so that a phenomenon starts two to three weeks after the store does -- the case of
# signals_c and signals_d (a store that starts shortly before its first phenomenon).
YOUNG = {
    "dev_young": (young(_dev, dt.date(2025, 8, 25)), dev_phenomena, dt.date(2025, 9, 1), dt.date(2025, 11, 28),
                  dt.date(2025, 9, 1)),
    "themes_b_young_p1": (young(_themes_b, dt.date(2025, 3, 24)), indep_phenomena, dt.date(2025, 3, 31),
                          dt.date(2025, 12, 19), dt.date(2025, 4, 7)),
    "themes_b_young_p23": (young(_themes_b, dt.date(2025, 8, 20)), indep_phenomena, dt.date(2025, 8, 29),
                           dt.date(2025, 12, 19), dt.date(2025, 9, 5)),
}


def corpora() -> dict:
    """name -> (load, gold, first as-of, last as-of, active model fitted on reports up to this date)."""
    return {
        "dev": (lambda: load_corpus_cached("dev", [DEV_CSV]), dev_phenomena,
                dt.date(2025, 8, 1), dt.date(2025, 11, 28), dt.date(2025, 7, 25)),
        "independent": (lambda: load_corpus_cached("independent", [INDEP / "themes_a" / "reports.csv",
                                                                  INDEP / "themes_b" / "reports.csv"]),
                        indep_phenomena, dt.date(2025, 3, 7), dt.date(2025, 12, 19), dt.date(2025, 2, 28)),
        # the store starts with the set (2025-01-06): weekly runs from its second week; the active model of the
        # BERTopic routes is fitted on its first four weeks (fewer than 10 reports cannot be fitted)
        "signals_c": (lambda: load_corpus_cached("signals_c", [SIGNALS_C / "reports.csv"]), signals_c_phenomena,
                      dt.date(2025, 1, 17), dt.date(2025, 6, 27), dt.date(2025, 2, 2)),
        # the fresh held-out set of this session (written outside the project; Q1-Q4): a store that starts
        # 2026-03-02, one phenomenon two weeks later; weekly runs from its second week
        "signals_d": (lambda: load_corpus_cached("signals_d", [SIGNALS_D / "reports.csv"]),
                      timeline_set_phenomena(SIGNALS_D), dt.date(2026, 3, 9), dt.date(2026, 7, 31),
                      dt.date(2026, 3, 29)),
        **YOUNG,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None,
                    help="default bench/results/signals_timeline.json (with --only: written only when given)")
    ap.add_argument("--only", nargs="+", choices=list(corpora()), default=None,
                    help="these corpora only (tuning: dev, independent and the young scenarios)")
    ap.add_argument("--no-routes", action="store_true", help="registered detectors only (no BERTopic routes)")
    ap.add_argument("--cache-only", action="store_true", help="build the corpus caches and stop")
    ap.add_argument("--detectors", nargs="*", default=None, help="registered detector names (default: all)")
    ap.add_argument("--no-outlier-route", action="store_true", help="skip BERTopic's outlier route")
    args = ap.parse_args()

    from pipeline.registry import registry
    from pipeline.settings import SignalsParams
    from pipeline.signals import detector_from_params

    names = args.detectors or registry.signal_detectors.names()
    out = {"targets": TARGETS, "corpora": {}}
    for cname, (load, gold, start, end, fit_until) in corpora().items():
        if args.only and cname not in args.only:
            continue
        corpus = load()
        if args.cache_only:
            continue
        phenomena, decoys = gold()
        present = set(corpus.ids)  # a young store holds only part of a phenomenon that started before it
        phenomena = {p: ids & present for p, ids in phenomena.items() if ids & present}
        as_ofs = weekly(start, end)
        out["corpora"][cname] = {"reports": len(corpus), "phenomena": {p: len(v) for p, v in phenomena.items()},
                                 "embedder": corpus.embedder_id,
                                 "as_of": [as_ofs[0].isoformat(), as_ofs[-1].isoformat()], "detectors": {}}
        for name in names:
            t = time.perf_counter()
            det = detector_from_params(SignalsParams(detector=name))
            weeks = run_timeline(corpus, product_route(det), as_ofs)
            res = score(corpus, weeks, as_ofs, phenomena, decoys)
            res["seconds"] = round(time.perf_counter() - t, 2)
            out["corpora"][cname]["detectors"][name] = res
            _print(cname, name, res)
        if args.no_routes:
            continue
        # BERTopic's routes, each grouped by the default detector (settings.signals.detector)
        base = SignalsParams().detector
        tag = base.rsplit(".", 1)[-1]
        det = detector_from_params(SignalsParams(detector=base))
        for route, label in (("outliers", f"bertopic_outliers+{tag}"), ("merge", "bertopic_merge_models"),
                             ("combined", f"bertopic_outliers+merge_models+{tag}")):
            if route == "outliers" and args.no_outlier_route:
                continue
            t = time.perf_counter()
            fn, info = outlier_route(corpus, det, fit_until) if route == "outliers" else \
                merge_route(corpus, det, fit_until, combine=route == "combined")
            res = score(corpus, run_timeline(corpus, fn, as_ofs), as_ofs, phenomena, decoys)
            res.update(seconds=round(time.perf_counter() - t, 2), active_model=info)
            out["corpora"][cname]["detectors"][label] = res
            _print(cname, label, res)
    if args.cache_only:
        return 0
    if args.out is None and not args.only:
        args.out = ROOT / "bench" / "results" / "signals_timeline.json"
    if args.out is not None:
        args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


def _print(cname: str, name: str, res: dict) -> None:
    """One line per (corpus, route): per phenomenon (reports seen when flagged, weeks lost, weeks merged)."""
    print(f"{cname:12s} {name:34s} " + json.dumps({p: (v["reports_seen_when_flagged"], v["weeks_lost"],
                                                        v["weeks_merged"]) for p, v in res["phenomena"].items()})
          + f" other mean {res['summary']['other_per_week_mean']} max {res['summary']['other_per_week_max']}")


if __name__ == "__main__":
    raise SystemExit(main())
