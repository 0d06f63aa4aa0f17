"""Retraining: evaluate a freshly fitted topic model against the active one and carry reviewer mappings over.

A topic model is judged by how well its clusters agree with reviewed theme labels (each cluster's majority
reviewed theme should be among a reviewed report's themes) and by how many reports it leaves as outliers.
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
    cluster_decisions,
    model_metrics,
    reviewed_themes,
    topic_of_reports,
)
from pipeline.store.schema import models, reviews

MATCH_MIN_COSINE = 0.8
TOLERANCE = 0.01  # a new model this much below the active one still counts as "not worse"


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
    return {
        "reports": n,
        "reviewed_reports": total,
        "review_agreement": round(hits / total, 4) if total else None,
        "outlier_share": round(outliers / n, 4) if n else None,
        "topics": len({t for t in assigned.values() if t != -1}),
    }


def is_not_worse(new: dict[str, Any], active: dict[str, Any] | None) -> tuple[bool, str]:
    """Promotion rule: review agreement not lower (within tolerance), else fewer outliers when nothing is reviewed."""
    if active is None:
        return True, "no active model"
    a_new, a_old = new.get("review_agreement"), active.get("review_agreement")
    if a_new is not None and a_old is not None:
        if a_new + TOLERANCE >= a_old:
            return True, f"review agreement {a_new:.3f} vs active {a_old:.3f}"
        return False, f"review agreement {a_new:.3f} is below the active model's {a_old:.3f}"
    o_new, o_old = new.get("outlier_share") or 0.0, active.get("outlier_share") or 0.0
    if o_new <= o_old + 0.05:
        return True, f"no reviewed labels; outlier share {o_new:.3f} vs active {o_old:.3f}"
    return False, f"no reviewed labels; outlier share {o_new:.3f} is above the active model's {o_old:.3f}"


def activate_model(engine: Engine, version: str, kind: str = "topic_model") -> None:
    """Make ``version`` the one active model of its kind."""
    with engine.begin() as conn:
        conn.execute(models.update().where(models.c.kind == kind).values(active=False))
        conn.execute(models.update().where(models.c.kind == kind, models.c.version == version).values(active=True))


def decide_promotion(new: dict[str, Any], active: dict[str, Any] | None, force: bool = False) -> tuple[bool, str]:
    """Whether a new model replaces the active one, and why: `is_not_worse`, or ``force`` (said in the reason)."""
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
