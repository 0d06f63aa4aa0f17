"""Keywords widened with the spaCy Finnish word vectors (``theme_scorer.word_neighbours.v1``).

A theme's hand-picked stems miss words a writer uses for the same thing ("jonotus" for waiting lists, a new
service's name). This scorer looks at the words of the reference corpus (the store's reports, unlabelled) that no
keyword of any theme matches, and gives each one to a theme when its floret vector (spaCy
``spacy_fi_experimental_web_md``, 300-d, subword hashing, so every word has a vector) is close to the vectors of that
theme's matched words and clearly closer than to any other theme's:

- `WordNeighbours` — sklearn-style: ``fit(lemma_lists, seeds)`` → self, ``neighbours_`` (lemma → theme key);
- `fit_word_neighbours` — what `ThemeAssigner.fit` calls when the scorer is listed (sets ``neighbours_``);
- `word_neighbour_score` — the registered scorer: per theme, the widened words found in a report, with diminishing
  returns like the keyword part, times ``neighbour_weight``; the words go into the evidence as ``~word``.

Nothing is learned from labels: seeds are the keyword matches, candidates the reference corpus's own words, so the
zero-shot route stays zero-shot.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from typing import Any, Sequence

import numpy as np

from pipeline.errors import ModelNotAvailableError
from pipeline.registry import registry
from pipeline.themes.scorers import ScoringBatch, lemma_string, match_keywords, parts_string

__all__ = ["NAME", "WordNeighbours", "fit_word_neighbours", "word_neighbour_score", "word_vectors"]

log = logging.getLogger(__name__)
NAME = "theme_scorer.word_neighbours.v1"
PACKAGE = "spacy_fi_experimental_web_md"
ThemeAssigner = Any  # pipeline.themes.assign.ThemeAssigner (not imported: assign imports this module)

_VECTORS: dict[str, Any] = {}
_LOCK = threading.Lock()


def word_vectors(words: Sequence[str]) -> np.ndarray:
    """(len(words), 300) L2-normalised floret vectors of ``words`` (the spaCy Finnish model's table, loaded once).

    Raises:
        ModelNotAvailableError: the spaCy Finnish model is not installed.
    """
    with _LOCK:
        if "vocab" not in _VECTORS:
            try:
                from pipeline.lemmas.spacy_fi import import_spacy

                nlp = import_spacy().load(PACKAGE, exclude=["tok2vec", "tagger", "morphologizer", "parser",
                                                            "lemmatizer", "attribute_ruler", "ner", "senter",
                                                            "trainable_lemmatizer"])
            except (ImportError, OSError) as exc:
                raise ModelNotAvailableError(f"{PACKAGE}: the spaCy Finnish model is not installed "
                                             f"(requirements.lock pins it): {exc}") from exc
            _VECTORS["vocab"] = nlp.vocab
        vocab = _VECTORS["vocab"]
    if not words:
        return np.zeros((0, vocab.vectors_length), dtype=np.float32)
    V = np.stack([np.asarray(vocab.get_vector(w), dtype=np.float32) for w in words])
    n = np.linalg.norm(V, axis=1, keepdims=True)
    return V / np.where(n == 0, 1.0, n)


class WordNeighbours:
    """Assign unmatched corpus words to the theme whose matched words they are nearest in the vector space.

    Arguments:
        threshold: a word joins a theme when its mean cosine to the ``top`` nearest seeds of that theme is at
            least this.
        margin: ... and at least this much above its score for any other theme (a word near two themes says
            nothing about either).
        top: seeds per theme averaged (1 = the single nearest seed; more = less swayed by one odd seed).
        min_count: a word is a candidate when at least this many reference reports use it.
        min_length: shorter words are left out (particles, abbreviations).
        vectors: ``words -> (n, d) normalised`` (default `word_vectors`); tests pass their own.
    """

    def __init__(self, threshold: float = 0.6, margin: float = 0.05, top: int = 3, min_count: int = 2,
                 min_length: int = 5, vectors: Any = None) -> None:
        self.threshold = threshold
        self.margin = margin
        self.top = top
        self.min_count = min_count
        self.min_length = min_length
        self.vectors = vectors

    def fit(self, lemma_lists: Sequence[Sequence[str]], seeds: dict[str, set[str]],
            matched: set[str] | None = None) -> "WordNeighbours":
        """Learn the widened words.

        Arguments:
            lemma_lists: content lemmas of each reference report.
            seeds: theme key → corpus lemmas its keywords match.
            matched: lemmas any keyword matches (never candidates); default the union of ``seeds``.

        Returns:
            self, with ``neighbours_`` (lemma → theme key) and ``scores_`` (lemma → its cosine score).
        """
        embed = self.vectors or word_vectors
        matched = set().union(*seeds.values()) if matched is None else matched
        counts = Counter(w for lem in lemma_lists for w in {str(x).lower() for x in lem})
        cands = sorted(w for w, c in counts.items() if c >= self.min_count and len(w) >= self.min_length
                       and w.isalpha() and w not in matched)
        themes = [k for k in seeds if seeds[k]]
        self.neighbours_: dict[str, str] = {}
        self.scores_: dict[str, float] = {}
        if not cands or not themes:
            return self
        C = embed(cands)
        per_theme = []
        for k in themes:
            S = embed(sorted(seeds[k]))
            sims = C @ S.T
            t = min(self.top, sims.shape[1])
            per_theme.append(np.sort(sims, axis=1)[:, -t:].mean(axis=1))
        P = np.stack(per_theme, axis=1)
        order = np.argsort(-P, axis=1)
        best = P[np.arange(len(P)), order[:, 0]]
        second = P[np.arange(len(P)), order[:, 1]] if P.shape[1] > 1 else np.full(len(P), -1.0)
        for w, j, b, s in zip(cands, order[:, 0], best, second):
            if b >= self.threshold and b - s >= self.margin:
                self.neighbours_[w] = themes[j]
                self.scores_[w] = float(b)
        return self


def keyword_seeds(assigner: ThemeAssigner, lemma_lists: Sequence[Sequence[str]]) -> tuple[dict[str, set[str]], set[str]]:
    """(theme key → reference lemmas its keywords match, all matched lemmas), each word matched on its own."""
    seeds: dict[str, set[str]] = {k: set() for k in assigner.keys_}
    matched: set[str] = set()
    for w in sorted({str(x).lower() for lem in lemma_lists for x in lem}):
        s, parts = lemma_string([w]), parts_string([w])
        for theme in assigner.themes_:
            if match_keywords(theme, s, parts):
                seeds[theme.key].add(w)
                matched.add(w)
    return seeds, matched


def fit_word_neighbours(assigner: ThemeAssigner, lemma_lists: Sequence[Sequence[str]]) -> None:
    """Set ``assigner.neighbours_`` (lemma → theme key) from the reference corpus's lemmas (no labels used)."""
    seeds, matched = keyword_seeds(assigner, lemma_lists)
    model = WordNeighbours(threshold=assigner.neighbour_threshold).fit(lemma_lists, seeds, matched)
    assigner.neighbours_ = model.neighbours_
    log.info("word neighbours: %d words added to %d themes", len(model.neighbours_),
             len(set(model.neighbours_.values())))


@registry.theme_scorers.register(NAME)
def word_neighbour_score(assigner: ThemeAssigner, batch: ScoringBatch) -> np.ndarray | None:
    """Widened words of each theme found in the report, diminishing returns, × ``neighbour_weight``."""
    neigh = getattr(assigner, "neighbours_", None)
    if not neigh:
        return None
    col = {k: j for j, k in enumerate(assigner.keys_)}
    out = np.zeros((len(batch.X), len(assigner.keys_)))
    for i, lem in enumerate(batch.lemmas):
        for w in sorted({str(x).lower() for x in lem}):
            k = neigh.get(w)
            if k is not None and k in col:
                out[i, col[k]] += 1
                batch.evidence[i].setdefault(k, []).append(f"~{w}")
    return assigner.neighbour_weight * (1 - np.exp(-out / 1.5))
