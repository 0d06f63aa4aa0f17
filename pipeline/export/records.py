"""What an export reads from the store: counted reports with their effective themes, signals and the run record."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.store import queries
from pipeline.store.schema import clusters, models, reports, runs, signals, theme_assignments
from pipeline.text import normalise, report_text

# Pseudonymisation placeholders such as [NIMI], [PUHELIN], [HENKILÖTUNNUS].
PLACEHOLDER = re.compile(r"\[[A-ZÅÄÖ][A-ZÅÄÖ0-9_ -]*\]")


@dataclass
class ReportRecord:
    """One counted report as the export sees it (pseudonymised text only)."""

    report_id: str
    submitted: date
    areas: list[str]
    target_group: str
    phenomenon_type: str
    themes: list[str]
    observation: str = ""
    client_voice: str = ""
    proposal: str = ""
    theme_scores: dict[str, float] = field(default_factory=dict)

    @property
    def has_placeholder(self) -> bool:
        return bool(PLACEHOLDER.search(" ".join((self.observation, self.client_voice, self.proposal))))


def _pseudonymised_parts(row: Any) -> tuple[str, str, str]:
    """Observation, client voice and proposal taken from the pseudonymised ``text``.

    The separate columns are used only when they rebuild ``text`` exactly (then they are the pseudonymised parts);
    otherwise the parts are cut from ``text`` itself, so raw text can never reach a report.
    """
    parts = (row.observation or "", row.client_voice or "", row.proposal or "")
    text = row.text or ""
    if normalise(report_text(*parts)) == normalise(text):
        return parts
    present = [i for i, p in enumerate(parts) if p and p.strip()]
    lines = text.split("\n")
    if len(lines) == len(present):
        out = ["", "", ""]
        for i, line in zip(present, lines):
            out[i] = line
        return out[0], out[1], out[2]
    return text, "", ""


def _areas(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    seen: list[str] = []
    for a in value or []:
        a = str(a).strip()
        if a and a not in seen:
            seen.append(a)
    return seen


def load_records(conn: Connection, date_from: date | None = None, date_to: date | None = None) -> list[ReportRecord]:
    """Counted reports (near-duplicates left out) submitted in [date_from, date_to], with their effective themes."""
    q = queries.counted_reports(conn)
    if date_from is not None:
        q = q.where(reports.c.submitted >= date_from)
    if date_to is not None:
        q = q.where(reports.c.submitted <= date_to)
    rows = list(conn.execute(q.order_by(reports.c.submitted, reports.c.report_id)))
    ids = [r.report_id for r in rows]
    themes = queries.effective_themes(conn, ids) if ids else {}
    scores = queries.model_themes(conn, ids) if ids else {}
    reviewed = queries.reviewed_themes(conn, ids) if ids else {}
    out = []
    for r in rows:
        obs, voice, prop = _pseudonymised_parts(r)
        ts = list(dict.fromkeys(themes.get(r.report_id, [])))
        sc = {t: 1.0 for t in reviewed.get(r.report_id, [])} or dict(scores.get(r.report_id, []))
        out.append(ReportRecord(
            report_id=r.report_id, submitted=r.submitted, areas=_areas(r.area),
            target_group=(r.target_group or "").strip(), phenomenon_type=(r.phenomenon_type or "").strip(),
            themes=ts, observation=obs, client_voice=voice, proposal=prop, theme_scores=sc,
        ))
    return out


def _evidence_words(evidence: Any) -> list[str]:
    """Keyword-like strings in a theme assignment's evidence, whatever its exact shape."""
    if not isinstance(evidence, dict):
        return []
    words: list[str] = []
    for key in ("keywords", "matched_keywords", "matched", "keyword_matches", "lemmas"):
        value = evidence.get(key)
        if isinstance(value, dict):
            words.extend(str(k) for k in value)
        elif isinstance(value, (list, tuple)):
            words.extend(str(v[0]) if isinstance(v, (list, tuple)) else str(v) for v in value)
    return words


def theme_keywords(conn: Connection, records: list[ReportRecord], seeds: dict[str, list[str]] | None = None,
                   top: int = 8) -> dict[str, list[str]]:
    """Top keywords per theme: matched evidence of the theme's reports, then keywords of clusters mapped to it,
    then the vocabulary's seed keywords when nothing else is known."""
    by_theme: dict[str, Counter] = defaultdict(Counter)
    ids_by_theme: dict[str, set[str]] = defaultdict(set)
    for rec in records:
        for t in rec.themes:
            ids_by_theme[t].add(rec.report_id)
    all_ids = {rec.report_id for rec in records}
    if all_ids:
        ta = theme_assignments
        q = sa.select(ta.c.report_id, ta.c.theme, ta.c.evidence)
        if len(all_ids) <= 900:  # beyond that, read all rows and filter here (bounded SQL parameter count)
            q = q.where(ta.c.report_id.in_(sorted(all_ids)))
        for rid, theme, evidence in conn.execute(q):
            if rid not in all_ids:
                continue
            if rid in ids_by_theme.get(theme, ()):
                by_theme[theme].update(_evidence_words(evidence))
    active = conn.execute(sa.select(models.c.version).where(models.c.kind == "topic_model", models.c.active.is_(True))
                          .order_by(models.c.created_at.desc())).first()
    cq = sa.select(clusters.c.topic, clusters.c.size, clusters.c.keywords, clusters.c.suggested_themes)
    if active is not None:
        cq = cq.where(clusters.c.model_version == active.version)
    for _topic, size, kws, suggested in conn.execute(cq):
        if not suggested:
            continue
        first = suggested[0]
        theme = first[0] if isinstance(first, (list, tuple)) else str(first)
        for rank, w in enumerate(_evidence_words({"keywords": kws})[:10]):
            # cluster keywords only rank below the words actually matched in the theme's reports
            by_theme[theme][w] += max(size, 1) / (1000.0 * (rank + 1))
    out = {t: [w for w, _ in c.most_common(top)] for t, c in by_theme.items()}
    for t, words in (seeds or {}).items():
        if not out.get(t):
            out[t] = list(words)[:top]
    return out


@dataclass
class SignalRow:
    signal_id: str
    status: str
    report_ids: list[str]
    keywords: list[str]
    first_seen: date
    growth: float
    reason: str
    as_of: date


def load_signals(conn: Connection) -> list[SignalRow]:
    """Signals of the latest ``as_of`` date, flagged ones first, then by size."""
    latest = conn.execute(sa.select(sa.func.max(signals.c.as_of))).scalar()
    if latest is None:
        return []
    rows = conn.execute(sa.select(signals).where(signals.c.as_of == latest)).all()
    order = {"strong": 0, "emerging": 1, "weak": 2, "noise": 3}
    out = [SignalRow(r.signal_id, r.status, [str(x) for x in (r.report_ids or [])],
                     _evidence_words({"keywords": r.keywords}), r.first_seen, float(r.growth), r.reason or "",
                     r.as_of) for r in rows]
    out.sort(key=lambda s: (order.get(s.status, 9), -len(s.report_ids), s.signal_id))
    return out


def load_run(conn: Connection, run_id: str | None = None) -> dict[str, Any]:
    """The run record to name in the manifest: ``run_id``'s, else the newest completed run's, else empty."""
    q = sa.select(runs)
    if run_id:
        q = q.where(runs.c.run_id == run_id)
    else:
        q = q.where(runs.c.status == "completed").order_by(runs.c.started_at.desc())
    row = conn.execute(q).first()
    if row is None:
        return {"run_id": run_id, "models": {}}
    record = dict(row.record or {})
    record.setdefault("run_id", row.run_id)
    record.setdefault("models", {})
    return record
