"""The zero-shot parts of a theme score, each a registered scorer (``registry.theme_scorers``).

A scorer is a function ``(assigner, batch) -> (n, themes) array | None`` that `ThemeAssigner` adds to the zero-shot
score of a batch, in the order of ``ThemesParams.scorers``; it may add evidence to ``batch.evidence``. State a
scorer needs is learned in `ThemeAssigner.fit` (description embeddings, cluster profiles). The supervised part (d)
blends on top of the summed zero-shot score inside the assigner.

Add a scorer: a function here or in a new module (listed in ``pipeline.registry._PROVIDERS["theme_scorers"]``)
registered as ``theme_scorer.<name>.v1``, its weight a field of ``ThemesParams``, its name in
``ThemesParams.scorers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from pipeline.registry import registry

# The assigner argument is a fitted `pipeline.themes.assign.ThemeAssigner` (not imported: assign imports this module).
ThemeAssigner = Any

# Report metadata that states the theme outright: a report filed as positive describes a practice worth spreading.
POSITIVE = {"positiivinen", "positive", "myönteinen"}


@dataclass
class ScoringBatch:
    """What a scorer sees: the reports being scored and the evidence gathered so far (one dict per report)."""

    X: np.ndarray
    lemmas: Sequence[Sequence[str]]
    topics: Sequence[int] | None = None
    phenomenon: Sequence[str] | None = None
    description_sim: np.ndarray | None = None
    evidence: list[dict[str, list[str]]] = field(default_factory=list)


def lemma_string(lemmas: Sequence[str]) -> str:
    """Lemmas joined by spaces and padded, so "^stem" and "=word" match on token boundaries by substring search."""
    return " " + " ".join(str(lemma).lower() for lemma in lemmas) + " "


def match_keywords(theme, lemma_string: str) -> list[str]:  # noqa: ANN001 - a pipeline.themes.vocabulary.Theme
    """Keywords of ``theme`` found in a lemma string made by `lemma_string`."""
    found = []
    for kw in theme.keywords:
        if kw.startswith("="):
            hit = f" {kw[1:]} " in lemma_string
        elif kw.startswith("^"):
            hit = f" {kw[1:]}" in lemma_string
        else:
            hit = kw in lemma_string
        if hit:
            found.append(kw.lstrip("=^"))
    return found


@registry.theme_scorers.register("theme_scorer.keywords.v1")
def keyword_score(assigner: ThemeAssigner, batch: ScoringBatch) -> np.ndarray:
    """(b) keyword lemma stems matched in the report's lemmas, also inside Finnish compounds."""
    kw = np.zeros((len(batch.X), len(assigner.keys_)))
    for i, lem in enumerate(batch.lemmas):
        s = lemma_string(lem)
        for j, theme in enumerate(assigner.themes_):
            hits = match_keywords(theme, s)
            if hits:
                batch.evidence[i][theme.key] = hits
                kw[i, j] = len(hits)
    # Diminishing returns: the first matched stem says most; many matches of a broad theme should not swamp.
    return assigner.keyword_weight * (1 - np.exp(-kw / 1.5))


@registry.theme_scorers.register("theme_scorer.description.v1")
def description_score(assigner: ThemeAssigner, batch: ScoringBatch) -> np.ndarray | None:
    """(a) similarity to the theme descriptions, centred and scaled per theme over the reference corpus."""
    sims = batch.description_sim
    if sims is None or assigner.sim_mean_ is None:
        return None
    z = (sims - assigner.sim_mean_) / assigner.sim_std_
    return assigner.description_weight * np.clip(z, -2, 3) / 3


@registry.theme_scorers.register("theme_scorer.cluster.v1")
def cluster_score(assigner: ThemeAssigner, batch: ScoringBatch) -> np.ndarray | None:
    """(c) the theme profile of the report's topic cluster (a reviewer-confirmed mapping when there is one)."""
    if batch.topics is None or not assigner.cluster_profiles_:
        return None
    out = np.zeros((len(batch.X), len(assigner.keys_)))
    for i, t in enumerate(batch.topics):
        prof = assigner.cluster_profiles_.get(int(t))
        if prof is not None:
            out[i] = assigner.cluster_weight * prof
    return out


@registry.theme_scorers.register("theme_scorer.metadata.v1")
def metadata_score(assigner: ThemeAssigner, batch: ScoringBatch) -> np.ndarray | None:
    """A report filed as positive (``phenomenon_type``) supports ``good_practice``."""
    if batch.phenomenon is None or "good_practice" not in assigner.keys_:
        return None
    out = np.zeros((len(batch.X), len(assigner.keys_)))
    j = assigner.keys_.index("good_practice")
    for i, p in enumerate(batch.phenomenon):
        if str(p or "").strip().lower() in POSITIVE:
            out[i, j] = 1.0
            batch.evidence[i].setdefault("good_practice", []).append("phenomenon_type=positiivinen")
    return out


DEFAULT_SCORERS = ("theme_scorer.keywords.v1", "theme_scorer.description.v1", "theme_scorer.cluster.v1",
                   "theme_scorer.metadata.v1")
