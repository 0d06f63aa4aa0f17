"""What an export reads from the store: counted reports with their effective themes, signals and the run record."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.cache_files import keep_bytes
from pipeline.store import queries
from pipeline.store.schema import features, reports, runs, signals
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


def _keyword_words(lemmas: list[str]) -> list[str]:
    """The distinct words of a report that can be a theme keyword: lower-case lemmas of >= 3 letters (sorted)."""
    return sorted({w for w in (str(x).lower() for x in lemmas) if len(w) >= 3 and _WORD.fullmatch(w)})


def _report_words(conn: Connection, records: list[CountedReport], cache_path: Path | None = None) -> dict[str, list[str]]:
    """`_keyword_words` of each record's lemmas (of its text words when it has no lemmas).

    With ``cache_path`` the words of last night's export are kept there per report with the report's text hash and
    lemmatiser (which decide its lemmas), and only reports whose pair changed or is new have their lemmas read
    again: reading every report's lemmas was most of an increment's export time.
    """
    ids = [r.report_id for r in records]
    cached: dict[str, list] = {}
    if cache_path is not None:
        try:
            doc = json.loads(Path(cache_path).read_text(encoding="utf-8"))
            cached = doc if isinstance(doc, dict) else {}
        except (OSError, ValueError):
            cached = {}  # no previous export, or an unreadable file: read every report's lemmas
    q = sa.select(features.c.report_id, features.c.text_hash, features.c.lemmatizer)
    keys = {rid: (h, lz) for rid, h, lz in queries.rows_for_ids(conn, q, features.c.report_id, ids)}
    out: dict[str, list[str]] = {}
    stale = []
    for rid, key in keys.items():
        entry = cached.get(rid)
        if isinstance(entry, list) and len(entry) == 3 and (entry[0], entry[1]) == key:
            out[rid] = entry[2]
        else:
            stale.append(rid)
    for rid, lemmas in queries.report_lemmas(conn, stale).items():
        out[rid] = _keyword_words(lemmas)
    if cache_path is not None:
        keep_bytes(Path(cache_path), json.dumps({rid: [*keys[rid], out[rid]] for rid in keys if rid in out},
                                                ensure_ascii=False).encode("utf-8"), "the export's report words")
    for r in records:
        if r.report_id not in out:
            out[r.report_id] = _keyword_words(_WORD.findall(" ".join((r.observation, r.client_voice, r.proposal))))
    return out


def theme_keywords(conn: Connection, records: list[CountedReport], seeds: dict[str, list[str]] | None = None,
                   top: int = 8, cache_path: Path | None = None) -> dict[str, list[str]]:
    """Top keywords per theme, as whole lemmas people can read.

    The vocabulary's keywords are stems (``mielenterv``) and the model's evidence may hold internal feature names
    (``phenomenon_type=positiivinen``); neither is shown. Instead: the lemmas of the theme's reports that the
    theme's stems match, ranked by how many of its reports use them (text words when a report has no lemmas).
    ``cache_path``: where each report's words are kept for the next export (`_report_words`); None = none kept.
    """
    words_of = _report_words(conn, records, cache_path) if records else {}
    out: dict[str, list[str]] = {}
    by_theme: dict[str, list[CountedReport]] = defaultdict(list)
    for rec in records:
        for t in rec.themes:
            by_theme[t].append(rec)
    for theme, recs in by_theme.items():
        stems = [w.lower() for w in (seeds or {}).get(theme, []) if w and "=" not in w.lstrip("=")]
        df: Counter = Counter()
        hits: dict[str, bool] = {}  # a word recurs in many reports: test it against the stems once per theme
        for rec in recs:
            for w in words_of.get(rec.report_id, []):
                hit = hits.get(w)
                if hit is None:
                    hit = hits[w] = any(_stem_hits(s, w) for s in stems)
                if hit:
                    df[w] += 1
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
