"""The HTML report: one self-contained file (plotly's JS inlined) that opens offline, Finnish by default.

Every count it shows comes from the suppressed cube, so hidden cells read ``<N`` in tables and charts alike.
Examples (quotes, proposals, good practices) are pseudonymised text, preferring reports without placeholders, and
are left out for themes whose own count is hidden.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.export.cube import Cell
from pipeline.export.labels import ALL, NO_THEME, ThemeLabels, special_value
from pipeline.export.records import ReportRecord, SignalRow
from pipeline.export.suppression import Suppression
from pipeline.export.tables import _sort_key, cell_value

TEMPLATE = Path(__file__).parent / "templates" / "report.html.j2"
GOOD_PRACTICE = "good_practice"
POSITIVE = "positiivinen"
NEGATIVE = "negatiivinen"

TEXT = {
    "fi": {
        "title": "Sosiaalinen raportointi: teemat ja heikot signaalit",
        "period": "Ajanjakso", "generated": "Luotu", "reports": "Raportteja", "themes_found": "Teemoja",
        "signals_flagged": "Heikkoja signaaleja", "negative": "Negatiivisia", "positive": "Positiivisia",
        "chart_themes": "Teemojen yleisyys", "chart_tg": "Teemat kohderyhmittäin", "chart_time": "Teemat ajan mittaan",
        "chart_area": "Raportit alueittain", "chart_pt": "Ilmiön tyyppi teemoittain",
        "theme_table": "Teemat", "theme": "Teema", "share": "Osuus", "keywords": "Avainsanat",
        "quotes": "Esimerkkejä raporteista", "proposals": "Ratkaisuehdotuksia", "themes_section": "Teemat tarkemmin",
        "good_practices": "Hyviä käytäntöjä", "signals": "Heikot signaalit", "status": "Tila",
        "first_seen": "Ensihavainto", "growth": "Kasvu", "reason": "Peruste", "report_ids": "Raportit",
        "no_signals": "Ei liputettuja signaaleja.", "versions": "Mallit ja sanasto", "run": "Ajo",
        "too_few": "Liian vähän raportteja esimerkkien näyttämiseen.", "none": "Ei esimerkkejä.",
        "suppression": ("Alle {n} raportin luvut näytetään muodossa <{n}. Tietosuojan vuoksi myös joitakin "
                        "suurempia lukuja on piilotettu samalla merkinnällä, jotta pieniä lukuja ei voi laskea "
                        "summista. Raportti voi kuulua useaan teemaan ja alueeseen, joten teemojen summa voi olla "
                        "raporttien määrää suurempi. Tekstit on pseudonymisoitu."),
        "vocabulary": "Teemasanasto", "lemmatizer": "Lemmatisointi", "embedder": "Upotusmalli",
        "topic_model": "Aihemalli", "signal_reports": "Signaalin raportit",
        "tg": "Kohderyhmä", "area": "Alue", "pt": "Ilmiön tyyppi",
    },
    "en": {
        "title": "Social reporting: themes and weak signals",
        "period": "Period", "generated": "Generated", "reports": "Reports", "themes_found": "Themes",
        "signals_flagged": "Weak signals", "negative": "Negative", "positive": "Positive",
        "chart_themes": "Theme frequencies", "chart_tg": "Themes by target group", "chart_time": "Themes over time",
        "chart_area": "Reports by area", "chart_pt": "Phenomenon type by theme",
        "theme_table": "Themes", "theme": "Theme", "share": "Share", "keywords": "Keywords",
        "quotes": "Examples from reports", "proposals": "Proposed solutions", "themes_section": "Themes in detail",
        "good_practices": "Good practices", "signals": "Weak signals", "status": "Status",
        "first_seen": "First seen", "growth": "Growth", "reason": "Reason", "report_ids": "Reports",
        "no_signals": "No flagged signals.", "versions": "Models and vocabulary", "run": "Run",
        "too_few": "Too few reports to show examples.", "none": "No examples.",
        "suppression": ("Counts below {n} are shown as <{n}. To protect them, some larger counts are hidden the "
                        "same way so that small counts cannot be worked out from totals. A report can belong to "
                        "several themes and areas, so theme counts can add up to more than the number of reports. "
                        "Texts are pseudonymised."),
        "vocabulary": "Theme vocabulary", "lemmatizer": "Lemmatiser", "embedder": "Embedding model",
        "topic_model": "Topic model", "signal_reports": "Reports in the signal",
        "tg": "Target group", "area": "Area", "pt": "Phenomenon type",
    },
}
PT_LABELS = {"en": {"negatiivinen": "negative", "positiivinen": "positive", "ei osaa sanoa": "cannot say"}}
STATUS_LABELS = {"fi": {"weak": "heikko", "emerging": "nouseva", "strong": "vahva", "noise": "kohina"}}


@dataclass
class ReportContext:
    """Everything the report shows, gathered by :func:`pipeline.export.export`."""

    cube: dict[Cell, int]
    suppression: Suppression
    records: list[ReportRecord]
    signals: list[SignalRow]
    labels: ThemeLabels
    keywords: dict[str, list[str]]
    run: dict[str, Any]
    period_text: str
    lang: str = "fi"
    vocabulary_version: str = "none"
    extra: dict[str, Any] = field(default_factory=dict)


def _excerpt(text: str, limit: int = 320) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    # end at a sentence or word boundary so excerpts do not stop mid-word
    stop = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if stop > limit // 2:
        return cut[: stop + 1]
    return cut[: cut.rfind(" ")] + " …"


def pick_examples(records: list[ReportRecord], theme: str, n: int = 3) -> tuple[list[dict], list[dict]]:
    """Representative quotes and proposals for ``theme``: highest theme score first, reports without
    pseudonymisation placeholders before those with them, one example per report."""
    recs = [r for r in records if theme in r.themes]
    recs.sort(key=lambda r: (r.has_placeholder, -r.theme_scores.get(theme, 0.0), r.report_id))
    quotes, proposals = [], []
    for r in recs:
        if len(quotes) < n:
            quote = r.client_voice.strip() or r.observation
            if quote.strip():
                quotes.append({"text": _excerpt(quote.strip()), "report_id": r.report_id,
                               "voice": bool(r.client_voice.strip())})
    seen = set()
    for r in recs:
        p = r.proposal.strip()
        if p and p.lower() not in seen and len(proposals) < n:
            seen.add(p.lower())
            proposals.append({"text": _excerpt(p), "report_id": r.report_id})
    return quotes, proposals


def _fmt(value: int | str) -> str:
    return str(value)


def _num(value: int | str) -> float | None:
    return float(value) if isinstance(value, int) else None


def _charts(ctx: ReportContext) -> list[tuple[str, str]]:
    """(title, html div) per chart; plotly's JS is inlined once, in the first."""
    import plotly.graph_objects as go

    t = TEXT[ctx.lang]
    cube, supp, lang = ctx.cube, ctx.suppression, ctx.lang
    esc = html.escape  # plotly reads a few HTML tags in labels; category names are data, so escape them
    themes = sorted({c[1] for c in cube if c[1] != ALL}, key=_sort_key)
    theme_names = [esc(ctx.labels.label(th, lang)) for th in themes]
    periods = sorted({c[0] for c in cube if c[0] != ALL})
    tgs = sorted({c[3] for c in cube if c[3] != ALL}, key=_sort_key)
    areas = sorted({c[2] for c in cube if c[2] != ALL}, key=_sort_key)
    pts = sorted({c[4] for c in cube if c[4] != ALL}, key=_sort_key)
    pt_name = lambda p: esc(PT_LABELS.get(lang, {}).get(p, special_value(p, lang)))  # noqa: E731
    figs = []

    def bar(categories: list[str], values: list[int | str], horizontal: bool) -> go.Bar:
        nums = [_num(v) or 0 for v in values]
        text = [esc(_fmt(v)) for v in values]
        kw = dict(x=nums, y=categories, orientation="h") if horizontal else dict(x=categories, y=nums)
        return go.Bar(**kw, text=text, textposition="outside", hovertext=text, hoverinfo="text",
                      marker_color="#2f6f8f", cliponaxis=False)

    vals = [cell_value(cube, supp, (ALL, th, ALL, ALL, ALL)) for th in themes]
    fig = go.Figure(bar(theme_names[::-1], vals[::-1], horizontal=True))
    fig.update_layout(height=max(320, 28 * len(themes) + 80))
    figs.append((t["chart_themes"], fig))

    z, text = [], []
    for th in themes:
        row = [cell_value(cube, supp, (ALL, th, ALL, tg, ALL)) for tg in tgs]
        z.append([_num(v) for v in row])
        text.append([esc(_fmt(v)) for v in row])
    fig = go.Figure(go.Heatmap(z=z, x=[esc(special_value(g, lang)) for g in tgs], y=theme_names, text=text,
                               texttemplate="%{text}", hovertemplate="%{y} / %{x}: %{text}<extra></extra>",
                               colorscale="Blues", showscale=False))
    fig.update_layout(height=max(360, 30 * len(themes) + 120), yaxis_autorange="reversed")
    figs.append((t["chart_tg"], fig))

    fig = go.Figure()
    for th, name in zip(themes, theme_names):
        row = [cell_value(cube, supp, (p, th, ALL, ALL, ALL)) for p in periods]
        fig.add_trace(go.Scatter(x=periods, y=[_num(v) for v in row], name=name, mode="lines+markers",
                                 text=[esc(_fmt(v)) for v in row], hovertemplate="%{x}: %{text}",
                                 connectgaps=False))
    fig.update_layout(height=460, xaxis_type="category")
    figs.append((t["chart_time"], fig))

    vals = [cell_value(cube, supp, (ALL, ALL, a, ALL, ALL)) for a in areas]
    fig = go.Figure(bar([esc(special_value(a, lang)) for a in areas], vals, horizontal=False))
    fig.update_layout(height=420)
    figs.append((t["chart_area"], fig))

    fig = go.Figure()
    colours = {NEGATIVE: "#c0504d", POSITIVE: "#4f9a4f"}
    for p in pts:
        row = [cell_value(cube, supp, (ALL, th, ALL, ALL, p)) for th in themes]
        fig.add_trace(go.Bar(y=theme_names[::-1], x=[_num(v) or 0 for v in row][::-1], orientation="h",
                             name=pt_name(p), text=[esc(_fmt(v)) for v in row][::-1], textposition="inside",
                             hovertemplate="%{y}: %{text}", marker_color=colours.get(p, "#9a9a9a")))
    fig.update_layout(barmode="stack", height=max(320, 28 * len(themes) + 100))
    figs.append((t["chart_pt"], fig))

    out = []
    for i, (title, fig) in enumerate(figs):
        fig.update_layout(margin=dict(l=10, r=30, t=20, b=10), template="plotly_white", font_size=13)
        div = fig.to_html(full_html=False, include_plotlyjs=(i == 0), include_mathjax=False,
                          config={"displaylogo": False, "responsive": True}, div_id=f"chart{i + 1}")
        out.append((title, div))
    return out


def render_report(ctx: ReportContext) -> str:
    """The report as one HTML string (autoescaped; only plotly's own output is inserted verbatim)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    lang = ctx.lang if ctx.lang in TEXT else "fi"
    ctx.lang = lang
    t = TEXT[lang]
    cube, supp = ctx.cube, ctx.suppression
    themes = [th for th in sorted({c[1] for c in cube if c[1] != ALL}, key=_sort_key)]
    themes.sort(key=lambda th: -cube.get((ALL, th, ALL, ALL, ALL), 0))
    total_cell = (ALL, ALL, ALL, ALL, ALL)
    theme_rows = []
    for th in themes:
        cell = (ALL, th, ALL, ALL, ALL)
        value = cell_value(cube, supp, cell)
        share = ""
        if isinstance(value, int) and total_cell not in supp.suppressed and cube.get(total_cell):
            share = f"{100 * value / cube[total_cell]:.0f} %"
        hidden = not isinstance(value, int)
        quotes, proposals = ([], []) if hidden else pick_examples(ctx.records, th)
        theme_rows.append({
            "key": th, "label": ctx.labels.label(th, lang), "description": ctx.labels.description(th, lang),
            "reports": _fmt(value), "share": share, "hidden": hidden,
            "keywords": [] if th == NO_THEME else ctx.keywords.get(th, [])[:8],
            "quotes": quotes, "proposals": proposals,
        })
    gp_value = cell_value(cube, supp, (ALL, GOOD_PRACTICE, ALL, ALL, ALL))
    good = []
    if isinstance(gp_value, int) and gp_value:
        good_quotes, good_props = pick_examples(ctx.records, GOOD_PRACTICE, n=5)
        good = good_props or good_quotes
    by_id = {r.report_id: r for r in ctx.records}
    flagged = []
    for s in ctx.signals:
        if s.status == "noise":
            continue
        n = len(s.report_ids)
        flagged.append({
            "signal_id": s.signal_id, "status": STATUS_LABELS.get(lang, {}).get(s.status, s.status),
            "reports": _fmt(n if n >= supp.min_cell else f"<{supp.min_cell}"),
            "keywords": s.keywords[:10], "first_seen": s.first_seen.isoformat(), "growth": f"{s.growth:.2f}",
            "reason": s.reason,
            "members": [{"report_id": rid, "text": _excerpt(by_id[rid].observation, 200) if rid in by_id else ""}
                      for rid in s.report_ids],
        })
    models = ctx.run.get("models") or {}
    headline = [
        (t["reports"], _fmt(cell_value(cube, supp, total_cell)) if cube else "0"),
        (t["themes_found"], str(sum(1 for th in themes if th != NO_THEME))),
        (t["signals_flagged"], str(len(flagged))),
        (t["negative"], _fmt(cell_value(cube, supp, (ALL, ALL, ALL, ALL, NEGATIVE)))),
        (t["positive"], _fmt(cell_value(cube, supp, (ALL, ALL, ALL, ALL, POSITIVE)))),
    ]
    env = Environment(loader=FileSystemLoader(str(TEMPLATE.parent)), autoescape=select_autoescape(["j2", "html"]))
    template = env.get_template(TEMPLATE.name)
    return template.render(
        t=t, lang=lang, period_text=ctx.period_text, headline=headline,
        generated=datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M"),
        charts=_charts(ctx) if cube else [], theme_rows=theme_rows, good=good, signals=flagged,
        suppression_note=t["suppression"].format(n=supp.min_cell), run_id=ctx.run.get("run_id") or "",
        versions=[(t["lemmatizer"], models.get("lemmatizer", "")), (t["embedder"], models.get("embedder", "")),
                  (t["topic_model"], models.get("topic_model", "")),
                  (t["vocabulary"], models.get("vocabulary") or ctx.vocabulary_version)],
    )


def write_report(ctx: ReportContext, path: Path) -> Path:
    """Render and write ``report.html``."""
    path.write_text(render_report(ctx), encoding="utf-8")
    return path
