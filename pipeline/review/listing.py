"""What a reviewer looks at: clusters of the active topic model and reports with their themes, scores and evidence."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pandas as pd
import sqlalchemy as sa

from pipeline.review._bind import Bind, begin
from pipeline.review.decisions import _suggested, active_model_version, cluster_mappings
from pipeline.store.queries import counted_reports, effective_themes, model_themes
from pipeline.store.schema import clusters, reports, reviews, theme_assignments, topic_assignments

CLUSTER_COLUMNS = ["model_version", "topic", "size", "period_size", "keywords", "suggested_themes",
                   "confirmed_themes", "representative_reports"]
REPORT_COLUMNS = ["report_id", "submitted", "area", "target_group", "phenomenon_type", "snippet", "themes",
                  "source", "reviewer", "model_themes", "confidence", "evidence", "topic"]


def _snippet(text: str, n: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _as_date(value: date | str | None) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _keywords(value: Any) -> list[str]:
    return [str(k[0]) if isinstance(k, (list, tuple)) else str(k) for k in (value or [])]


def list_clusters(
    bind: Bind,
    model_version: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    n_representative: int = 3,
) -> pd.DataFrame:
    """Clusters of a topic model with what a reviewer needs to confirm their theme mapping.

    Arguments:
        bind: engine, connection or store URL.
        model_version: topic model version; ``None`` = the active one.
        date_from, date_to: optional period (inclusive); ``period_size`` counts the cluster's reports in it.
        n_representative: how many of the most probable reports to show per cluster.

    Returns:
        One row per cluster, unconfirmed first, then largest first: ``model_version, topic, size, period_size,
        keywords`` (list), ``suggested_themes`` ([(theme, score)]), ``confirmed_themes`` (list, or ``None`` when no
        reviewer has decided), ``representative_reports`` ([(report_id, pseudonymised snippet)]). Empty (with these
        columns) when the store has no topic model.
    """
    d_from, d_to = _as_date(date_from), _as_date(date_to)
    with begin(bind) as conn:
        version = model_version or active_model_version(conn)
        if not version:
            return pd.DataFrame(columns=CLUSTER_COLUMNS)
        confirmed = cluster_mappings(conn, version)
        ta = topic_assignments
        reps: dict[int, list[tuple[str, str]]] = defaultdict(list)
        period_size: dict[int, int] = defaultdict(int)
        q = (
            sa.select(ta.c.topic, ta.c.report_id, ta.c.probability, reports.c.text, reports.c.submitted)
            .select_from(ta.join(reports, reports.c.report_id == ta.c.report_id))
            .where(ta.c.model_version == version)
            .order_by(ta.c.topic, ta.c.probability.desc(), ta.c.report_id)
        )
        for r in conn.execute(q):
            if len(reps[r.topic]) < n_representative:
                reps[r.topic].append((r.report_id, _snippet(r.text)))
            if (d_from is None or r.submitted >= d_from) and (d_to is None or r.submitted <= d_to):
                period_size[r.topic] += 1
        rows = []
        for c in conn.execute(sa.select(clusters).where(clusters.c.model_version == version)):
            rows.append({
                "model_version": version,
                "topic": int(c.topic),
                "size": int(c.size),
                "period_size": period_size.get(c.topic, 0),
                "keywords": _keywords(c.keywords),
                "suggested_themes": _suggested(c.suggested_themes),
                "confirmed_themes": confirmed.get(int(c.topic)),
                "representative_reports": reps.get(c.topic, []),
            })
    df = pd.DataFrame(rows, columns=CLUSTER_COLUMNS)
    if df.empty:
        return df
    df["_confirmed"] = df["confirmed_themes"].notna()
    # The outlier topic (-1) goes last: it is not a theme candidate.
    df["_outlier"] = df["topic"] < 0
    df = df.sort_values(["_outlier", "_confirmed", "size", "topic"], ascending=[True, True, False, True])
    return df.drop(columns=["_confirmed", "_outlier"]).reset_index(drop=True)


def _latest_reviewers(conn: Any, ids: list[str]) -> dict[str, str]:
    out: dict[str, tuple[int, str]] = {}
    for target, reviewer, rid in conn.execute(
        sa.select(reviews.c.target, reviews.c.reviewer, reviews.c.id)
        .where(reviews.c.kind == "report", reviews.c.target.in_(ids))
    ):
        if target not in out or rid > out[target][0]:
            out[target] = (rid, reviewer)
    return {k: v[1] for k, v in out.items()}


def _model_evidence(conn: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Evidence of the newest model run per report: {report_id: {theme: evidence}}."""
    ta = theme_assignments
    rows: dict[str, list] = defaultdict(list)
    for r in conn.execute(
        sa.select(ta.c.report_id, ta.c.theme, ta.c.evidence, ta.c.created_at)
        .where(ta.c.source == "model", ta.c.report_id.in_(ids))
    ):
        rows[r.report_id].append(r)
    out = {}
    for rid, rs in rows.items():
        newest = max(r.created_at for r in rs)
        out[rid] = {r.theme: r.evidence for r in rs if r.created_at == newest}
    return out


def _chunks(ids: list[str], n: int = 900) -> list[list[str]]:
    # SQLite caps bound parameters per statement; chunking keeps large stores working.
    return [ids[i: i + n] for i in range(0, len(ids), n)] or [[]]


def list_reports(
    bind: Bind,
    theme: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    area: str | None = None,
    target_group: str | None = None,
    max_confidence: float | None = None,
    include_duplicates: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """Reports with the themes that count now, the model's themes and scores, evidence and who decided.

    Arguments:
        bind: engine, connection or store URL.
        theme: keep reports whose effective themes include this key.
        date_from, date_to: submitted within this period (inclusive; ISO dates or ``date``).
        area: keep reports that name this area (exact, case-insensitive).
        target_group: keep reports of this target group (exact, case-insensitive).
        max_confidence: keep reports whose top model score is at most this, or that have no model themes.
        include_duplicates: also list near-duplicates (left out of tables by default).
        limit: at most this many rows (after sorting).

    Returns:
        Lowest confidence first: ``report_id, submitted, area`` (list), ``target_group, phenomenon_type, snippet``
        (pseudonymised text), ``themes`` (effective), ``source`` (review | import | model | none), ``reviewer``,
        ``model_themes`` ([(theme, score)] best first), ``confidence`` (top model score or NaN), ``evidence``
        ({theme: evidence} of the newest model run), ``topic`` (active model's topic or NaN).
    """
    d_from, d_to = _as_date(date_from), _as_date(date_to)
    with begin(bind) as conn:
        q = counted_reports(conn) if not include_duplicates else sa.select(reports)
        if d_from:
            q = q.where(reports.c.submitted >= d_from)
        if d_to:
            q = q.where(reports.c.submitted <= d_to)
        rows = list(conn.execute(q).mappings())
        if target_group:
            rows = [r for r in rows if (r["target_group"] or "").casefold() == target_group.casefold()]
        if area:
            rows = [r for r in rows if area.casefold() in [str(a).casefold() for a in (r["area"] or [])]]
        ids = [r["report_id"] for r in rows]
        eff: dict[str, list[str]] = {}
        mod: dict[str, list[tuple[str, float]]] = {}
        who: dict[str, str] = {}
        evid: dict[str, dict] = {}
        topics: dict[str, int] = {}
        version = active_model_version(conn)
        for chunk in _chunks(ids):
            if not chunk:
                continue
            eff.update(effective_themes(conn, chunk))
            mod.update(model_themes(conn, chunk))
            who.update(_latest_reviewers(conn, chunk))
            evid.update(_model_evidence(conn, chunk))
            if version:
                ta = topic_assignments
                topics.update({
                    r.report_id: int(r.topic)
                    for r in conn.execute(sa.select(ta.c.report_id, ta.c.topic)
                                          .where(ta.c.model_version == version, ta.c.report_id.in_(chunk)))
                })
    out = []
    for r in rows:
        rid = r["report_id"]
        scores = mod.get(rid, [])
        confidence = scores[0][1] if scores else float("nan")
        if rid in who:
            source = "import" if who[rid].startswith("import:") else "review"
        else:
            source = "model" if scores else "none"
        themes = eff.get(rid, [])
        if theme and theme not in themes:
            continue
        if max_confidence is not None and scores and confidence > max_confidence:
            continue
        out.append({
            "report_id": rid,
            "submitted": r["submitted"],
            "area": list(r["area"] or []),
            "target_group": r["target_group"],
            "phenomenon_type": r["phenomenon_type"],
            "snippet": _snippet(r["text"]),
            "themes": themes,
            "source": source,
            "reviewer": who.get(rid),
            "model_themes": scores,
            "confidence": confidence,
            "evidence": evid.get(rid, {}),
            "topic": topics.get(rid, float("nan")),
        })
    df = pd.DataFrame(out, columns=REPORT_COLUMNS)
    if not df.empty:
        df = df.sort_values(["confidence", "submitted", "report_id"], na_position="first").reset_index(drop=True)
    if limit is not None:
        df = df.head(limit)
    return df


def theme_counts(bind: Bind, date_from: date | str | None = None, date_to: date | str | None = None) -> pd.DataFrame:
    """Reports per effective theme in a period (near-duplicates left out): ``theme, reports, share``.

    A report with several themes counts once in each; ``share`` = reports / all counted reports in the period.
    """
    d_from, d_to = _as_date(date_from), _as_date(date_to)
    with begin(bind) as conn:
        q = counted_reports(conn).with_only_columns(reports.c.report_id)
        if d_from:
            q = q.where(reports.c.submitted >= d_from)
        if d_to:
            q = q.where(reports.c.submitted <= d_to)
        ids = [r.report_id for r in conn.execute(q)]
        eff: dict[str, list[str]] = {}
        for chunk in _chunks(ids):
            if chunk:
                eff.update(effective_themes(conn, chunk))
    counts: dict[str, int] = defaultdict(int)
    for rid in ids:
        for t in eff.get(rid, []):
            counts[t] += 1
    df = pd.DataFrame(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])), columns=["theme", "reports"])
    df["share"] = df["reports"] / len(ids) if ids else 0.0
    return df
