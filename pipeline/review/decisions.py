"""Reviewer decisions: set a report's themes, confirm or change a cluster's themes, add a theme from a cluster.

Every decision is one appended ``reviews`` row (kind, target, reviewer, time, old → new, note); nothing is updated or
deleted, and the latest row for a target wins (``pipeline.store.queries``). The nightly run and exports read
``effective_themes``, so a decision counts from the moment it is committed and survives retraining: report decisions
are keyed by report id, not by model output.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.errors import InputError
from pipeline.review._bind import Bind, begin, utcnow
from pipeline.review.vocabulary_keys import (
    allowed_theme_keys,
    canonical_keys,
    check_theme_keys,
    parse_themes,
)
from pipeline.store import queries
from pipeline.store.queries import model_themes, reviewed_themes
from pipeline.store.schema import clusters, models, reports, reviews
from pipeline.themes.vocabulary import add_theme, load_vocabulary

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{1,99}$")


def active_model_version(conn: Connection) -> str | None:
    """The active topic model's version; else the newest model with clusters (a candidate not promoted yet, whose
    clusters a reviewer may already map); ``None`` on an empty store."""
    active = queries.active_model(conn)
    if active is not None:
        return active.version
    row = conn.execute(
        sa.select(clusters.c.model_version)
        .select_from(clusters.outerjoin(models, models.c.version == clusters.c.model_version))
        .order_by(models.c.created_at.desc().nulls_last(), clusters.c.model_version.desc())
    ).first()
    return row.model_version if row else None


def cluster_target(model_version: str, topic: int) -> str:
    """The ``reviews.target`` of a cluster: ``"<model_version>:<topic>"``."""
    return f"{model_version}:{int(topic)}"


def _require_report(conn: Connection, report_id: str) -> None:
    found = conn.execute(sa.select(reports.c.report_id).where(reports.c.report_id == report_id)).first()
    if not found:
        raise InputError(f"unknown report id '{report_id}'")


def _require_cluster(conn: Connection, model_version: str, topic: int) -> Any:
    row = conn.execute(
        sa.select(clusters).where(clusters.c.model_version == model_version, clusters.c.topic == int(topic))
    ).first()
    if not row:
        raise InputError(f"unknown cluster: topic {topic} of model version '{model_version}'")
    return row


def _require_reviewer(reviewer: str) -> str:
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise InputError("reviewer name is empty: say who made the decision")
    return reviewer


def _valid_themes(conn: Connection, themes: str | Iterable[str], where: str) -> list[str]:
    keys = canonical_keys(parse_themes(themes))
    if not keys:
        raise InputError(f"{where}: no theme keys given")
    check_theme_keys(keys, allowed_theme_keys(conn), where)
    return keys


def _current_report_state(conn: Connection, report_id: str) -> dict[str, Any]:
    reviewed = reviewed_themes(conn, [report_id])
    if report_id in reviewed:
        return {"themes": reviewed[report_id], "source": "review"}
    model = model_themes(conn, [report_id]).get(report_id)
    if model:
        return {"themes": [t for t, _ in model], "source": "model", "scores": {t: round(s, 4) for t, s in model}}
    return {"themes": [], "source": "none"}


def _insert_review(conn: Connection, kind: str, target: str, reviewer: str, old: dict, new: dict, note: str) -> dict:
    values = {
        "kind": kind,
        "target": target,
        "reviewer": reviewer,
        "created_at": utcnow(),
        "old": old,
        "new": new,
        "note": note or "",
    }
    rid = conn.execute(sa.insert(reviews).values(**values)).inserted_primary_key[0]
    return {"id": int(rid), **values, "created_at": values["created_at"].isoformat()}


def set_report_themes(bind: Bind, report_id: str, themes: str | Iterable[str], reviewer: str, note: str = "") -> dict:
    """Record a reviewer's theme list for one report; it wins over the model from now on.

    Arguments:
        bind: engine, connection (its transaction is used) or store URL.
        report_id: id of a stored report.
        themes: theme keys, a list or ``"a;b"``; each must be in the vocabulary.
        reviewer: who decided (stored with the row).
        note: why, free text.

    Returns:
        The appended review row as a dict (``id, kind, target, reviewer, created_at, old, new, note``); ``old`` holds
        the themes that counted before (``source``: review, model or none).

    Raises:
        InputError: unknown report, unknown theme key, no themes, or no reviewer.
    """
    reviewer = _require_reviewer(reviewer)
    with begin(bind) as conn:
        _require_report(conn, report_id)
        keys = _valid_themes(conn, themes, f"report '{report_id}'")
        old = _current_report_state(conn, report_id)
        decision = "accept" if old["source"] == "model" and old["themes"] == keys else "change"
        row = _insert_review(conn, "report", report_id, reviewer, old, {"themes": keys, "decision": decision}, note)
    log.info("review: %s set %s: %s -> %s", reviewer, report_id, old["themes"], keys)
    return row


def accept_report_themes(bind: Bind, report_id: str, reviewer: str, note: str = "") -> dict:
    """Record that the model's themes of a report are right (decision ``accept``); they then count as reviewed.

    Raises:
        InputError: unknown report, a report without model themes, or no reviewer.
    """
    reviewer = _require_reviewer(reviewer)
    with begin(bind) as conn:
        _require_report(conn, report_id)
        old = _current_report_state(conn, report_id)
        model = [t for t, _ in model_themes(conn, [report_id]).get(report_id, [])]
        if not model:
            raise InputError(f"report '{report_id}': the model gave it no themes to accept")
        row = _insert_review(conn, "report", report_id, reviewer, old, {"themes": model, "decision": "accept"}, note)
    log.info("review: %s accepted %s: %s", reviewer, report_id, model)
    return row


def set_report_no_theme(bind: Bind, report_id: str, reviewer: str, note: str = "") -> dict:
    """Record "ei sovi mihinkään teemaan": no theme of the vocabulary applies (decision ``no_theme``).

    The report then counts under no theme in theme tables and exports (its effective themes are empty), and the
    model's themes no longer count for it, also after retraining; a later decision replaces this one.

    Returns:
        The appended review row; ``new`` is ``{"themes": [], "decision": "no_theme"}``.
    """
    reviewer = _require_reviewer(reviewer)
    with begin(bind) as conn:
        _require_report(conn, report_id)
        old = _current_report_state(conn, report_id)
        row = _insert_review(conn, "report", report_id, reviewer, old, {"themes": [], "decision": "no_theme"}, note)
    log.info("review: %s set %s: %s -> no theme applies", reviewer, report_id, old["themes"])
    return row


def set_cluster_themes(
    bind: Bind, model_version: str | None, topic: int, themes: str | Iterable[str], reviewer: str, note: str = ""
) -> dict:
    """Confirm or change the themes a cluster maps to (review kind ``cluster``).

    Arguments:
        bind: engine, connection or store URL.
        model_version: the topic model version the cluster belongs to; ``None`` = the active model.
        topic: the cluster's topic number.
        themes: theme keys (list or ``"a;b"``); confirming = passing the suggested ones.
        reviewer: who decided.
        note: why.

    Returns:
        The appended review row as a dict; ``old`` holds the previous confirmed mapping or the model's suggestion.
    """
    reviewer = _require_reviewer(reviewer)
    with begin(bind) as conn:
        version = model_version or active_model_version(conn)
        if not version:
            raise InputError("no topic model in the store: there are no clusters to review")
        cl = _require_cluster(conn, version, topic)
        keys = _valid_themes(conn, themes, f"cluster {version}:{topic}")
        current = cluster_mappings(conn, version).get(int(topic))
        if current is not None:
            old = {"themes": current, "source": "review"}
        else:
            old = {"themes": [t for t, _ in _suggested(cl.suggested_themes)], "source": "suggested"}
        row = _insert_review(conn, "cluster", cluster_target(version, topic), reviewer, old, {"themes": keys}, note)
    log.info("review: %s mapped cluster %s:%s -> %s", reviewer, version, topic, keys)
    return row


def _suggested(value: Any) -> list[tuple[str, float]]:
    """``clusters.suggested_themes`` as [(theme, score)], tolerating a plain list of keys."""
    out: list[tuple[str, float]] = []
    for item in value or []:
        if isinstance(item, str):
            out.append((item, float("nan")))
        elif isinstance(item, Mapping):
            out.append((str(item.get("theme") or item.get("key")), float(item.get("score", float("nan")))))
        else:
            out.append((str(item[0]), float(item[1]) if len(item) > 1 else float("nan")))
    return out


def cluster_mappings(bind: Bind, model_version: str | None = None) -> dict[int, list[str]]:
    """Reviewer-confirmed cluster→themes mapping of one model version (default: `active_model_version`).

    Clusters nobody has reviewed are absent; their model suggestion lives in ``clusters.suggested_themes``.
    """
    with begin(bind) as conn:
        return queries.cluster_mappings(conn, model_version or active_model_version(conn))


def _add_to_vocabulary(key: str, label_fi: str, label_en: str, description: str, keywords: list[str]) -> None:
    """Add the theme to the vocabulary file (``pipeline.themes.add_theme``)."""
    # The Finnish description is what zero-shot scoring embeds; without one the label and the cluster's keywords
    # describe the theme best.
    description_fi = description.strip() or f"{label_fi}: {', '.join(keywords)}"
    add_theme(load_vocabulary(), key, label_fi, label_en, description_fi, keywords=keywords, save=True)


def add_theme_from_cluster(
    bind: Bind,
    model_version: str | None,
    topic: int,
    key: str,
    label_fi: str,
    label_en: str,
    reviewer: str,
    description: str = "",
    note: str = "",
) -> dict:
    """Create a new vocabulary theme from a cluster and map the cluster to it.

    The cluster's keywords become the theme's seed keywords. The theme is added to the vocabulary file through
    ``pipeline.themes.add_theme`` and recorded as a review of kind ``vocabulary`` (target = the key), so reviewers
    can label reports with it at once.

    Returns:
        ``{"theme": <vocabulary review row>, "cluster": <cluster review row>}``.

    Raises:
        InputError: bad or existing key, empty labels, unknown cluster, no reviewer.
    """
    reviewer = _require_reviewer(reviewer)
    key = (key or "").strip()
    if not _KEY_RE.match(key):
        raise InputError(f"theme key '{key}' must be lower-case letters, digits and '_' (2-100 characters)")
    if not (label_fi or "").strip() or not (label_en or "").strip():
        raise InputError(f"theme '{key}': both label_fi and label_en are needed")
    with begin(bind) as conn:
        version = model_version or active_model_version(conn)
        if not version:
            raise InputError("no topic model in the store: there are no clusters to review")
        cl = _require_cluster(conn, version, topic)
        if key in allowed_theme_keys(conn):
            raise InputError(f"theme key '{key}' already exists in the vocabulary")
        keywords = [str(k[0]) if isinstance(k, (list, tuple)) else str(k) for k in (cl.keywords or [])][:10]
        _add_to_vocabulary(key, label_fi.strip(), label_en.strip(), description, keywords)
        new = {
            "key": key,
            "label_fi": label_fi.strip(),
            "label_en": label_en.strip(),
            "description": description,
            "keywords": keywords,
            "from_cluster": cluster_target(version, topic),
        }
        theme_row = _insert_review(conn, "vocabulary", key, reviewer, {}, new, note)
        cluster_row = set_cluster_themes(conn, version, topic, [key], reviewer,
                                         note or f"new theme '{key}' from this cluster")
    return {"theme": theme_row, "cluster": cluster_row}


def history(bind: Bind, report_id: str, kind: str = "report") -> list[dict]:
    """All decisions about one target, oldest first.

    Arguments:
        bind: engine, connection or store URL.
        report_id: the report id (or, with ``kind="cluster"``, ``"<model_version>:<topic>"``; with
            ``kind="vocabulary"``, a theme key).
        kind: ``report`` | ``cluster`` | ``vocabulary``.

    Returns:
        ``[{"id", "kind", "target", "reviewer", "created_at" (ISO), "old", "new", "note"}, ...]``; the last one counts.

    Raises:
        InputError: ``kind="report"`` and the report is not in the store.
    """
    if kind not in ("report", "cluster", "vocabulary"):
        raise InputError(f"unknown review kind '{kind}' (report, cluster or vocabulary)")
    with begin(bind) as conn:
        if kind == "report":
            _require_report(conn, report_id)
        rows = conn.execute(
            sa.select(reviews).where(reviews.c.kind == kind, reviews.c.target == report_id).order_by(reviews.c.id)
        ).mappings()
        out = []
        for r in rows:
            d = dict(r)
            d["created_at"] = d["created_at"].isoformat() if hasattr(d["created_at"], "isoformat") else d["created_at"]
            out.append(d)
        return out


def _parse_corrections(corrections: Any) -> list[dict]:
    if corrections is None or corrections == "":
        return []
    if isinstance(corrections, str):
        import json

        try:
            corrections = json.loads(corrections)
        except json.JSONDecodeError as exc:
            raise InputError(f"corrections: not valid JSON: {exc}") from exc
    if isinstance(corrections, Mapping):
        corrections = [corrections]
    if not isinstance(corrections, list) or not all(isinstance(c, Mapping) for c in corrections):
        raise InputError("corrections: expected a list of objects")
    return [dict(c) for c in corrections]


def apply_corrections(bind: Bind, corrections: Any, reviewer: str, cluster_corrections: Any = None) -> list[dict]:
    """Apply a batch of decisions in one transaction (all or nothing): the notebook's headless path.

    Arguments:
        bind: engine, connection or store URL.
        corrections: list (or JSON text) of ``{"report_id", "themes", "note"?}``.
        reviewer: who decided (an item may override it with its own ``"reviewer"``).
        cluster_corrections: list (or JSON text) of ``{"topic", "themes", "model_version"?, "note"?}``.

    Returns:
        The appended review rows.
    """
    items = _parse_corrections(corrections)
    cluster_items = _parse_corrections(cluster_corrections)
    for i, c in enumerate(items):
        if "report_id" not in c or "themes" not in c:
            raise InputError(f"corrections[{i}]: needs 'report_id' and 'themes'")
    for i, c in enumerate(cluster_items):
        if "topic" not in c or "themes" not in c:
            raise InputError(f"cluster_corrections[{i}]: needs 'topic' and 'themes'")
    rows: list[dict] = []
    with begin(bind) as conn:
        for c in items:
            rows.append(set_report_themes(conn, str(c["report_id"]), c["themes"], c.get("reviewer") or reviewer,
                                          c.get("note", "")))
        for c in cluster_items:
            rows.append(set_cluster_themes(conn, c.get("model_version"), int(c["topic"]), c["themes"],
                                           c.get("reviewer") or reviewer, c.get("note", "")))
    return rows


def reviewed_labels(bind: Bind, include_imports: bool = True) -> "pd.DataFrame":
    """The latest reviewer decision per report, as supervision and ground truth for retraining and evaluation.

    Returns:
        ``report_id, themes`` (list), ``reviewer, decided_at`` (ISO), ``imported`` (bool), one row per reviewed report.
    """
    import pandas as pd

    with begin(bind) as conn:
        latest: dict[str, Any] = {}
        for r in conn.execute(sa.select(reviews).where(reviews.c.kind == "report").order_by(reviews.c.id)):
            if include_imports or not r.reviewer.startswith("import:"):
                latest[r.target] = r
    rows = [{
        "report_id": rid,
        "themes": list(r.new.get("themes", [])) if isinstance(r.new, Mapping) else list(r.new or []),
        "reviewer": r.reviewer,
        "decided_at": r.created_at.isoformat() if hasattr(r.created_at, "isoformat") else str(r.created_at),
        "imported": r.reviewer.startswith("import:"),
    } for rid, r in latest.items()]
    return pd.DataFrame(rows, columns=["report_id", "themes", "reviewer", "decided_at", "imported"])
