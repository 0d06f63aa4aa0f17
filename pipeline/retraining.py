"""Retraining: evaluate a freshly fitted topic model against the active one and carry reviewer mappings over.

A topic model is judged by how well its clusters agree with reviewed theme labels (each cluster's majority
reviewed theme should be among a reviewed report's themes). Without enough reviewed labels (fewer than
``MIN_REVIEWED`` reviewed reports, or both models at the same agreement) the promotion rule is unsupervised:
outlier share, topic coherence (NPMI of each topic's keywords over the reports' lemmas) and topic diversity (share
of distinct keywords across topics), with the stability of assignments against the active model (adjusted Rand
index) reported beside them. Promotion needs evidence: the new model must be better on at least one criterion and
not worse on any; a tie ("0.000 vs 0.000") is not promoted, and the reason says which criterion decided.
Approved cluster→theme mappings move to the new model's most similar cluster (centroid cosine); a mapping that
finds no match is reported, never dropped silently (its history stays in ``reviews``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import Engine

from pipeline.store.queries import (
    cluster_centroids,
    cluster_keywords,
    report_lemmas,
    cluster_decisions,
    model_metrics,
    reviewed_themes,
    topic_of_reports,
)
from pipeline.store.schema import models, reviews

MATCH_MIN_COSINE = 0.8
TOLERANCE = 0.01  # a new model this much below the active one still counts as "not worse"
MIN_REVIEWED = 20  # fewer reviewed reports than this: agreement is too thin to decide on
# unsupervised criteria: name, direction (+1 higher is better), the change that counts as a real difference
UNSUPERVISED = (("outlier_share", -1, 0.02), ("coherence", +1, 0.01), ("diversity", +1, 0.02))


def evaluate_topic_model(engine: Engine, version: str) -> dict[str, Any]:
    """Agreement of a model's clusters with reviewed labels, outlier share and number of topics."""
    with engine.connect() as conn:
        assigned = topic_of_reports(conn, version)
        reviewed = reviewed_themes(conn, list(assigned))
    n = len(assigned)
    outliers = sum(1 for t in assigned.values() if t == -1)
    by_topic: dict[int, Counter] = defaultdict(Counter)
    for rid, themes in reviewed.items():
        topic = assigned.get(rid, -1)
        if topic != -1:
            by_topic[topic].update(themes)
    hits = total = 0
    for rid, themes in reviewed.items():
        topic = assigned.get(rid, -1)
        total += 1
        if topic == -1 or not by_topic[topic]:
            continue
        # leave-one-out majority: the report's own labels do not vote for its cluster
        votes = by_topic[topic].copy()
        votes.subtract(themes)
        top = [t for t, c in votes.most_common(1) if c > 0]
        hits += bool(top and top[0] in themes)
    with engine.connect() as conn:
        keywords = cluster_keywords(conn, version)
        lemmas = report_lemmas(conn, list(assigned))
    return {
        "reports": n,
        "reviewed_reports": total,
        "review_agreement": round(hits / total, 4) if total else None,
        "outlier_share": round(outliers / n, 4) if n else None,
        "topics": len({t for t in assigned.values() if t != -1}),
        "coherence": topic_coherence(keywords, lemmas.values()),
        "diversity": topic_diversity(keywords),
    }


def topic_coherence(keywords: dict[int, list[str]], lemmas, top_n: int = 10) -> float | None:  # noqa: ANN001
    """Mean NPMI of keyword pairs per topic (document co-occurrence over the reports' lemma sets), in [-1, 1].

    Arguments:
        keywords: topic → keywords, best first (outlier topic -1 ignored).
        lemmas: the content lemmas of each report.
    """
    import math

    docs = [set(lem) for lem in lemmas]
    if not docs:
        return None
    n = len(docs)
    scores = []
    for topic, words in keywords.items():
        words = [w for w in words[:top_n] if w]
        if topic == -1 or len(words) < 2:
            continue
        has = {w: {i for i, d in enumerate(docs) if w in d} for w in words}
        pair = []
        for a in range(len(words)):
            for b in range(a + 1, len(words)):
                pa, pb = len(has[words[a]]) / n, len(has[words[b]]) / n
                pab = len(has[words[a]] & has[words[b]]) / n
                if pab == 0 or pa == 0 or pb == 0:
                    pair.append(-1.0)
                elif pab == 1.0:
                    pair.append(1.0)
                else:
                    pair.append(math.log(pab / (pa * pb)) / -math.log(pab))
        scores.append(sum(pair) / len(pair))
    return round(sum(scores) / len(scores), 4) if scores else None


def topic_diversity(keywords: dict[int, list[str]], top_n: int = 10) -> float | None:
    """Share of distinct words among all topics' top keywords (1.0 = no topic repeats another's words)."""
    words = [w for t, ws in keywords.items() if t != -1 for w in ws[:top_n]]
    return round(len(set(words)) / len(words), 4) if words else None


def assignment_stability(engine: Engine, version: str, reference: str) -> float | None:
    """Adjusted Rand index of two models' topic assignments on the reports both assigned (1.0 = same partition)."""
    from sklearn.metrics import adjusted_rand_score

    with engine.connect() as conn:
        a, b = topic_of_reports(conn, version), topic_of_reports(conn, reference)
    shared = sorted(set(a) & set(b))
    if len(shared) < 2:
        return None
    return round(float(adjusted_rand_score([a[r] for r in shared], [b[r] for r in shared])), 4)


def promotion_criterion(new: dict[str, Any], active: dict[str, Any] | None) -> str:
    """Which evidence the promotion rule uses: ``none`` (no active model), ``reviewed`` or ``unsupervised``."""
    if active is None:
        return "none"
    a_new, a_old = new.get("review_agreement"), active.get("review_agreement")
    enough = min(new.get("reviewed_reports") or 0, active.get("reviewed_reports") or 0) >= MIN_REVIEWED
    if a_new is not None and a_old is not None and enough and abs(a_new - a_old) > 1e-9:
        return "reviewed"
    return "unsupervised"


def is_not_worse(new: dict[str, Any], active: dict[str, Any] | None) -> tuple[bool, str]:
    """The promotion rule (see the module docstring); returns (promote, reason naming the criterion)."""
    criterion = promotion_criterion(new, active)
    if criterion == "none":
        return True, "no active model"
    if criterion == "reviewed":
        a_new, a_old = new["review_agreement"], active["review_agreement"]
        if a_new + TOLERANCE >= a_old:
            return True, f"reviewed labels: review agreement {a_new:.3f} vs active {a_old:.3f}"
        return False, f"reviewed labels: review agreement {a_new:.3f} is below the active model's {a_old:.3f}"
    parts, better, worse = [], [], []
    for name, sign, delta in UNSUPERVISED:
        v_new, v_old = new.get(name), active.get(name)
        if v_new is None or v_old is None:
            parts.append(f"{name} not measured")
            continue
        parts.append(f"{name} {v_new:.3f} vs {v_old:.3f}")
        diff = sign * (v_new - v_old)
        if diff >= delta:
            better.append(name)
        elif diff <= -delta:
            worse.append(name)
    if new.get("stability") is not None:
        parts.append(f"stability vs active (ARI) {new['stability']:.3f}")
    why = "; ".join(parts)
    head = "unsupervised (too few reviewed labels to decide)"
    if worse:
        return False, f"{head}: worse on {', '.join(worse)} ({why})"
    if not better:
        return False, f"{head}: no evidence the new model is better ({why})"
    return True, f"{head}: better on {', '.join(better)}, not worse on the others ({why})"


def activate_model(engine: Engine, version: str, kind: str = "topic_model") -> None:
    """Make ``version`` the one active model of its kind."""
    with engine.begin() as conn:
        conn.execute(models.update().where(models.c.kind == kind).values(active=False))
        conn.execute(models.update().where(models.c.kind == kind, models.c.version == version).values(active=True))


def decide_promotion(new: dict[str, Any], active: dict[str, Any] | None, force: bool = False) -> tuple[bool, str]:
    """Whether a new model replaces the active one, and why: `is_not_worse`, or ``force`` (said in the reason).

    Arguments:
        new: `evaluate_topic_model` of the new model (plus ``stability`` against the active one, if measured).
        active: the same for the active model; None when there is none.
        force: promote even when the rule says no (the reason says so).
    """
    ok, reason = is_not_worse(new, active)
    if force and not ok:
        return True, f"promoted on request although: {reason}"
    return ok, reason


def record_metrics(engine: Engine, version: str, metrics: dict[str, Any]) -> None:
    """Merge ``metrics`` into the stored metrics of model ``version``."""
    with engine.begin() as conn:
        merged = model_metrics(conn, version)
        merged.update(metrics)
        conn.execute(models.update().where(models.c.version == version).values(metrics=merged))


def carry_over_mappings(engine: Engine, old_version: str, new_version: str) -> dict[str, Any]:
    """Copy approved cluster→theme mappings of ``old_version`` onto the most similar clusters of ``new_version``."""
    with engine.begin() as conn:
        latest = cluster_decisions(conn, old_version)
        old_c, new_c = cluster_centroids(conn, old_version), cluster_centroids(conn, new_version)
        carried, unmatched = [], []
        now = dt.datetime.now(dt.timezone.utc)
        for topic, r in latest.items():
            target = r["target"]
            vec = old_c.get(topic)
            best, best_sim = None, -1.0
            if vec is not None:
                for t, v in new_c.items():
                    sim = float(vec @ v)
                    if sim > best_sim:
                        best, best_sim = t, sim
            if best is None or best_sim < MATCH_MIN_COSINE:
                unmatched.append({"old": target, "themes": r["new"], "best_cosine": round(best_sim, 3)})
                continue
            conn.execute(reviews.insert().values(
                kind="cluster", target=f"{new_version}:{best}", reviewer=r["reviewer"], created_at=now,
                old={"themes": []}, new=r["new"],
                note=f"carried over from {target} (cosine {best_sim:.3f}); original note: {r['note']}"))
            carried.append({"old": target, "new": f"{new_version}:{best}", "cosine": round(best_sim, 3)})
    return {"carried": carried, "unmatched": unmatched}
