"""Per-report themes (1–3 with scores and evidence) and cluster → theme suggestions.

`ThemeAssigner` is a pure, store-free estimator. Its score for a theme combines:

(a) similarity of the report embedding to the theme description embedding, with each theme's mean similarity over
    the reference corpus subtracted (raw similarities favour themes whose description is "central");
(b) keyword lemma stems matched in the report's lemmas, also inside Finnish compounds;
(c) the theme profile of the report's topic cluster (a reviewer-confirmed cluster mapping when given);
(d) when reviewed labels exist: a logistic regression on embeddings + lemma TF-IDF and the labels of the nearest
    reviewed reports, blended with the zero-shot score; the selection threshold is then calibrated on them.
    With ``theme_scorer.reviewed_head.v1`` among the scorers, the reviewed head (`pipeline.themes.head`) takes the
    place of (d): an additive scorer whose weight rises with the number of labels, with per-theme thresholds.
    With ``theme_scorer.example_bank.v1`` (`pipeline.themes.bank`), the same head learns from the bundled labelled
    example bank (several writers) plus the county's reviewed reports, zero-shot stores included.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from pipeline.registry import registry
from pipeline.themes.bank import NAME as BANK_SCORER
from pipeline.themes.bank import fit_example_bank
from pipeline.themes.head import NAME as HEAD_SCORER
from pipeline.themes.head import fit_reviewed_head, select_with_thresholds
from pipeline.themes.scorers import DEFAULT_SCORERS, ScoringBatch, match_keywords
from pipeline.themes.vocabulary import Vocabulary
from pipeline.themes.word_vectors import NAME as NEIGHBOUR_SCORER
from pipeline.themes.word_vectors import fit_word_neighbours

__all__ = ["ThemeAssigner", "ThemeScores", "match_keywords"]

log = logging.getLogger(__name__)


def _normalise_rows(x: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n == 0, 1.0, n)


@dataclass
class ThemeScores:
    """Scores of a batch of reports: ``scores`` (n × themes), ``themes`` (keys in column order), evidence parts."""

    themes: list[str]
    scores: np.ndarray
    keywords: list[dict[str, list[str]]] = field(default_factory=list)
    description_sim: np.ndarray | None = None
    neighbours: list[list[str]] = field(default_factory=list)


class ThemeAssigner:
    """Assigns 1–3 vocabulary themes per report (multi-label), zero-shot or with reviewed labels.

    Arguments:
        vocabulary: the theme vocabulary (retired themes are never assigned).
        embedder: object with ``embed(texts) -> np.ndarray`` (L2-normalised rows) for the theme descriptions;
            the same embedder (and prompt) that embedded the reports.
        max_themes: at most this many themes per report.
        min_themes: at least this many (the best one always counts).
        keyword_weight, description_weight, cluster_weight: weights of parts (b), (a), (c) of the zero-shot score.
        cue_weight: weight of the good-practice wording cue (``theme_scorer.practice_cue.v1``).
        relative_threshold: a theme after the first counts when its score is at least this share of the best one's.
        absolute_threshold: zero-shot only: ... and at least this score (after the theme's calibrated ``offset``
            from the vocabulary); with reviewed labels both thresholds are calibrated on them instead.
        supervised_weight: share of the supervised part (d) in the blend when reviewed labels exist.
        n_neighbours: reviewed neighbours consulted for (d) and reported as evidence.
        min_reviewed: fewer reviewed reports than this: stay zero-shot.
        stack_weight: scale of the zero-shot scores as features of the supervised model (0 = leave them out).
        random_state: seed of the supervised model.
        scorers: registered zero-shot parts (`pipeline.themes.scorers`) summed in this order; with
            ``theme_scorer.reviewed_head.v1`` listed, the reviewed head replaces part (d).
        head_max_weight, head_half_labels: the head's blend weight is ``max · n / (n + half)`` for n labels.
        head_temperature, head_C: the head's kNN vote softness and logistic regularisation (`ReviewedHead`).
        neighbour_weight, neighbour_threshold: weight of the keywords widened by word vectors
            (``theme_scorer.word_neighbours.v1``, when listed in ``scorers``) and the cosine a word needs to join.
        bank_weight: blend weight of the example-bank head (``theme_scorer.example_bank.v1``, when listed).
        bank_county_weight: how many bank items one of the county's reviewed reports counts as in that head.
        bank: an `ExampleBank` to use instead of the bundled one (evaluation without a writer; tests).
    """

    def __init__(self, vocabulary: Vocabulary, embedder=None, max_themes: int = 3, min_themes: int = 1,  # noqa: ANN001
                 keyword_weight: float = 1.0, description_weight: float = 0.5, cluster_weight: float = 0.0,
                 cue_weight: float = 0.0,
                 relative_threshold: float = 0.45, absolute_threshold: float = 0.3, supervised_weight: float = 0.7, n_neighbours: int = 10,
                 min_reviewed: int = 30, stack_weight: float = 1.0, random_state: int = 42,
                 scorers: Sequence[str] = DEFAULT_SCORERS, head_max_weight: float = 1.5,
                 head_half_labels: float = 50.0, head_temperature: float = 0.05, head_C: float = 2.0,  # noqa: N803
                 neighbour_weight: float = 0.25, neighbour_threshold: float = 0.6,
                 bank_weight: float = 1.5, bank_county_weight: float = 1.0, bank=None) -> None:  # noqa: ANN001
        self.vocabulary = vocabulary
        self.embedder = embedder
        self.max_themes = max_themes
        self.min_themes = min_themes
        self.keyword_weight = keyword_weight
        self.description_weight = description_weight
        self.cluster_weight = cluster_weight
        self.cue_weight = cue_weight
        self.relative_threshold = relative_threshold
        self.absolute_threshold = absolute_threshold
        self.supervised_weight = supervised_weight
        self.n_neighbours = n_neighbours
        self.min_reviewed = min_reviewed
        self.stack_weight = stack_weight
        self.random_state = random_state
        self.scorers = tuple(scorers)
        self.head_max_weight = head_max_weight
        self.head_half_labels = head_half_labels
        self.neighbour_weight = neighbour_weight
        self.neighbour_threshold = neighbour_threshold
        self.head_temperature = head_temperature
        self.head_C = head_C
        self.bank_weight = bank_weight
        self.bank_county_weight = bank_county_weight
        self.bank = bank

    # ------------------------------------------------------------------ fit
    def fit(self, embeddings: np.ndarray, lemmas: Sequence[Sequence[str]],
            labels: Sequence[Sequence[str] | None] | None = None, topics: Sequence[int] | None = None,
            cluster_themes: dict[int, list[str]] | None = None,
            report_ids: Sequence[str] | None = None,
            phenomenon: Sequence[str] | None = None) -> "ThemeAssigner":
        """Learn corpus statistics (and a supervised model when reviewed labels exist).

        Arguments:
            embeddings: (n, d) report embeddings of the reference corpus (the store's reports, or the batch itself).
            lemmas: content lemmas of each report.
            labels: reviewed theme keys per report, ``None`` where a report has no reviewed labels.
            topics: topic cluster of each report (-1 = outlier), for part (c).
            cluster_themes: reviewer-confirmed theme keys per cluster; they replace the cluster's learned profile.
            report_ids: ids of the reports (named as neighbours in the evidence).
            phenomenon: ``phenomenon_type`` of each report, if known (as in `score`).

        Returns:
            self
        """
        X = np.asarray(embeddings, dtype=np.float32)
        if X.ndim != 2 or len(X) != len(lemmas):
            raise ValueError("embeddings must be (n, d) with one row per lemma list")
        self.themes_ = [t for t in self.vocabulary.active]
        self.keys_ = [t.key for t in self.themes_]
        self.offsets_ = np.array([t.offset for t in self.themes_], dtype=float)
        self.mean_ = X.mean(axis=0) if len(X) > 1 else np.zeros(X.shape[1], dtype=np.float32)
        desc = [(j, lang, d) for j, t in enumerate(self.themes_) for lang, d in t.descriptions]
        examples = [(j, lang, e) for j, t in enumerate(self.themes_) for lang, e in t.examples]
        if self.embedder is not None:
            D = np.asarray(self.embedder.embed([d for *_, d in desc] + [e for *_, e in examples]), dtype=np.float32)
            # Uncentred: the corpus mean would remove the language the report's language is recognised by.
            self.language_embeddings_ = _normalise_rows(D)
            D = _normalise_rows(D - self.mean_)
            self.description_embeddings_ = D[: len(desc)]
            self.description_owner_ = np.array([j for j, *_ in desc], dtype=int)
            self.description_lang_ = np.array([lang for _, lang, _ in desc])
            self.example_embeddings_ = D[len(desc):]
            self.example_owner_ = np.array([j for j, *_ in examples], dtype=int)
            self.example_lang_ = np.array([lang for _, lang, _ in examples])
        else:
            self.description_embeddings_ = None
        sims = self._description_sim(X)
        # Per-theme centring and scaling: raw similarity favours "central" descriptions; this removes that bias.
        self.sim_mean_ = sims.mean(axis=0) if sims is not None and len(X) > 1 else None
        self.sim_std_ = (sims.std(axis=0) + 1e-6) if sims is not None and len(X) > 1 else None
        self.head_ = None  # the reviewed head scores nothing until it is fitted (below)
        self.head_mean_ = None  # the centre the head was fitted with, where it is not this fit's ``mean_``
        self.neighbours_ = {}
        if NEIGHBOUR_SCORER in self.scorers:  # keywords widened by word vectors, from the reference corpus's words
            fit_word_neighbours(self, lemmas)
        self._fit_clusters(X, lemmas, topics, cluster_themes)
        if BANK_SCORER in self.scorers:  # the bank head learns from the bank and any county labels
            self.supervised_ = None
            self.threshold_ = None
            fit_example_bank(self, X, lemmas, labels, report_ids, topics, phenomenon)
        elif HEAD_SCORER in self.scorers:
            self.supervised_ = None
            self.threshold_ = None
            idx, Y = self._label_matrix(labels)
            if len(idx) >= self.min_reviewed:
                fit_reviewed_head(self, X, lemmas, Y, idx, report_ids, topics, phenomenon)
        else:
            self._fit_supervised(X, lemmas, labels, report_ids, topics, phenomenon)
        return self

    def _description_sim(self, X: np.ndarray) -> np.ndarray | None:
        """(n, themes) similarity to each theme: its best description, averaged with its best example when it has
        any, both in the report's language.

        The report's language is the one whose descriptions and examples it is closest to on average, before
        centring (e5 vectors carry the language strongly): a Finnish report compared with Swedish examples would only
        add noise, and a Swedish one compared with Finnish examples only would score every theme low.
        """
        if self.description_embeddings_ is None:
            return None
        Xn = _normalise_rows(X - self.mean_)
        ds = Xn @ self.description_embeddings_.T
        d_owner = getattr(self, "description_owner_", np.arange(ds.shape[1]))
        d_lang = getattr(self, "description_lang_", np.array(["fi"] * ds.shape[1]))
        ex = getattr(self, "example_embeddings_", None)
        es = Xn @ ex.T if ex is not None and len(ex) else np.zeros((len(X), 0))
        e_owner = getattr(self, "example_owner_", np.zeros(0, dtype=int))
        e_lang = getattr(self, "example_lang_", np.array([], dtype=str))
        langs = sorted(set(d_lang.tolist()) | set(e_lang.tolist()))
        raw = _normalise_rows(X) @ self.language_embeddings_.T if hasattr(self, "language_embeddings_") else None
        all_lang = np.concatenate([d_lang, e_lang])
        closeness = (np.stack([raw[:, all_lang == lang].mean(axis=1) for lang in langs], axis=1) if raw is not None
                     else np.zeros((len(X), len(langs))) + (np.array(langs) == "fi"))
        report_lang = np.array(langs)[np.argmax(closeness, axis=1)]
        sims = np.zeros((len(X), len(self.keys_)), dtype=np.float32)
        for j in range(len(self.keys_)):
            for lang in langs:
                rows = report_lang == lang
                if not rows.any():
                    continue
                d_cols = (d_owner == j) & (d_lang == lang)
                if not d_cols.any():  # no description in this language: the Finnish one (always there)
                    d_cols = d_owner == j
                sims[rows, j] = ds[np.ix_(rows, d_cols)].max(axis=1)
                e_cols = (e_owner == j) & (e_lang == lang)
                if not e_cols.any():
                    e_cols = e_owner == j
                if e_cols.any():
                    sims[rows, j] = 0.5 * sims[rows, j] + 0.5 * es[np.ix_(rows, e_cols)].max(axis=1)
        return sims

    def _fit_clusters(self, X: np.ndarray, lemmas, topics, cluster_themes) -> None:  # noqa: ANN001
        self.cluster_profiles_: dict[int, np.ndarray] = {}
        if topics is None:
            return
        topics = np.asarray(topics)
        base = self._zero_shot(X, lemmas, topics=None)[0]
        for topic in sorted(set(int(t) for t in topics) - {-1}):
            members = topics == topic
            self.cluster_profiles_[topic] = self._profile(base[members])
        for topic, keys in (cluster_themes or {}).items():
            prof = np.zeros(len(self.keys_))
            for k in keys:
                k = self.vocabulary.canonical(k)
                if k in self.keys_:
                    prof[self.keys_.index(k)] = 1.0
            self.cluster_profiles_[int(topic)] = prof

    def _profile(self, scores: np.ndarray) -> np.ndarray:
        """A cluster's theme profile: the share of its members whose chosen themes include each theme."""
        chosen = self._select(scores)
        prof = np.zeros(len(self.keys_))
        for row in chosen:
            for j, _ in row:
                prof[j] += 1.0
        return prof / max(len(scores), 1)

    def head_centre(self) -> np.ndarray:
        """The centre the fitted head's embeddings were taken from: ``head_mean_`` where the head was reused from an
        earlier fit (`pipeline.themes.bank`), else this fit's ``mean_``."""
        return self.head_mean_ if getattr(self, "head_mean_", None) is not None else self.mean_

    def _label_matrix(self, labels) -> tuple[list[int], np.ndarray]:  # noqa: ANN001
        """(positions of reports with at least one active reviewed theme, their 0/1 theme matrix)."""
        if labels is None:
            return [], np.zeros((0, len(self.keys_)), dtype=int)
        idx = [i for i, lab in enumerate(labels) if lab]
        Y = np.zeros((len(idx), len(self.keys_)), dtype=int)
        for r, i in enumerate(idx):
            for k in labels[i]:
                try:
                    k = self.vocabulary.canonical(k)
                except Exception:  # noqa: BLE001 - a label outside the vocabulary teaches nothing here
                    continue
                if k in self.keys_:
                    Y[r, self.keys_.index(k)] = 1
        keep = Y.sum(axis=1) > 0
        return [i for i, k in zip(idx, keep) if k], Y[keep]

    def _fit_supervised(self, X: np.ndarray, lemmas, labels, report_ids, topics=None,  # noqa: ANN001
                        phenomenon=None) -> None:  # noqa: ANN001
        self.supervised_ = None
        self.threshold_ = None
        if labels is None:
            return
        idx = [i for i, lab in enumerate(labels) if lab]
        if len(idx) < self.min_reviewed:
            return
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import KFold
        from sklearn.multiclass import OneVsRestClassifier
        from scipy import sparse

        idx, Y = self._label_matrix(labels)
        if len(idx) < self.min_reviewed:
            return
        docs = [" ".join(lemmas[i]) for i in idx]
        Xe = _normalise_rows(X[idx] - self.mean_)

        def make_model(train_docs, train_emb, train_y, train_zs):  # noqa: ANN001, ANN202
            vec = TfidfVectorizer(sublinear_tf=True, min_df=1, token_pattern=r"(?u)\b\w[\w-]+\b")
            T = vec.fit_transform(train_docs)
            # The zero-shot theme scores are features too: the model learns how far to trust each theme's keywords.
            F = sparse.hstack([sparse.csr_matrix(train_emb * 2.0), T,
                               sparse.csr_matrix(train_zs * self.stack_weight)]).tocsr()
            cols = [j for j in range(train_y.shape[1]) if 0 < train_y[:, j].sum() < len(train_y)]
            clf = OneVsRestClassifier(LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))
            clf.fit(F, train_y[:, cols])
            return vec, clf, cols

        def predict_model(model, test_docs, test_emb, test_zs):  # noqa: ANN001, ANN202
            vec, clf, cols = model
            F = sparse.hstack([sparse.csr_matrix(test_emb * 2.0), vec.transform(test_docs),
                               sparse.csr_matrix(test_zs * self.stack_weight)]).tocsr()
            P = np.zeros((len(test_docs), len(self.keys_)))
            P[:, cols] = clf.predict_proba(F)
            return P

        # Out-of-fold supervised probabilities calibrate the blend threshold without peeking at each report's label.
        # The same zero-shot score (clusters and metadata included) as `score` computes, so the blend calibrated
        # here is the blend applied later.
        zs = self._zero_shot(X[idx], [lemmas[i] for i in idx],
                             topics=[topics[i] for i in idx] if topics is not None else None,
                             phenomenon=[phenomenon[i] for i in idx] if phenomenon is not None else None)[0]
        oof = np.zeros(Y.shape)
        kf = KFold(n_splits=min(5, len(idx)), shuffle=True, random_state=self.random_state)
        for tr, te in kf.split(idx):
            m = make_model([docs[i] for i in tr], Xe[tr], Y[tr], zs[tr])
            oof[te] = predict_model(m, [docs[i] for i in te], Xe[te], zs[te])
        self.supervised_ = make_model(docs, Xe, Y, zs)
        self._predict_supervised = predict_model
        self.reviewed_embeddings_ = Xe
        self.reviewed_labels_ = Y
        self.reviewed_ids_ = [str(report_ids[i]) if report_ids is not None else str(i) for i in idx]
        self.zs_scale_ = float(np.percentile(zs.max(axis=1), 90)) or 1.0
        blend = self._blend(zs, oof)
        self.threshold_ = self._calibrate(blend, Y)

    def _blend(self, zs: np.ndarray, sup: np.ndarray) -> np.ndarray:
        w = self.supervised_weight
        return (1 - w) * np.clip(zs / self.zs_scale_, 0, 1.5) + w * sup

    def _calibrate(self, scores: np.ndarray, Y: np.ndarray) -> tuple[float, float, int]:
        """The (absolute, relative, minimum count) selection rule with the best micro-F1 on out-of-fold scores.

        The minimum count is learned too: reviewers who usually give two themes teach the model to give two.
        """
        best, best_t = -1.0, (0.3, self.relative_threshold, self.min_themes)
        for k in range(self.min_themes, min(2, self.max_themes) + 1):
            for a in np.arange(0.1, 0.7, 0.025):
                for r in (0.3, 0.4, 0.5, 0.6, 0.7):
                    pred = np.zeros_like(Y)
                    for i, row in enumerate(self._select(scores, a, r, k)):
                        for j, _ in row:
                            pred[i, j] = 1
                    tp = (pred & Y).sum()
                    f1 = 2 * tp / max(pred.sum() + Y.sum(), 1)
                    if f1 > best + 1e-9:
                        best, best_t = f1, (float(a), r, k)
        return best_t

    # ------------------------------------------------------------------ score
    def _zero_shot(self, X: np.ndarray, lemmas, topics=None, phenomenon=None):  # noqa: ANN001, ANN202
        """(summed scores of the registered parts, keyword evidence per report, description similarities)."""
        batch = ScoringBatch(X=X, lemmas=lemmas, topics=topics, phenomenon=phenomenon,
                             description_sim=self._description_sim(X), evidence=[{} for _ in range(len(X))])
        score = np.zeros((len(X), len(self.keys_)))
        for name in self.scorers:
            part = registry.theme_scorers.get(name)(self, batch)
            if part is not None:
                score = score + part
        return score, batch.evidence, batch.description_sim

    def score(self, embeddings: np.ndarray, lemmas: Sequence[Sequence[str]], topics: Sequence[int] | None = None,
              phenomenon: Sequence[str] | None = None) -> ThemeScores:
        """Scores of every active theme for each report (higher = more likely), with evidence parts.

        Arguments:
            embeddings: (n, d) report embeddings (same embedder as ``fit``).
            lemmas: content lemmas per report.
            topics: topic cluster per report, if known.
            phenomenon: ``phenomenon_type`` per report, if known (``positiivinen`` supports ``good_practice``).
        """
        X = np.asarray(embeddings, dtype=np.float32)
        zs, kw_found, sims = self._zero_shot(X, lemmas, topics, phenomenon)
        neighbours: list[list[str]] = [[] for _ in range(len(X))]
        if getattr(self, "head_", None) is not None:  # the head's thresholds were calibrated without offsets
            scores = zs
            Xe = _normalise_rows(X - self.head_centre())
            neighbours = [[self.head_ids_[j] for j in row] for row in self.head_.kneighbors(Xe, 3)[1]]
        else:
            # Zero-shot: each theme's offset (calibrated on the dev corpus) evens out how readily its parts fire.
            scores = zs + getattr(self, "offsets_", 0.0)
        if self.supervised_ is not None:
            Xe = _normalise_rows(X - self.mean_)
            sup = self._predict_supervised(self.supervised_, [" ".join(lem) for lem in lemmas], Xe, zs)
            nn_sim = Xe @ self.reviewed_embeddings_.T
            k = min(self.n_neighbours, nn_sim.shape[1])
            top = np.argsort(-nn_sim, axis=1, kind="stable")[:, :k]
            knn = np.stack([self.reviewed_labels_[row].mean(axis=0) for row in top])
            sup = 0.75 * sup + 0.25 * knn
            scores = self._blend(zs, sup)
            neighbours = [[self.reviewed_ids_[j] for j in row[:3]] for row in top]
        return ThemeScores(themes=list(self.keys_), scores=scores, keywords=kw_found, description_sim=sims,
                           neighbours=neighbours)

    def _select(self, scores: np.ndarray, absolute: float | None = None, relative: float | None = None,
                min_count: int | None = None) -> list[list[tuple[int, float]]]:
        relative = self.relative_threshold if relative is None else relative
        min_count = self.min_themes if min_count is None else min_count
        out = []
        for row in scores:
            order = np.argsort(-row, kind="stable")
            best = row[order[0]]
            chosen = []
            for j in order[: self.max_themes]:
                ok = row[j] >= relative * best and (absolute is None or row[j] >= absolute)
                if len(chosen) < min_count or (ok and row[j] > 0):
                    chosen.append((int(j), float(row[j])))
            out.append(chosen)
        return out

    def predict(self, embeddings: np.ndarray, lemmas: Sequence[Sequence[str]], topics: Sequence[int] | None = None,
                phenomenon: Sequence[str] | None = None) -> list[list[tuple[str, float, dict]]]:
        """1–3 themes per report, best first: ``[(key, score, evidence), ...]``.

        Evidence: ``keywords`` (stems matched), ``nearest_description`` (theme whose description is most similar),
        ``description_similarity``, ``cluster``, ``neighbours`` (nearest reviewed reports) and ``mode``.
        """
        sc = self.score(embeddings, lemmas, topics, phenomenon)
        head = getattr(self, "head_", None) is not None
        if head:
            chosen = select_with_thresholds(sc.scores, self.head_thresholds_, self.max_themes, self.head_min_themes_)
        else:
            a, r, k = self.threshold_ if self.threshold_ is not None else (self.absolute_threshold, None, None)
            chosen = self._select(sc.scores, a, r, k)
        # The bank head alone (no county labels) is still zero-shot as far as the county is concerned.
        reviewed = (head and getattr(self, "head_reviewed_", 1) > 0) or self.supervised_ is not None
        out = []
        for i, row in enumerate(chosen):
            sims = sc.description_sim[i] if sc.description_sim is not None else None
            res = []
            for j, s in row:
                key = self.keys_[j]
                ev = {"keywords": sc.keywords[i].get(key, []),
                      "mode": "reviewed" if reviewed else "zero-shot"}
                if sims is not None:
                    ev["nearest_description"] = self.keys_[int(np.argmax(sims))]
                    ev["description_similarity"] = round(float(sims[j]), 4)
                if topics is not None:
                    ev["cluster"] = int(topics[i])
                county = [n for n in sc.neighbours[i] if not n.startswith("bank:")]
                bank = [n for n in sc.neighbours[i] if n.startswith("bank:")]
                if county:
                    ev["neighbours"] = county
                if bank:
                    ev["bank_examples"] = bank
                res.append((key, round(s, 4), ev))
            out.append(res)
        return out

    def suggest_cluster_themes(self, embeddings: np.ndarray, lemmas: Sequence[Sequence[str]],
                               topics: Sequence[int], top_n: int = 3) -> dict[int, list[tuple[str, float]]]:
        """Suggested themes per cluster with a confidence (share of the cluster's reports given that theme).

        Arguments:
            embeddings, lemmas: the clustered reports.
            topics: their topic numbers (-1 outliers get no suggestion).
            top_n: at most this many themes per cluster.
        """
        topics = np.asarray(topics)
        preds = self.predict(embeddings, lemmas, topics=None)
        out: dict[int, list[tuple[str, float]]] = {}
        for topic in sorted(set(int(t) for t in topics) - {-1}):
            members = np.flatnonzero(topics == topic)
            counts: dict[str, int] = {}
            for i in members:
                for key, _, _ in preds[i]:
                    counts[key] = counts.get(key, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]
            out[topic] = [(k, round(c / len(members), 3)) for k, c in ranked]
        return out
