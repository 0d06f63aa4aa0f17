"""Weak signals (DESIGN §7): groups of recent reports that are new and/or growing, classified BERTrend-style.

How a signal is found, as of a date:
1. the recent reports (last ``recent_days``) are grouped by average-linkage clustering of their mean-centred
   embeddings; groups smaller than ``min_reports`` are dropped;
2. each group's neighbourhood is every report up to the as-of date at least as close to the group centroid as its
   farthest member; a group counts only if that neighbourhood is mostly recent (``min_recent_share``). This is the
   rule that catches an emerging topic: its words may overlap older topics (novelty of single reports does not
   separate it), but older reports do not crowd around it;
3. popularity per time window with exponential decay (BERTrend): ``p_w = p_{w-1} * exp(-decay) + n_w``;
   growth is the relative change of popularity over the last window;
4. status: ``strong`` = a large share of all recent popularity; ``emerging`` = rising with at least
   ``emerging_min_reports`` reports; ``weak`` = rising but small; ``noise`` = not rising.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Sequence

import numpy as np

from pipeline.registry import registry

if TYPE_CHECKING:
    from pipeline.corpus import Corpus
    from pipeline.settings import SignalsParams

log = logging.getLogger(__name__)


@dataclass
class Signal:
    """One detected signal (the DESIGN §8 JSON keys plus popularity, as_of and run_id)."""

    signal_id: str
    status: str
    report_ids: list[str]
    keywords: list[str]
    first_seen: str
    growth: float
    popularity: float
    reason: str
    as_of: str = ""
    run_id: str | None = None

    @property
    def flagged(self) -> bool:
        return self.status != "noise"

    def to_dict(self) -> dict:
        return asdict(self)


def signal_id_for(report_ids: Sequence[str], dates: Sequence[date]) -> str:
    """A stable id for a group: hash of its three earliest report ids (a growing group keeps its id)."""
    earliest = [rid for _, rid in sorted(zip(dates, report_ids))][:3]
    return "sig-" + hashlib.sha1(",".join(sorted(earliest)).encode("utf-8")).hexdigest()[:10]


def _document_frequency(lemmas: Sequence[Sequence[str]]) -> Counter:
    df: Counter = Counter()
    for lem in lemmas:
        df.update(set(lem))
    return df


def _normalise_rows(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n == 0, 1.0, n)


@registry.signal_detectors.register("signal_detector.bertrend.v1")
class SignalDetector:
    """Finds groups of recent reports that are new and/or growing.

    Arguments:
        recent_days: reports submitted in this many days up to the as-of date are "recent".
        distance_threshold: cosine distance (mean-centred embeddings) at which recent groups stop merging.
        min_reports: smallest group reported.
        min_recent_share: share of recent reports the group's neighbourhood must have.
        window_days: width of a popularity time window.
        n_windows: windows looked back over.
        decay: popularity decay per window.
        strong_share: a group holding this share of all recent popularity is ``strong``.
        emerging_min_reports: a rising group with at least this many reports is ``emerging`` (else ``weak``).
        n_keywords: keywords listed per signal.
    """

    def __init__(self, recent_days: int = 90, distance_threshold: float = 0.8, min_reports: int = 3,
                 min_recent_share: float = 0.6, window_days: int = 30, n_windows: int = 6, decay: float = 0.5,
                 strong_share: float = 0.35, emerging_min_reports: int = 5, n_keywords: int = 8) -> None:
        self.recent_days = recent_days
        self.distance_threshold = distance_threshold
        self.min_reports = min_reports
        self.min_recent_share = min_recent_share
        self.window_days = window_days
        self.n_windows = n_windows
        self.decay = decay
        self.strong_share = strong_share
        self.emerging_min_reports = emerging_min_reports
        self.n_keywords = n_keywords

    def _popularity(self, dates: list[date], as_of: date) -> tuple[float, float, list[int]]:
        """(popularity now, growth over the last window, counts per window oldest first)."""
        counts = [0] * self.n_windows
        for d in dates:
            w = (as_of - d).days // self.window_days
            if 0 <= w < self.n_windows:
                counts[self.n_windows - 1 - w] += 1
        p, history = 0.0, []
        for n in counts:
            p = p * math.exp(-self.decay) + n
            history.append(p)
        prev = history[-2] if len(history) > 1 else 0.0
        growth = (history[-1] - prev) / max(prev, 1.0)
        return history[-1], growth, counts

    def _keywords(self, group: list[int], lemmas: Sequence[Sequence[str]], df: Counter | None = None) -> list[str]:
        # df (document frequency over ``lemmas``, O(store)) is passed in by ``fit``: counted once per detection,
        # not once per group.
        if df is None:
            df = _document_frequency(lemmas)
        tf = Counter()
        for i in group:
            tf.update(set(lemmas[i]))
        n = len(lemmas)
        scored = {w: c * math.log((1 + n) / (1 + df[w])) for w, c in tf.items() if c >= 2 and len(w) > 2}
        return [w for w, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))][: self.n_keywords]

    def fit(self, embeddings: np.ndarray, dates: Sequence[date], report_ids: Sequence[str],
            lemmas: Sequence[Sequence[str]], as_of: date,
            previous: Sequence[Signal] = ()) -> "SignalDetector":
        """Detect signals as of a date.

        Arguments:
            embeddings: (n, d) report embeddings (all reports, any date; later than ``as_of`` are ignored).
            dates: submission date of each report.
            report_ids: id of each report.
            lemmas: content lemmas of each report (for keywords).
            as_of: the date the detection looks back from.
            previous: signals of an earlier detection; a group sharing at least half of its reports with one of
                them keeps that signal's id (its earliest reports may have left the recent window since).

        Returns:
            self, with ``signals_`` (list of `Signal`, flagged first, then by popularity).
        """
        from sklearn.cluster import AgglomerativeClustering

        dates = [d if isinstance(d, date) else date.fromisoformat(str(d)[:10]) for d in dates]
        keep = np.array([d <= as_of for d in dates], dtype=bool)
        idx_all = np.flatnonzero(keep)
        self.signals_: list[Signal] = []
        if len(idx_all) < self.min_reports:
            return self
        X = np.asarray(embeddings, dtype=np.float32)[idx_all]
        Xc = _normalise_rows(X - X.mean(axis=0))
        d_all = [dates[i] for i in idx_all]
        start = as_of - timedelta(days=self.recent_days)
        recent = np.array([d > start for d in d_all])
        R = np.flatnonzero(recent)
        if len(R) < self.min_reports:
            return self
        labels = AgglomerativeClustering(n_clusters=None, distance_threshold=self.distance_threshold,
                                         metric="cosine", linkage="average").fit_predict(Xc[R]) \
            if len(R) > 1 else np.zeros(1, dtype=int)
        all_pop, _, _ = self._popularity(d_all, as_of)
        sub_lemmas = [lemmas[i] for i in idx_all]
        df: Counter | None = None
        for g in sorted(set(labels.tolist())):
            members = R[labels == g]
            if len(members) < self.min_reports:
                continue
            c = _normalise_rows(Xc[members].mean(axis=0, keepdims=True))[0]
            sims = Xc @ c
            hood = np.flatnonzero(sims >= sims[members].min())
            share = float(recent[hood].mean())
            if share < self.min_recent_share:
                continue  # an established topic that recent reports merely continue
            older = Xc[~recent]
            novelty = float(np.mean(1 - (Xc[members] @ older.T).max(axis=1))) if len(older) else 1.0
            pop, growth, counts = self._popularity([d_all[i] for i in hood], as_of)
            rel = pop / max(all_pop, 1e-9)
            rising = growth > 0
            if rel >= self.strong_share and rising:
                status = "strong"
            elif rising and len(members) >= self.emerging_min_reports:
                status = "emerging"
            elif rising:
                status = "weak"
            else:
                status = "noise"
            ids = [report_ids[idx_all[i]] for i in members]
            mdates = [d_all[i] for i in members]
            order = sorted(range(len(ids)), key=lambda k: (mdates[k], ids[k]))
            ids = [ids[k] for k in order]
            reason = (f"{len(members)} recent reports in {self.recent_days} days form a group whose neighbourhood is "
                      f"{share:.0%} recent ({len(hood) - int(recent[hood].sum())} older similar reports); "
                      f"reports per {self.window_days}-day window {counts} (oldest first); popularity {pop:.2f} "
                      f"({rel:.0%} of all), growth {growth:+.2f}; novelty {novelty:.2f}")
            if df is None:
                df = _document_frequency(sub_lemmas)
            self.signals_.append(Signal(
                signal_id=signal_id_for(ids, sorted(mdates)), status=status, report_ids=ids,
                keywords=self._keywords([int(i) for i in members], sub_lemmas, df), first_seen=min(mdates).isoformat(),
                growth=round(float(growth), 4), popularity=round(float(pop), 4), reason=reason,
                as_of=as_of.isoformat()))
        self._carry_ids(previous)
        self.signals_.sort(key=lambda s: (s.status == "noise", -s.popularity, s.signal_id))
        return self

    def _carry_ids(self, previous: Sequence[Signal]) -> None:
        taken: set[str] = set()
        for sig in sorted(self.signals_, key=lambda s: -len(s.report_ids)):
            mine = set(sig.report_ids)
            best, best_overlap = None, 0.0
            for old in previous:
                if old.signal_id in taken:
                    continue
                overlap = len(mine & set(old.report_ids)) / max(min(len(mine), len(old.report_ids)), 1)
                if overlap > best_overlap:
                    best, best_overlap = old, overlap
            if best is not None and best_overlap >= 0.5:
                sig.signal_id = best.signal_id
                taken.add(best.signal_id)


# ---------------------------------------------------------------------- the signals stage
def detector_from_params(params: SignalsParams) -> SignalDetector:
    """The registered detector named by ``params.detector``, built with the other parameters."""
    factory = registry.signal_detectors.get(params.detector)
    return factory(**params.model_dump(exclude={"detector"}))


def detect(corpus: Corpus, as_of: date, detector: SignalDetector, previous: Sequence[Signal] = (),
           run_id: str | None = None) -> list[Signal]:
    """Signals among the corpus's reports up to ``as_of`` (pure: no store), flagged first.

    Arguments:
        corpus: counted reports (later ones are ignored).
        as_of: the detection date.
        detector: a configured detector (`detector_from_params`).
        previous: the signals of the previous detection (their ids carry over).
        run_id: the run recorded on each signal.
    """
    corpus = corpus.until(as_of)
    found = detector.fit(corpus.embeddings, corpus.submitted, corpus.ids, corpus.lemmas, as_of,
                         previous=previous).signals_ if len(corpus) else []
    for s in found:
        s.run_id = run_id
    return found


def write_signals(engine, as_of: date, found: Sequence[Signal]) -> None:  # noqa: ANN001
    """Store the signals of ``as_of`` (replacing that as-of's rows)."""
    import sqlalchemy as sa

    from pipeline.store.schema import signals

    with engine.begin() as conn:
        conn.execute(sa.delete(signals).where(signals.c.as_of == as_of))
        if found:
            conn.execute(sa.insert(signals), [
                {"signal_id": s.signal_id, "run_id": s.run_id, "as_of": as_of, "status": s.status,
                 "report_ids": s.report_ids, "keywords": s.keywords, "first_seen": date.fromisoformat(s.first_seen),
                 "growth": s.growth, "popularity": s.popularity, "reason": s.reason} for s in found])
    log.info("signals as of %s: %d (%d flagged)", as_of, len(found), sum(s.flagged for s in found))


def stored_signals(engine, as_of: date | None = None, before: bool = False) -> list[Signal]:  # noqa: ANN001
    """Signals stored for ``as_of`` (default: the latest as-of date stored; ``before``: the latest one before it)."""
    from pipeline.store.queries import signal_rows

    with engine.connect() as conn:
        rows = signal_rows(conn, as_of, before=before)
    return [Signal(signal_id=r["signal_id"], status=r["status"], report_ids=list(r["report_ids"]),
                   keywords=list(r["keywords"]), first_seen=r["first_seen"].isoformat(), growth=float(r["growth"]),
                   popularity=float(r["popularity"] or 0.0), reason=r["reason"], as_of=r["as_of"].isoformat(),
                   run_id=r["run_id"]) for r in rows]


def detect_signals(engine, as_of: date, run_id: str | None = None, embedder=None,  # noqa: ANN001
                   detector: SignalDetector | None = None) -> list[Signal]:
    """Load the corpus up to ``as_of``, `detect` and `write_signals` (for callers outside the nightly flow).

    Arguments:
        engine: the store (the features step must have run: `pipeline.corpus.MissingFeaturesError` otherwise).
        as_of: the detection date.
        run_id: the run that produced them (stored with each row).
        embedder: embedder for cached embeddings (default ``pipeline.embeddings.get_embedder()``).
        detector: a configured `SignalDetector` (default: ``settings.signals``).
    """
    from pipeline.corpus import load_corpus
    from pipeline.embeddings import get_embedder
    from pipeline.settings import get_settings

    corpus = load_corpus(engine, embedder or get_embedder(), as_of=as_of)
    found = detect(corpus, as_of, detector or detector_from_params(get_settings().signals),
                   stored_signals(engine, as_of, before=True), run_id)
    write_signals(engine, as_of, found)
    return found
