"""The reviewed-labels head: a supervised theme scorer over the frozen report embeddings (``theme_scorer.reviewed_head.v1``).

Reviewers' theme decisions (``pipeline.store.queries.reviewed_themes``: corrections in the review app and imported
labels) train a small head on every run, so a correction changes the next night's themes of similar reports:

- `ReviewedHead` — per theme, the similarity-weighted vote of the nearest reviewed reports (kNN) averaged with a
  one-vs-rest logistic regression on the same embeddings (and, optionally, a positive-minus-negative prototype);
  sklearn-style (``fit(X, Y)`` → self, ``predict_proba(X)``), no store, no encoder training.
- `fit_reviewed_head` — what `ThemeAssigner.fit` calls: builds the label matrix, scores the reviewed reports
  out-of-fold to calibrate the selection thresholds of the blend *zero-shot + weight × head* (per theme), then fits
  the head on all of them. The weight rises with the number of reviewed labels (`head_weight`): a handful of labels
  nudges the vocabulary, a few hundred outvote it.
- `reviewed_head_score` — the registered scorer: the head's probabilities in zero-shot score units.

The head works on the same embeddings as the description scorer (centred by the reference corpus mean, normalised).
"""

from __future__ import annotations

import logging
from typing import Any, Sequence

import numpy as np

from pipeline.registry import registry
from pipeline.themes.scorers import ScoringBatch

__all__ = ["ReviewedHead", "calibrate_thresholds", "fit_reviewed_head", "head_weight", "reviewed_head_score",
           "select_with_thresholds"]

log = logging.getLogger(__name__)
NAME = "theme_scorer.reviewed_head.v1"
ThemeAssigner = Any  # pipeline.themes.assign.ThemeAssigner (not imported: assign imports this module)


def _normalise_rows(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n == 0, 1.0, n)


class ReviewedHead:
    """Multi-label theme probabilities from reviewed reports' embeddings.

    Arguments:
        n_neighbours: reviewed reports that vote in the kNN part.
        temperature: softness of the kNN vote; a neighbour ``temperature`` less similar than the nearest one counts
            e⁻¹ as much (small = the nearest report decides).
        C: inverse regularisation of the logistic part (0 = leave the logistic part out).
        prototype: also average in the positive-minus-negative centroid similarity per theme.
        lexical: the logistic part also reads the reports' lemma TF-IDF (``docs`` of `fit`/`predict_proba`): the
            words reviewers' themes go with, beside the embedding.
        random_state: seed of the logistic regression's solver.
    """

    def __init__(self, n_neighbours: int = 10, temperature: float = 0.05, C: float = 2.0,  # noqa: N803 - sklearn's name
                 prototype: bool = False, lexical: bool = True, random_state: int = 42) -> None:
        self.n_neighbours = n_neighbours
        self.temperature = temperature
        self.C = C
        self.prototype = prototype
        self.lexical = lexical
        self.random_state = random_state

    def fit(self, X: np.ndarray, Y: np.ndarray, docs: Sequence[str] | None = None,
            weights: np.ndarray | None = None) -> "ReviewedHead":
        """Learn from reviewed reports.

        Arguments:
            X: (n, d) embeddings of the reviewed reports (rows L2-normalised).
            Y: (n, themes) 0/1 matrix of their reviewed themes.
            docs: their content lemmas joined by spaces (used when ``lexical``).
            weights: how much each reviewed report counts (default 1 each) in the kNN vote and the logistic fit.

        Returns:
            self
        """
        X = np.asarray(X, dtype=np.float32)
        Y = np.asarray(Y, dtype=int)
        if X.ndim != 2 or Y.ndim != 2 or len(X) != len(Y) or len(X) == 0:
            raise ValueError(f"ReviewedHead.fit needs (n, d) embeddings and an (n, themes) label matrix with n > 0; "
                             f"got {X.shape} and {Y.shape}")
        self.X_, self.Y_ = X, Y
        self.w_ = np.ones(len(X)) if weights is None else np.asarray(weights, dtype=float)
        self.prior_ = Y.mean(axis=0)
        self.models_: list[Any] = []
        self.vectorizer_ = None
        if self.C > 0:
            from sklearn.linear_model import LogisticRegression

            F = self._features(X, docs, fit=True)
            for j in range(Y.shape[1]):
                # A theme no reviewed report has (or every one has) leaves nothing to discriminate: its prior stands.
                if 0 < Y[:, j].sum() < len(Y):
                    m = LogisticRegression(C=self.C, max_iter=1000, class_weight="balanced",
                                           random_state=self.random_state)
                    self.models_.append(m.fit(F, Y[:, j], sample_weight=None if weights is None else self.w_))
                else:
                    self.models_.append(None)
        if self.prototype:
            pos = [X[Y[:, j] == 1].mean(axis=0) if Y[:, j].any() else np.zeros(X.shape[1]) for j in range(Y.shape[1])]
            neg = [X[Y[:, j] == 0].mean(axis=0) if (Y[:, j] == 0).any() else np.zeros(X.shape[1])
                   for j in range(Y.shape[1])]
            self.positive_ = _normalise_rows(np.stack(pos).astype(np.float32))
            self.negative_ = _normalise_rows(np.stack(neg).astype(np.float32))
        return self

    def _features(self, X: np.ndarray, docs: Sequence[str] | None, fit: bool = False) -> Any:
        """Logistic features: the embedding (scaled so it weighs like a TF-IDF row) and, if lexical, lemma TF-IDF."""
        if not self.lexical:
            return X
        if docs is None or len(docs) != len(X):
            raise ValueError("ReviewedHead(lexical=True) needs one lemma document per embedding row")
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer

        if fit:
            self.vectorizer_ = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w[\w-]+\b")
            T = self.vectorizer_.fit_transform(docs)
        else:
            T = self.vectorizer_.transform(docs)
        return sparse.hstack([sparse.csr_matrix(X * 2.0), T]).tocsr()

    def kneighbors(self, X: np.ndarray, k: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, indices into the reviewed reports) of the ``k`` nearest reviewed reports, nearest first."""
        S = np.asarray(X, dtype=np.float32) @ self.X_.T
        k = min(k or self.n_neighbours, S.shape[1])
        top = np.argsort(-S, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(S, top, axis=1), top

    def predict_proba(self, X: np.ndarray, docs: Sequence[str] | None = None) -> np.ndarray:
        """(n, themes) probability-like scores in [0, 1] for embeddings ``X`` (rows L2-normalised) and, when
        ``lexical``, their lemma documents ``docs``."""
        X = np.asarray(X, dtype=np.float32)
        sims, top = self.kneighbors(X)
        w = np.exp((sims - sims[:, :1]) / max(self.temperature, 1e-6)) * getattr(self, "w_", np.ones(len(self.X_)))[top]
        parts = [np.einsum("nk,nkj->nj", w, self.Y_[top]) / w.sum(axis=1, keepdims=True)]
        if self.C > 0:
            F = self._features(X, docs)
            parts.append(np.stack([m.predict_proba(F)[:, 1] if m is not None else np.full(len(X), p)
                                   for m, p in zip(self.models_, self.prior_)], axis=1))
        if self.prototype:
            margin = X @ self.positive_.T - X @ self.negative_.T
            parts.append(1.0 / (1.0 + np.exp(-margin / 0.03)))
        return np.mean(parts, axis=0)


def head_weight(n_labels: int, half: float, maximum: float) -> float:
    """Weight of the head in the blend: ``maximum · n / (n + half)`` (half of ``maximum`` at ``half`` labels)."""
    return float(maximum) * n_labels / (n_labels + max(half, 1e-9))


def select_with_thresholds(scores: np.ndarray, thresholds: np.ndarray, max_themes: int,
                           min_themes: int = 1) -> list[list[tuple[int, float]]]:
    """Themes per row whose score reaches the theme's own threshold, best margin first, at most ``max_themes``.

    The ``min_themes`` best-margin themes always count (a report always gets a theme when it is ≥ 1).
    """
    chosen = _chosen_mask(np.asarray(scores, dtype=float), thresholds, max_themes, min_themes)
    margin = scores - thresholds
    out = []
    for row, m, c in zip(scores, margin, chosen):
        js = [j for j in np.argsort(-m, kind="stable") if c[j]]
        out.append([(int(j), float(row[j])) for j in js])
    return out


def _chosen_mask(scores: np.ndarray, thresholds: np.ndarray, max_themes: int, min_themes: int) -> np.ndarray:
    """(n, themes) bool: the rule of `select_with_thresholds`, vectorised (calibration calls it many times)."""
    margin = scores - thresholds
    order = np.argsort(-margin, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(scores.shape[1])[None, :].repeat(len(scores), 0), axis=1)
    return (rank < max_themes) & ((rank < min_themes) | (margin >= 0))


def _micro_f1(chosen: np.ndarray, Y: np.ndarray) -> float:
    tp = int((chosen & (Y > 0)).sum())
    return 2 * tp / max(int(chosen.sum() + (Y > 0).sum()), 1)


def calibrate_thresholds(scores: np.ndarray, Y: np.ndarray, max_themes: int = 3,
                         min_counts: Sequence[int] = (1, 2), rounds: int = 2) -> tuple[np.ndarray, int]:
    """Per-theme thresholds and a minimum theme count with the best micro-F1 of `select_with_thresholds` on
    out-of-fold ``scores``.

    For each minimum count: one shared threshold first (grid over score quantiles), then coordinate ascent theme by
    theme; ties keep the value nearest the shared one, so a theme with few reviewed labels stays near the common
    rule. The minimum count is learned too: reviewers who usually give two themes teach the head to give two.

    Arguments:
        scores: (n, themes) blended scores of reviewed reports, each from a head that did not see that report.
        Y: (n, themes) 0/1 reviewed themes.
        max_themes: at most this many themes per report.
        min_counts: minimum counts tried (each ≤ ``max_themes``).
        rounds: passes of the per-theme ascent (0 = one shared threshold).

    Returns:
        (thresholds of shape (themes,), minimum count)
    """
    scores = np.asarray(scores, dtype=float)
    K = scores.shape[1]
    grid = np.unique(np.quantile(scores, np.linspace(0.3, 0.99, 36)))
    best: tuple[float, np.ndarray, int] = (-1.0, np.full(K, float(grid[0])), 1)
    for k in sorted({min(int(c), max_themes) for c in min_counts}):
        def f1(t: np.ndarray, k: int = k) -> float:
            return _micro_f1(_chosen_mask(scores, t, max_themes, k), Y)

        shared = max(grid, key=lambda a: (f1(np.full(K, a)), -a))
        t = np.full(K, float(shared))
        for _ in range(rounds):
            for j in range(K):
                cand = np.unique(np.r_[np.quantile(scores[:, j], np.linspace(0.2, 0.995, 25)), shared])
                t[j] = float(max(cand, key=lambda v: (f1(np.r_[t[:j], v, t[j + 1:]]), -abs(v - shared))))
        score = f1(t)
        if score > best[0] + 1e-9:
            best = (score, t, k)
    return best[1], best[2]


def fit_reviewed_head(assigner: ThemeAssigner, X: np.ndarray, lemmas: Sequence[Sequence[str]],
                      Y: np.ndarray, idx: Sequence[int], report_ids: Sequence[str] | None,
                      topics: Sequence[int] | None, phenomenon: Sequence[str] | None) -> None:
    """Fit the head of a `ThemeAssigner` on its reviewed reports and calibrate the blend's per-theme thresholds.

    Sets ``assigner.head_`` (a fitted `ReviewedHead`), ``head_weight_``, ``head_scale_`` (zero-shot score units),
    ``head_ids_`` (ids of the reviewed reports, for the evidence), ``head_thresholds_`` and ``head_min_themes_``.

    Arguments:
        assigner: a `ThemeAssigner` whose zero-shot state is fitted and whose ``head_`` is None.
        X: (n, d) reference embeddings (raw; centred and normalised here as the scorer does).
        lemmas, topics, phenomenon: per reference report, as `ThemeAssigner.fit` got them.
        Y: (len(idx), themes) 0/1 reviewed themes of the reviewed reports.
        idx: positions of the reviewed reports in the reference corpus.
        report_ids: ids of the reference reports.
    """
    from sklearn.model_selection import KFold

    idx = list(idx)
    Xe = _normalise_rows(np.asarray(X, dtype=np.float32)[idx] - assigner.mean_)
    docs = [" ".join(lemmas[i]) for i in idx]
    # The zero-shot part of the blend, as `score` computes it (the head scorer returns None while head_ is None).
    zs = assigner._zero_shot(X[idx], [lemmas[i] for i in idx],
                             topics=[topics[i] for i in idx] if topics is not None else None,
                             phenomenon=[phenomenon[i] for i in idx] if phenomenon is not None else None)[0]
    scale = float(np.percentile(zs.max(axis=1), 90)) or 1.0
    weight = head_weight(len(idx), assigner.head_half_labels, assigner.head_max_weight)

    def make() -> ReviewedHead:
        return ReviewedHead(n_neighbours=assigner.n_neighbours, temperature=assigner.head_temperature,
                            C=assigner.head_C, random_state=assigner.random_state)

    # Out-of-fold head scores: each reviewed report is scored by a head that never saw its label, so the thresholds
    # are calibrated on what a new report will look like, not on memorised ones.
    oof = np.zeros(Y.shape)
    kf = KFold(n_splits=min(5, len(idx)), shuffle=True, random_state=assigner.random_state)
    for tr, te in kf.split(idx):
        oof[te] = make().fit(Xe[tr], Y[tr], [docs[i] for i in tr]).predict_proba(Xe[te], [docs[i] for i in te])
    assigner.head_scale_ = scale
    assigner.head_weight_ = weight
    assigner.head_thresholds_, assigner.head_min_themes_ = calibrate_thresholds(
        zs + weight * scale * oof, Y, assigner.max_themes, min_counts=range(max(assigner.min_themes, 1), 3))
    assigner.head_ = make().fit(Xe, Y, docs)
    assigner.head_ids_ = [str(report_ids[i]) if report_ids is not None else str(i) for i in idx]
    log.info("reviewed head: %d labels, weight %.2f, thresholds %s", len(idx), weight,
             np.round(assigner.head_thresholds_, 2).tolist())


@registry.theme_scorers.register(NAME)
def reviewed_head_score(assigner: ThemeAssigner, batch: ScoringBatch) -> np.ndarray | None:
    """The reviewed head's probabilities × its weight, in zero-shot score units (None before labels exist)."""
    head = getattr(assigner, "head_", None)
    if head is None:
        return None
    Xe = _normalise_rows(np.asarray(batch.X, dtype=np.float32) - assigner.mean_)
    docs = [" ".join(lem) for lem in batch.lemmas]
    return assigner.head_weight_ * assigner.head_scale_ * head.predict_proba(Xe, docs)
