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

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Sequence

import numpy as np

from pipeline.registry import registry

# The assigner argument is a fitted `pipeline.themes.assign.ThemeAssigner` (not imported: assign imports this module).
ThemeAssigner = Any

# Report metadata that states the theme outright: a report filed as positive describes a practice worth spreading.
POSITIVE = {"positiivinen", "positive", "myönteinen"}


# Cue groups of positive working-method wording (Finnish, Swedish, English lemma stems, matched as `match_keywords`
# matches "^stem"): a report that tried something, found it worked and asks to keep or spread it describes a good
# practice even when it was not filed as positive (statements carry no phenomenon_type at all).
PRACTICE_CUES = {
    "tried": ("kokeil", "pilot", "malli", "toimintamall", "työtapa", "toimintatapa", "käytäntö", "menetelm",
              "försök", "arbetssätt", "modell", "trial", "model", "method", "practice", "approach"),
    "worked": ("onnistu", "toimiva", "=toimia", "toimii", "parantu", "=parata", "vähentyä", "=vähetä", "helpottu",
               "helpotta", "tyytyväi", "kiitt", "kiitos", "hyvä", "=helppo", "myönteinen", "positiivi",
               "fungera", "lyckad", "lyckas", "förbättr", "nöjd", "minska", "work", "success", "improv", "satisf",
               "reduc", "help", "positive", "good"),
    "spread": ("laajent", "levit", "vakinai", "vakiinnut", "juurrut", "jatkaa", "jatkuva", "kannatta", "käyttöön",
               "sprida", "utvidga", "permanent", "fortsätt", "spread", "expand", "continu", "scale", "roll"),
}


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


_VOIKKO: list = []
_VOIKKO_LOCK = threading.Lock()


def _voikko():  # noqa: ANN202 - a libvoikko.Voikko, or None where the native library or dictionary is missing
    with _VOIKKO_LOCK:
        if not _VOIKKO:
            try:
                import libvoikko

                _VOIKKO.append(libvoikko.Voikko("fi"))
            except (ImportError, OSError, Exception):  # noqa: BLE001 - libvoikko raises bare OSError/Exception
                _VOIKKO.append(None)
        return _VOIKKO[0]


@lru_cache(maxsize=200_000)
def compound_parts(lemma: str) -> tuple[str, ...]:
    """The parts of a Finnish compound lemma at Voikko's compound boundaries ("jonotusaika" → jonotus, aika);
    ``()`` for a simple word, a word Voikko does not know, or without Voikko.

    Voikko's ``STRUCTURE`` marks each part's start with ``=`` and every letter with one character, so the boundaries
    are read off it; of several analyses the one with the fewest parts counts ("yhteistyö+palaveri", not
    "...+pala+veri").
    """
    v = _voikko()
    if v is None or len(lemma) < 6 or not lemma.isalpha():
        return ()
    with _VOIKKO_LOCK:
        analyses = v.analyze(lemma)
    if not analyses:
        return ()
    best: tuple[str, ...] = ()
    for analysis in analyses:
        parts = _split(lemma, analysis.get("STRUCTURE", ""))
        if len(parts) >= 2 and (not best or len(parts) < len(best)):
            best = parts
    return best


def _split(word: str, structure: str) -> tuple[str, ...]:
    parts, cur, pos = [], "", 0
    for ch in structure:
        if ch == "=":
            if cur:
                parts.append(cur)
            cur = ""
        elif pos < len(word):
            cur += word[pos]
            pos += 1
    if cur:
        parts.append(cur)
    return tuple(parts) if "".join(parts) == word else ()


def parts_string(lemmas: Sequence[str]) -> str:
    """The compound parts of the lemmas, space-separated and padded like `lemma_string` (empty when none)."""
    parts = [p for lemma in lemmas for p in compound_parts(str(lemma).lower())]
    return " " + " ".join(parts) + " " if parts else ""


def match_keywords(theme, lemma_string: str, parts: str = "") -> list[str]:  # noqa: ANN001 - a vocabulary.Theme
    """Keywords of ``theme`` found in a lemma string made by `lemma_string`.

    With ``parts`` (a `parts_string`), ``^stem`` and ``=word`` also match at the start of / as a whole compound part:
    "^pääsy" finds "hoitoonpääsy", "=muisti" finds "muistisairaus".
    """
    found = []
    for kw in theme.keywords:
        if kw.startswith("="):
            hit = f" {kw[1:]} " in lemma_string or (" " not in kw and f" {kw[1:]} " in parts)
        elif kw.startswith("^"):
            hit = f" {kw[1:]}" in lemma_string or (" " not in kw and f" {kw[1:]}" in parts)
        else:
            hit = kw in lemma_string
        if hit:
            found.append(kw.lstrip("=^"))
    return found


@registry.theme_scorers.register("theme_scorer.keywords.v1")
def keyword_score(assigner: ThemeAssigner, batch: ScoringBatch) -> np.ndarray:
    """(b) keyword lemma stems matched in the report's lemmas, also inside Finnish compounds (at Voikko's compound
    boundaries for ``^stem`` / ``=word``)."""
    kw = np.zeros((len(batch.X), len(assigner.keys_)))
    use_parts = getattr(assigner, "compound_parts", True)
    for i, lem in enumerate(batch.lemmas):
        s = lemma_string(lem)
        parts = parts_string(lem) if use_parts else ""
        for j, theme in enumerate(assigner.themes_):
            hits = match_keywords(theme, s, parts)
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


def _cue_hits(lemma_string_: str, stems: Sequence[str]) -> list[str]:
    out = []
    for stem in stems:
        hit = f" {stem[1:]} " in lemma_string_ if stem.startswith("=") else f" {stem}" in lemma_string_
        if hit:
            out.append(stem.lstrip("="))
    return out


@registry.theme_scorers.register("theme_scorer.practice_cue.v1")
def practice_cue_score(assigner: ThemeAssigner, batch: ScoringBatch) -> np.ndarray | None:
    """``good_practice`` from positive working-method wording: a method tried, that worked, to keep or spread.

    Each cue group of `PRACTICE_CUES` found counts a third; one group alone says little ("hyvä" is everywhere), so
    the score is the share of groups found beyond the first.
    """
    if "good_practice" not in assigner.keys_ or not assigner.cue_weight:
        return None  # at weight 0 (the default since vocabulary v4) it neither scores nor claims evidence
    out = np.zeros((len(batch.X), len(assigner.keys_)))
    j = assigner.keys_.index("good_practice")
    for i, lem in enumerate(batch.lemmas):
        s = lemma_string(lem)
        found = {group: _cue_hits(s, stems) for group, stems in PRACTICE_CUES.items()}
        groups = [g for g, hits in found.items() if hits]
        if len(groups) >= 2:
            out[i, j] = assigner.cue_weight * (len(groups) - 1) / 2
            batch.evidence[i].setdefault("good_practice", []).extend(
                f"{g}:{found[g][0]}" for g in groups)
    return out


DEFAULT_SCORERS = ("theme_scorer.keywords.v1", "theme_scorer.description.v1", "theme_scorer.cluster.v1",
                   "theme_scorer.metadata.v1", "theme_scorer.practice_cue.v1")
