"""Signals with `pipeline.signal_clustering` (scipy/numpy) against scikit-learn's AgglomerativeClustering and
TfidfVectorizer (the code before): the same signals, week by week, for every registered detector on the dev
timeline (``bench/signals_timeline.py``'s cached dev corpus, real embeddings) and on a bench store (a cold store of
``bench/pipeline.py``, given with ``--store``); and the signal step's cost in fresh processes, alternating.

Run: ``.venv/bin/python bench/signals_sklearn_ab.py [--store sqlite:///.../store.db]`` ->
``bench/results/signals_sklearn_ab.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def use_sklearn() -> None:
    """Put scikit-learn's own computations back into `pipeline.signals` (the code before the change)."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    import pipeline.signals as sig

    def labels(X, distance_threshold=None, n_clusters=None):  # noqa: ANN001, ANN202
        return AgglomerativeClustering(n_clusters=n_clusters, distance_threshold=distance_threshold,
                                       metric="cosine", linkage="average").fit_predict(X)

    def tfidf(docs, ngram_range=(4, 5)):  # noqa: ANN001, ANN202
        return TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range, sublinear_tf=True,
                               dtype=np.float32).fit_transform(docs)

    sig.average_linkage_labels = labels
    sig.char_tfidf_rows = tfidf


def timeline(corpus, detector_name: str, as_ofs: list[dt.date]) -> list[list[dict]]:  # noqa: ANN001
    from pipeline.settings import get_settings
    from pipeline.signals import detect, detector_from_params

    params = get_settings().signals.model_copy(update={"detector": detector_name})
    detector = detector_from_params(params)
    previous: list = []
    weeks = []
    for as_of in as_ofs:
        found = detect(corpus, as_of, detector, previous)
        weeks.append([asdict(s) for s in found])
        previous = found
    return weeks


def _corpora(store: str | None) -> dict:
    from bench.signals_timeline import DEV_CSV, load_corpus_cached, weekly

    out = {"dev": (load_corpus_cached("dev", [DEV_CSV]), weekly(dt.date(2025, 8, 1), dt.date(2025, 11, 28)))}
    if store:
        from pipeline.corpus import load_corpus
        from pipeline.embeddings import get_embedder
        from pipeline.store import get_engine

        c = load_corpus(get_engine(store), get_embedder())
        last = max(c.submitted)
        out["bench_store"] = (c, weekly(last - dt.timedelta(days=7 * 12), last))
    return out


def child_time(mode: str, store: str) -> None:
    """One signal step as the nightly flow runs it (import, read the store's window, detect), timed."""
    t0 = time.perf_counter()
    from pipeline import steps
    from pipeline.store import get_engine

    engine = get_engine(store)
    corpus = steps.corpus(engine)
    t1 = time.perf_counter()
    if mode == "sklearn":  # the code before: scikit-learn imported by the step
        use_sklearn()
    found = steps.signals(engine, corpus, max(corpus.submitted), "ab")
    print(json.dumps({"signals_step_s": time.perf_counter() - t1, "with_corpus_s": time.perf_counter() - t0,
                      "found": found, "sklearn_imported": "sklearn" in sys.modules}))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", default=None, help="a bench store (sqlite URL) for the second timeline and timing")
    args = ap.parse_args()
    from pipeline.registry import registry
    import pipeline.signals  # noqa: F401 - registers the detectors

    names = sorted(registry.signal_detectors.names())
    corpora = _corpora(args.store)
    new = {c: {d: timeline(corp, d, weeks) for d in names} for c, (corp, weeks) in corpora.items()}
    use_sklearn()
    old = {c: {d: timeline(corp, d, weeks) for d in names} for c, (corp, weeks) in corpora.items()}
    same = {c: {d: new[c][d] == old[c][d] for d in names} for c in corpora}
    counts = {c: {d: sum(len(w) for w in new[c][d]) for d in names} for c in corpora}
    out = {"identical": same, "signals_over_all_weeks": counts,
           "weeks": {c: len(w) for c, (_, w) in corpora.items()}, "load_avg": os.getloadavg()}
    if args.store:
        runs: dict[str, list] = {"numpy": [], "sklearn": []}
        for _ in range(2):
            for mode in ("sklearn", "numpy"):
                res = subprocess.run([sys.executable, __file__, "--child", mode, args.store], capture_output=True,
                                     text=True, check=True, cwd=ROOT)
                runs[mode].append(json.loads(res.stdout.strip().splitlines()[-1]))
        out["fresh_process_ab"] = runs
        out["load_avg_after"] = os.getloadavg()
    path = ROOT / "bench" / "results" / "signals_sklearn_ab.json"
    path.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2, default=str))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_time(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(main())
