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
from pipeline.store.schema import reports, runs, signals
from pipeline.text import normalise, report_text

# Pseudonymisation placeholders such as [NIMI], [PUHELIN], [HENKILÖTUNNUS].
PLACEHOLDER = re.compile(r"\[[A-ZÅÄÖ][A-ZÅÄÖ0-9_ -]*\]")


@dataclass
class CountedReport:
    """One counted report as the export sees it: its themes and cells (pseudonymised text only; the ingest side
    is `pipeline.ingest.records.ReportRecord`)."""

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


def load_records(conn: Connection, date_from: date | None = None, date_to: date | None = None) -> list[CountedReport]:
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
        out.append(CountedReport(
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


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def _stem_hits(stem: str, lemma: str) -> bool:
    """The vocabulary's matching rule: ``=w`` whole lemma, ``^s`` lemma starts with, else lemma contains."""
    if stem.startswith("="):
        return lemma == stem[1:]
    if stem.startswith("^"):
        return lemma.startswith(stem[1:])
    return stem in lemma


def _report_lemmas(conn: Connection, records: list[CountedReport]) -> dict[str, list[str]]:
    ids = [r.report_id for r in records]
    out = {}
    for rid, lemmas in queries.report_lemmas(conn, ids).items():
        out[rid] = [str(x).lower() for x in lemmas]
    for r in records:
        if r.report_id not in out:
            out[r.report_id] = [w.lower() for w in _WORD.findall(" ".join((r.observation, r.client_voice,
                                                                             r.proposal)))]
    return out


def theme_keywords(conn: Connection, records: list[CountedReport], seeds: dict[str, list[str]] | None = None,
                   top: int = 8) -> dict[str, list[str]]:
    """Top keywords per theme, as whole lemmas people can read.

    The vocabulary's keywords are stems (``mielenterv``) and the model's evidence may hold internal feature names
    (``phenomenon_type=positiivinen``); neither is shown. Instead: the lemmas of the theme's reports that the
    theme's stems match, ranked by how many of its reports use them (text words when a report has no lemmas).
    """
    lemmas = _report_lemmas(conn, records) if records else {}
    out: dict[str, list[str]] = {}
    by_theme: dict[str, list[CountedReport]] = defaultdict(list)
    for rec in records:
        for t in rec.themes:
            by_theme[t].append(rec)
    for theme, recs in by_theme.items():
        stems = [w.lower() for w in (seeds or {}).get(theme, []) if w and "=" not in w.lstrip("=")]
        df: Counter = Counter()
        for rec in recs:
            words = {w for w in lemmas.get(rec.report_id, []) if len(w) >= 3 and _WORD.fullmatch(w)}
            df.update(w for w in words if any(_stem_hits(s, w) for s in stems))
        out[theme] = [w for w, _ in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
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
                     [w for w in _evidence_words({"keywords": r.keywords}) if "=" not in w], r.first_seen, float(r.growth), r.reason or "",
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
