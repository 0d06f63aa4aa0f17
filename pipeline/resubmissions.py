"""Heavily reworded resubmissions: the second pass of the duplicate check, after the features step.

Ingest (`pipeline.ingest.dedupe`) links near-identical texts and light edits on character shingles; a report
rewritten in other words (character similarity 0.17-0.35) passes it. This stage compares each new report with the
counted reports of its *block* (same area, target group, unit, phenomenon type) submitted within ``window_days``,
on meaning rather than spelling: the cosine of the pipeline's e5 report embeddings and the Jaccard of the content
lemma sets. Strong evidence on both links the pair (the later version counts, it is the correction); weaker
evidence lists it for a reviewer (``signaali review duplicates``).

``find_resubmissions(corpus, new_ids, params)`` is pure (a `Corpus` in, `ResubmissionLink`s out);
``write_resubmissions(engine, links)`` records them and takes linked earlier versions out of the counts.
Thresholds are tuned on own pairs (bench/dedupe.py, ``bench/data/dev_rewordings.json``), never on the
independent set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy import Engine

from pipeline.corpus import Corpus


@dataclass(frozen=True)
class ResubmissionParams:
    """Thresholds of the embedding/lemma rule (bench/dedupe.py tunes them on own pairs).

    Arguments (stored only):
        window_days: an earlier version is at most this many days older than the new report.
        link_cosine: e5 cosine at or above which a same-block pair may be linked.
        link_lemma_jaccard: lemma-set Jaccard the pair must also reach to be linked automatically.
        review_cosine: at or above this cosine (and not linked) the pair is listed for a reviewer.
    """

    window_days: int = 30
    link_cosine: float = 0.94
    link_lemma_jaccard: float = 0.15
    review_cosine: float = 0.90


@dataclass(frozen=True)
class ResubmissionLink:
    """One judged pair: ``decision`` is ``link`` (the later counts) or ``candidate`` (for a reviewer)."""

    earlier_id: str
    later_id: str
    decision: str
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)


def params_from_settings(settings: Any) -> ResubmissionParams:
    """The second pass's parameters from a `pipeline.settings.Settings` (window shared with ingest's rule)."""
    return ResubmissionParams(window_days=settings.resubmission_window_days,
                              link_cosine=settings.resubmission_link_cosine,
                              link_lemma_jaccard=settings.resubmission_link_lemma_jaccard,
                              review_cosine=settings.resubmission_review_cosine)


def block_of(meta: dict[str, Any]) -> tuple:
    """What a resubmission keeps: area (as a set), target group, unit, phenomenon type (case-insensitive)."""
    area = meta.get("area") or ""
    parts = area if isinstance(area, (list, tuple)) else str(area).split(",")
    return (tuple(sorted(str(a).strip().lower() for a in parts if str(a).strip())),
            str(meta.get("target_group") or "").strip().lower(), str(meta.get("unit") or "").strip().lower(),
            str(meta.get("phenomenon_type") or "").strip().lower())


def lemma_jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Jaccard of two lemma sets (0.0 when both are empty: no evidence)."""
    sa_, sb = set(a), set(b)
    return len(sa_ & sb) / len(sa_ | sb) if (sa_ or sb) else 0.0


def judge(cosine: float, lemma_j: float, params: ResubmissionParams) -> str | None:
    """``link``, ``candidate`` or None for one same-block pair inside the window."""
    if cosine >= params.link_cosine and lemma_j >= params.link_lemma_jaccard:
        return "link"
    if cosine >= params.review_cosine:
        return "candidate"
    return None


def find_resubmissions(corpus: Corpus, new_ids: Sequence[str], params: ResubmissionParams,
                       known_pairs: Iterable[tuple[str, str]] = ()) -> list[ResubmissionLink]:
    """Earlier versions of the ``new_ids`` reports among the corpus's counted reports.

    Arguments:
        corpus: counted reports with embeddings (L2-normalised) and lemmas; candidates come from it.
        new_ids: the reports of this run (ids not in the corpus are skipped).
        params: window and thresholds.
        known_pairs: (earlier, later) pairs already decided (ingest's links, reviewer decisions): not judged again.
            Pairs ingest only listed for a reviewer are not in it: the second pass may link them.

    Returns:
        At most one link per new report (its best-scoring candidate; a linked one wins over a listed one),
        ordered as ``new_ids``. Each report is the later side of at most one link and the earlier side of at most
        one, so a family stays a chain.
    """
    known = {frozenset(p) for p in known_pairs}
    blocks: dict[tuple, list[int]] = {}
    for i, m in enumerate(corpus.metadata):
        blocks.setdefault(block_of(m), []).append(i)
    index = {rid: i for i, rid in enumerate(corpus.ids)}
    lemma_sets = [set(x) for x in corpus.lemmas]
    used_earlier: set[str] = set()
    links: list[ResubmissionLink] = []
    for rid in new_ids:
        i = index.get(rid)
        if i is None:
            continue
        day_i = _date(corpus.metadata[i].get("submitted"))
        best: tuple[int, float, int, float, float] | None = None  # (rank, score, j, cos, lemma_j)
        for j in blocks[block_of(corpus.metadata[i])]:
            if j == i or corpus.ids[j] in used_earlier or frozenset((rid, corpus.ids[j])) in known:
                continue
            day_j = _date(corpus.metadata[j].get("submitted"))
            gap = (day_i - day_j).days
            # the candidate must be earlier (same day: the later in corpus order is the new version)
            if gap < 0 or gap > params.window_days or (gap == 0 and j > i):
                continue
            cos = float(np.dot(corpus.embeddings[i], corpus.embeddings[j]))
            lj = lemma_jaccard(lemma_sets[i], lemma_sets[j])
            decision = judge(cos, lj, params)
            if decision is None:
                continue
            rank = 1 if decision == "link" else 0
            if best is None or (rank, cos) > (best[0], best[1]):
                best = (rank, cos, j, cos, lj)
        if best is None:
            continue
        rank, _, j, cos, lj = best
        earlier = corpus.ids[j]
        gap = (day_i - _date(corpus.metadata[j].get("submitted"))).days
        links.append(ResubmissionLink(
            earlier_id=earlier, later_id=rid, decision="link" if rank else "candidate", score=round(cos, 4),
            evidence={"rule": "resubmission_semantic", "cosine": round(cos, 4), "lemma_jaccard": round(lj, 4),
                      "days_apart": gap, "embedder": corpus.embedder_id}))
        if rank:
            used_earlier.add(earlier)
    return links


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def recorded_pairs(engine: Engine) -> list[tuple[str, str]]:
    """(earlier, later) of every pair the store has decided (any status but ``candidate``, which stays open)."""
    from pipeline.store.schema import resubmissions

    with engine.connect() as conn:
        return [(r.earlier_id, r.later_id) for r in conn.execute(
            sa.select(resubmissions.c.earlier_id, resubmissions.c.later_id)
            .where(resubmissions.c.status != "candidate"))]


def write_resubmissions(engine: Engine, links: Sequence[ResubmissionLink]) -> dict[str, Any]:
    """Record ``links`` in ``resubmissions``; for a ``link`` the earlier version stops counting.

    A pair ingest listed for a reviewer is updated in place (its character evidence kept beside the new one).

    Returns ``{"linked": n, "listed": n, "dropped": [earlier ids that no longer count]}``.
    """
    from pipeline.store.locks import write_with_retry
    from pipeline.store.schema import reports, resubmissions

    if not links:
        return {"linked": 0, "listed": 0, "dropped": []}
    now = dt.datetime.now(dt.timezone.utc)

    def apply(conn) -> list[str]:  # noqa: ANN001
        dropped = []
        for link in links:
            status = "linked" if link.decision == "link" else "candidate"
            pair = (resubmissions.c.earlier_id == link.earlier_id) & (resubmissions.c.later_id == link.later_id)
            old = conn.execute(sa.select(resubmissions.c.status, resubmissions.c.evidence).where(pair)).first()
            if old is None:
                conn.execute(resubmissions.insert().values(
                    earlier_id=link.earlier_id, later_id=link.later_id, score=link.score, evidence=link.evidence,
                    status=status, created_at=now))
            elif old.status == "candidate":
                conn.execute(resubmissions.update().where(pair).values(
                    score=link.score, status=status, evidence={**link.evidence, "ingest": old.evidence}))
            else:  # decided meanwhile (a reviewer): the decision stands
                continue
            if status == "linked":
                n = conn.execute(reports.update().where(reports.c.report_id == link.earlier_id,
                                                        reports.c.duplicate_of.is_(None))
                                 .values(duplicate_of=link.later_id, similarity=link.score)).rowcount
                if n:
                    dropped.append(link.earlier_id)
        return dropped

    dropped = write_with_retry(engine, apply, what="resubmission links")
    return {"linked": sum(link.decision == "link" for link in links),
            "listed": sum(link.decision == "candidate" for link in links), "dropped": dropped}
