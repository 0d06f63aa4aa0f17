"""What a reviewer reads, in Finnish: theme labels, scores and evidence as sentences, never keys or Python reprs.

Pure functions from the rows of `list_reports` / `list_clusters` to HTML fragments; the app (`pipeline.review.app`)
places them. Theme keys stay inside (option values, stored decisions); the reviewer only sees the Finnish label.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.themes.vocabulary import load_vocabulary

NO_THEME_FI = "ei sovi mihinkään teemaan"
SOURCE_FI = {"review": "tarkistettu", "import": "tuotu tarkistettuna", "model": "mallin ehdotus", "none": "ei teemaa"}


def theme_labels(keys: Sequence[str] | None = None) -> dict[str, str]:
    """Finnish label per theme key of the vocabulary (also retired and aliased keys); ``keys`` not in it (added by
    reviewers from clusters) are shown as their key with underscores as spaces."""
    vocab = load_vocabulary()
    labels: dict[str, str] = {}
    for t in vocab.themes:
        labels[t.key] = t.label_fi
        for alias in t.aliases:
            labels.setdefault(alias, t.label_fi)
    labels["no_theme"] = "ei mitään teemaa"  # the export's row of reports that count under no theme
    for k in keys or []:
        labels.setdefault(k, k.replace("_", " "))
    return labels


def fi_number(value: float, digits: int = 2) -> str:
    """``0.91`` → ``"0,91"`` (Finnish decimal comma)."""
    return f"{value:.{digits}f}".replace(".", ",")


def fi_date(value: Any) -> str:
    """A date as ``d.m.yyyy``; anything else as text."""
    if hasattr(value, "day") and hasattr(value, "month"):
        return f"{value.day}.{value.month}.{value.year}"
    return html.escape(str(value or ""))


def _label(labels: Mapping[str, str], key: str) -> str:
    return html.escape(labels.get(key, key.replace("_", " ")))


def evidence_fi(evidence: Mapping[str, Any] | None) -> str:
    """One theme's evidence as a Finnish sentence: matched words, nearest reviewed reports, cluster."""
    if not isinstance(evidence, Mapping):
        return ""
    parts = []
    words = [str(w) for w in evidence.get("keywords") or []]
    if words:
        parts.append("osuneet sanat: " + html.escape(", ".join(words)))
    neighbours = [str(n) for n in evidence.get("neighbours") or []]
    if neighbours:
        parts.append("lähimmät tarkistetut ilmoitukset: " + html.escape(", ".join(neighbours)))
    cluster = evidence.get("cluster")
    if cluster is not None:
        parts.append("ei klusteria (poikkeava)" if int(cluster) == -1 else f"klusteri {int(cluster)}")
    return "; ".join(parts)


def themes_fi(keys: Sequence[str], labels: Mapping[str, str]) -> str:
    """Theme keys as their Finnish labels joined by commas; ``–`` for none."""
    return ", ".join(_label(labels, k) for k in keys) or "–"


def report_card_html(row: Any, labels: Mapping[str, str], text: str | None = None) -> str:
    """The card of one `list_reports` row: who/where/when, the text, themes now, the model's themes with evidence."""
    areas = html.escape(", ".join(row.area)) or "–"
    topic = row.topic
    cluster = "–" if topic is None or (isinstance(topic, float) and math.isnan(topic)) else (
        "poikkeava" if int(topic) == -1 else str(int(topic)))
    if row.source in ("review", "import") and not row.themes:
        now = f"<b>{NO_THEME_FI}</b>"
    else:
        now = themes_fi(row.themes, labels)
    who = f" ({html.escape(row.reviewer)})" if row.reviewer else ""
    items = []
    for key, score in row.model_themes:
        ev = evidence_fi((row.evidence or {}).get(key))
        items.append(f"<li><b>{_label(labels, key)}</b> {fi_number(score)}"
                     f"{' — ' + ev if ev else ''}</li>")
    model = f"<ul class='sg-model'>{''.join(items)}</ul>" if items else "<p>Malli ei ehdottanut teemaa.</p>"
    body = html.escape(text if text is not None else row.snippet)
    return (f"<div class='sg-card-head'><b>Ilmoitus {html.escape(row.report_id)}</b> · {fi_date(row.submitted)} · "
            f"alue: {areas} · kohderyhmä: {html.escape(row.target_group or '–')} · "
            f"ilmiö: {html.escape(row.phenomenon_type or '–')} · klusteri: {cluster}</div>"
            f"<p class='sg-text'>{body}</p>"
            f"<div>Teemat nyt: <span class='sg-now'>{now}</span> "
            f"<i>({SOURCE_FI.get(row.source, row.source)}{who})</i></div>"
            f"<div>Mallin teemat, pisteet ja perusteet:</div>{model}")


def cluster_card_html(row: Any, labels: Mapping[str, str]) -> str:
    """The card of one `list_clusters` row: keywords, suggested or confirmed themes, representative reports."""
    title = "poikkeavat ilmoitukset" if int(row.topic) == -1 else f"klusteri {int(row.topic)}"
    suggested = ", ".join(f"{_label(labels, t)} {fi_number(s)}" for t, s in row.suggested_themes) or "–"
    confirmed = ("vahvistettu: " + themes_fi(row.confirmed_themes, labels) if row.confirmed_themes is not None
                 else "ei vielä vahvistettu")
    reps = "".join(f"<li>{html.escape(rid)}: {html.escape(snip)}</li>" for rid, snip in row.representative_reports)
    return (f"<div class='sg-card-head'><b>{title}</b> · {int(row.size)} ilmoitusta "
            f"({int(row.period_size)} valitulla jaksolla) · {confirmed}</div>"
            f"<div>Avainsanat: {html.escape(', '.join(row.keywords[:10])) or '–'}</div>"
            f"<div>Mallin ehdotus: {suggested}</div>"
            f"<div>Edustavat ilmoitukset:</div><ul>{reps}</ul>")


def theme_table_html(table: Any, labels: Mapping[str, str], before: Mapping[str, int] | None = None) -> str:
    """The theme table (`theme_table`) in Finnish, with the change since ``before`` (reports per key)."""
    rows = []
    for r in table.itertuples(index=False):
        change = ""
        if before is not None:
            delta = int(r.reports) - int(before.get(r.theme, 0))
            change = f"{delta:+d}" if delta else ""
        rows.append(f"<tr><td>{_label(labels, r.theme)}</td><td class='sg-n'>{int(r.reports)}</td>"
                    f"<td class='sg-delta'>{change}</td></tr>")
    if before is not None:
        for key, n in before.items():  # a theme that lost all its reports
            if key not in set(table["theme"]):
                rows.append(f"<tr><td>{_label(labels, key)}</td><td class='sg-n'>0</td>"
                            f"<td class='sg-delta'>{-int(n):+d}</td></tr>")
    return ("<table class='sg-table'><tr><th>teema</th><th>ilmoituksia</th><th>muutos tänään</th></tr>"
            + "".join(rows) + "</table>")
