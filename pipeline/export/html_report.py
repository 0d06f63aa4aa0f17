"""The HTML report: one self-contained file (plotly's JS inlined) that opens offline, Finnish by default.

It reads like the county's own report (DESIGN §10): counts by area, target group and phenomenon type, the themes
with their share, one section per target group (observations, proposals, quotes), good practices, then the weak
signals. Every count it shows is a cell of the published tables with the same protection: a hidden cell is drawn
as a hatched grey bar (or a grey heatmap cell) labelled with its marker, never as zero or a missing bar, and each
chart says how many of its cells and reports are hidden. Every chart has its data table (``data-cell`` = the cell
key) so a reader, or a test, can check the report against ``themes_long.csv``. Examples are pseudonymised text,
preferring reports without placeholders, and are left out where the count they belong to is hidden.
"""

from __future__ import annotations

import html
from datetime import datetime, timezone
from pathlib import Path

from pipeline.export.cube import DIMENSIONS, TOTAL, Cell
from pipeline.export.labels import ALL, NO_THEME, PT_LABELS, STATUS_LABELS, special_value
from pipeline.export.records import CountedReport
from pipeline.export.tables import TableSpec, sort_key, spec_cells

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
        "suppression": ("Alle {n} raportin luvut näytetään muodossa <{n}. Merkintä .. tarkoittaa lukua, joka on "
                        "piilotettu, jotta pieniä lukuja ei voi laskea summista ja muista taulukoista (rajaa ei "
                        "kerrota). Raportti voi kuulua useaan teemaan ja alueeseen, joten teemojen summa voi olla "
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
        "suppression": ("Counts below {n} are shown as <{n}. A count shown as .. is hidden so that small counts "
                        "cannot be worked out from totals and other tables (no bound is stated). A report can belong to "
                        "several themes and areas, so theme counts can add up to more than the number of reports. "
                        "Texts are pseudonymised."),
        "vocabulary": "Theme vocabulary", "lemmatizer": "Lemmatiser", "embedder": "Embedding model",
        "topic_model": "Topic model", "signal_reports": "Reports in the signal",
        "tg": "Target group", "area": "Area", "pt": "Phenomenon type",
    },
}


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


def pick_examples(records: list[CountedReport], theme: str, n: int = 3) -> tuple[list[dict], list[dict]]:
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


EXTRA_TEXT = {
    "fi": {"hidden_cells": "Piilotettuja soluja {k} ({a} merkitty <{n}, {b} merkitty ..)",
           "hidden_reports": "piilotettuja raportteja {x}", "hidden_reports_min": "piilotettuja raportteja vähintään {x}",
           "no_hidden": "Ei piilotettuja soluja.", "groups": "Kohderyhmittäin", "observations": "Havaintoja",
           "group_themes": "Yleisimmät teemat", "data": "Taulukko", "chart_period": "Raportit jaksoittain",
           "chart_target_group": "Raportit kohderyhmittäin", "chart_phenomenon_type": "Raportit ilmiön tyypin mukaan",
           "chart_area": "Raportit alueittain", "chart_theme": "Teemojen yleisyys",
           "by": {"period": "jaksoittain", "area": "alueittain", "target_group": "kohderyhmittäin",
                  "phenomenon_type": "ilmiön tyypin mukaan", "theme": "teemoittain"},
           "dims": {"period": "Jakso", "theme": "Teema", "area": "Alue", "target_group": "Kohderyhmä",
                    "phenomenon_type": "Ilmiön tyyppi"}, "themes_by": "Teemat {by}"},
    "en": {"hidden_cells": "Hidden cells {k} ({a} shown as <{n}, {b} shown as ..)",
           "hidden_reports": "hidden reports {x}", "hidden_reports_min": "hidden reports at least {x}",
           "no_hidden": "No hidden cells.", "groups": "By target group", "observations": "Observations",
           "group_themes": "Most common themes", "data": "Table", "chart_period": "Reports by period",
           "chart_target_group": "Reports by target group", "chart_phenomenon_type": "Reports by phenomenon type",
           "chart_area": "Reports by area", "chart_theme": "Theme frequencies",
           "by": {"period": "by period", "area": "by area", "target_group": "by target group",
                  "phenomenon_type": "by phenomenon type", "theme": "by theme"},
           "dims": {"period": "Period", "theme": "Theme", "area": "Area", "target_group": "Target group",
                    "phenomenon_type": "Phenomenon type"}, "themes_by": "Themes {by}"},
}
HIDDEN_COLOUR = "#b9c0c6"


def _key(cell: Cell) -> str:
    return "|".join(cell)


class _View:
    """The published value of each cell as the report shows it."""

    def __init__(self, bundle) -> None:
        self.b = bundle
        self.cells, self.prot, self.n = bundle.cells, bundle.protection, bundle.protection.min_cell

    def value(self, cell: Cell) -> int | None:
        return self.prot.value(self.cells, cell) if cell in self.cells else 0

    def text(self, cell: Cell) -> str:
        v = self.value(cell)
        return self.prot.flag(cell) if v is None else str(v)

    def label(self, dim: int, value: str) -> str:
        lang = self.b.lang
        if DIMENSIONS[dim] == "theme":
            return self.b.labels.label(value, lang)
        if DIMENSIONS[dim] == "phenomenon_type":
            return PT_LABELS.get(lang, {}).get(value, special_value(value, lang))
        return special_value(value, lang)

    def hidden_note(self, cells: list[Cell], margins: list[tuple[Cell, list[Cell]]] | None = None) -> str:
        """How many of ``cells`` are hidden and how many reports that hides: exact where the published additive
        margins give it (``margin - visible cells``, which any reader can compute), else the lower bound every
        reader knows (each hidden cell is at least 1)."""
        e = EXTRA_TEXT[self.b.lang]
        hidden = [c for c in cells if c in self.prot.hidden]
        if not hidden:
            return e["no_hidden"]
        a = sum(1 for c in hidden if self.prot.flag(c).startswith("<"))
        text = e["hidden_cells"].format(k=len(hidden), a=a, b=len(hidden) - a, n=self.n)
        exact = 0
        for c in hidden:
            group = next(((m, ch) for m, ch in margins or [] if c in ch), None)
            if group is None or self.value(group[0]) is None:
                exact = None
                break
        if exact is not None:
            groups = {m: ch for m, ch in margins or [] if any(c in ch for c in hidden)}
            exact = sum(self.value(m) - sum(self.value(c) or 0 for c in ch) for m, ch in groups.items())
            return f"{text}; {e['hidden_reports'].format(x=exact)}"
        return f"{text}; {e['hidden_reports_min'].format(x=len(hidden))}"


def _bar_values(view: _View, cells: list[Cell]) -> tuple[list, list, list, list]:
    """(visible heights, hidden placeholder heights, labels, hover) for a bar trace pair."""
    vis, hid, text = [], [], []
    for c in cells:
        v = view.value(c)
        if v is None:
            flag = view.prot.flag(c)
            vis.append(None)
            # a placeholder length, not a value: N-1 for "<N" (its most), N for ".." (labelled, hatched)
            hid.append(view.n - 1 if flag.startswith("<") else view.n)
            text.append(flag)
        else:
            vis.append(v)
            hid.append(None)
            text.append(str(v))
    return vis, hid, text, [_key(c) for c in cells]


def _bars(view: _View, categories: list[str], cells: list[Cell], horizontal: bool):
    import plotly.graph_objects as go

    vis, hid, text, keys = _bar_values(view, cells)
    esc = html.escape
    out = []
    for values, hidden in ((vis, False), (hid, True)):
        kw = dict(x=values, y=categories, orientation="h") if horizontal else dict(x=categories, y=values)
        out.append(go.Bar(**kw, text=[esc(t) if (v is not None) else "" for t, v in zip(text, values)],
                          textposition="outside", customdata=keys, hovertext=[esc(t) for t in text],
                          hoverinfo="text", cliponaxis=False, showlegend=False,
                          marker=dict(color=HIDDEN_COLOUR if hidden else "#2f6f8f",
                                      pattern=dict(shape="/" if hidden else "", fgcolor="#5b6b77"))))
    return out


def _one_way_chart(view: _View, spec: TableSpec):
    import plotly.graph_objects as go

    d = spec.dims[0]
    cells = [c for c in spec_cells(spec, view.cells) if c[d] != ALL]
    if DIMENSIONS[d] in ("theme", "area"):
        cells.sort(key=lambda c: (-(view.value(c) or 0), c))
        cells = cells[::-1]
    cats = [html.escape(view.label(d, c[d])) for c in cells]
    horizontal = DIMENSIONS[d] in ("theme", "area", "target_group")
    fig = go.Figure(_bars(view, cats, cells, horizontal))
    fig.update_layout(height=max(320, 28 * len(cells) + 80) if horizontal else 380, barmode="overlay")
    margins = [(TOTAL, cells)] if DIMENSIONS[d] in ("period", "target_group", "phenomenon_type") else None
    return fig, cells, view.hidden_note(cells, margins)


def _two_way_chart(view: _View, spec: TableSpec):
    import plotly.graph_objects as go

    down, across = (spec.dims if spec.dims[0] == 1 or 1 not in spec.dims else spec.dims[::-1])
    mine = spec_cells(spec, view.cells)
    rows = sorted({c[down] for c in mine if c[down] != ALL}, key=sort_key)
    cols = sorted({c[across] for c in mine if c[across] != ALL}, key=sort_key)
    if down == 1:
        rows.sort(key=lambda t: -(view.value(_cell({down: t})) or 0))

    def cell(r: str, c: str) -> Cell:
        return _cell({down: r, across: c})

    inner = [cell(r, c) for r in rows for c in cols if cell(r, c) in view.cells]
    additive = DIMENSIONS[across] in ("period", "target_group", "phenomenon_type")
    margins = [(_cell({down: r}), [cell(r, c) for c in cols if cell(r, c) in view.cells]) for r in rows] \
        if additive else None
    row_names = [html.escape(view.label(down, r)) for r in rows]
    col_names = [html.escape(view.label(across, c)) for c in cols]
    if DIMENSIONS[across] == "phenomenon_type":
        colours = {"negatiivinen": "#c0504d", "positiivinen": "#4f9a4f"}
        fig = go.Figure()
        for c, name in zip(cols, col_names):
            cs = [cell(r, c) for r in rows][::-1]
            vis, hid, text, keys = _bar_values(view, cs)
            absent = [x not in view.cells for x in cs]
            vis = [0 if a else v for v, a in zip(vis, absent)]
            fig.add_trace(go.Bar(y=row_names[::-1], x=vis, orientation="h", name=name, customdata=keys,
                                 text=[t if v else "" for t, v in zip(text, vis)], textposition="inside",
                                 hovertemplate="%{y}: %{text}<extra></extra>",
                                 marker_color=colours.get(c, "#9a9a9a"), legendgroup=c))
            fig.add_trace(go.Bar(y=row_names[::-1], x=hid, orientation="h", name=f"{name} (..)", customdata=keys,
                                 text=[t if h else "" for t, h in zip(text, hid)], textposition="inside",
                                 hovertemplate="%{y}: %{text}<extra></extra>", legendgroup=c, showlegend=False,
                                 marker=dict(color=colours.get(c, "#9a9a9a"), opacity=0.45,
                                             pattern=dict(shape="/", fgcolor="#333"))))
        fig.update_layout(barmode="stack", height=max(320, 28 * len(rows) + 100))
        return fig, inner, view.hidden_note(inner, margins)
    z_vis, z_hid, text, keys = [], [], [], []
    for r in rows:
        zr, hr, tr, kr = [], [], [], []
        for c in cols:
            x = cell(r, c)
            v = view.value(x)
            zr.append(v if v is not None else None)
            hr.append(1 if v is None else None)
            tr.append(view.text(x))
            kr.append(_key(x))
        z_vis.append(zr), z_hid.append(hr), text.append(tr), keys.append(kr)
    fig = go.Figure([
        go.Heatmap(z=z_vis, x=col_names, y=row_names, text=text, texttemplate="%{text}", customdata=keys,
                   hovertemplate="%{y} / %{x}: %{text}<extra></extra>", colorscale=[[0, "#eef4f9"], [1, "#6fa3c7"]], showscale=False,
                   xgap=1, ygap=1),
        go.Heatmap(z=z_hid, x=col_names, y=row_names, text=text, texttemplate="%{text}", customdata=keys,
                   hovertemplate="%{y} / %{x}: %{text}<extra></extra>",
                   colorscale=[[0, HIDDEN_COLOUR], [1, HIDDEN_COLOUR]], showscale=False, xgap=1, ygap=1),
    ])
    fig.update_layout(height=max(360, 30 * len(rows) + 120), yaxis_autorange="reversed", xaxis_type="category")
    return fig, inner, view.hidden_note(inner, margins)


def _cell(values: dict[int, str]) -> Cell:
    c = [ALL] * len(DIMENSIONS)
    for d, v in values.items():
        c[d] = v
    return tuple(c)  # type: ignore[return-value]


def _chart_title(view: _View, spec: TableSpec) -> str:
    e = EXTRA_TEXT[view.b.lang]
    names = spec.names
    if len(names) == 1:
        return e.get(f"chart_{names[0]}", names[0])
    other = [n for n in names if n != "theme"]
    if "theme" in names:
        return e["themes_by"].format(by=e["by"][other[0]])
    return f"{e['dims'][names[0]]} × {e['dims'][names[1]].lower()}"


def _data_table(view: _View, cells: list[Cell], dims: tuple[int, ...]) -> list[dict]:
    return [{"key": _key(c), "labels": [view.label(d, c[d]) for d in dims], "text": view.text(c),
             "flag": view.prot.flag(c)} for c in cells]


def _charts(view: _View) -> list[dict]:
    """One chart per published 1- and 2-way table (3-way tables are only in the files); plotly inlined once."""
    out = []
    order = sorted(view.b.specs, key=lambda s: (len(s.dims), s.dims != (1,), s.dims))
    for spec in order:
        if len(spec.dims) > 2:
            continue
        fig, cells, note = (_one_way_chart if len(spec.dims) == 1 else _two_way_chart)(view, spec)
        fig.update_layout(margin=dict(l=10, r=40, t=20, b=10), template="plotly_white", font_size=13)
        div = fig.to_html(full_html=False, include_plotlyjs=not out, include_mathjax=False,
                          config={"displaylogo": False, "responsive": True}, div_id=f"chart{len(out) + 1}")
        out.append({"title": _chart_title(view, spec), "div": div, "note": note, "name": spec.name,
                    "headers": [EXTRA_TEXT[view.b.lang]["dims"][DIMENSIONS[d]] for d in spec.dims],
                    "rows": _data_table(view, cells, spec.dims)})
    return out


def _group_sections(view: _View, records: list[CountedReport]) -> list[dict]:
    """Per target group: its count, its most common themes, observations, proposals and quotes (DESIGN §10)."""
    d = DIMENSIONS.index("target_group")
    groups = sorted({c[d] for c in view.cells if c[d] != ALL and all(v == ALL for i, v in enumerate(c) if i != d)},
                    key=sort_key)
    out = []
    for g in groups:
        cell = _cell({d: g})
        value = view.value(cell)
        recs = [r for r in records if (r.target_group or "unknown") == g]
        themes = []
        for c in view.cells:
            if c[d] == g and c[1] not in (ALL, NO_THEME) and all(c[i] == ALL for i in (0, 2, 4)):
                v = view.value(c)
                if v is not None:
                    themes.append((v, view.label(1, c[1])))
        themes.sort(key=lambda t: (-t[0], t[1]))
        section = {"key": g, "label": view.label(d, g), "reports": view.text(cell), "hidden": value is None,
                   "themes": [{"label": lab, "reports": v} for v, lab in themes[:5]], "observations": [],
                   "proposals": [], "quotes": []}
        if value is not None:
            ordered = sorted(recs, key=lambda r: (r.has_placeholder, r.report_id))
            section["observations"] = [{"text": _excerpt(r.observation, 240), "report_id": r.report_id}
                                       for r in ordered if r.observation.strip()][:4]
            seen: set[str] = set()
            for r in ordered:
                p = r.proposal.strip()
                if p and p.lower() not in seen and len(section["proposals"]) < 3:
                    seen.add(p.lower())
                    section["proposals"].append({"text": _excerpt(p, 240), "report_id": r.report_id})
            section["quotes"] = [{"text": _excerpt(r.client_voice.strip(), 240), "report_id": r.report_id}
                                 for r in ordered if r.client_voice.strip()][:2]
        out.append(section)
    return out


def render_report(bundle) -> str:
    """The report as one HTML string (autoescaped; only plotly's own output is inserted verbatim)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    lang = bundle.lang if bundle.lang in TEXT else "fi"
    t = {**TEXT[lang], **{k: v for k, v in EXTRA_TEXT[lang].items() if isinstance(v, str)}}
    view = _View(bundle)
    cells, prot = bundle.cells, bundle.protection
    theme_cells = [c for c in cells if c[1] != ALL and all(v == ALL for i, v in enumerate(c) if i != 1)]
    theme_cells.sort(key=lambda c: (-(view.value(c) or 0), c[1]))
    total = view.value(TOTAL)
    theme_rows = []
    for cell in theme_cells:
        th = cell[1]
        value = view.value(cell)
        share = f"{100 * value / total:.0f} %" if value is not None and total else ""
        hidden = value is None
        quotes, proposals = ([], []) if hidden else pick_examples(bundle.records, th)
        theme_rows.append({
            "key": th, "label": bundle.labels.label(th, lang), "description": bundle.labels.description(th, lang),
            "reports": view.text(cell), "share": share, "hidden": hidden, "cell": _key(cell),
            "keywords": [] if th == NO_THEME else bundle.keywords.get(th, [])[:8],
            "quotes": quotes, "proposals": proposals,
        })
    gp = _cell({1: GOOD_PRACTICE})
    good = []
    if view.value(gp):
        good_quotes, good_props = pick_examples(bundle.records, GOOD_PRACTICE, n=5)
        good = good_props or good_quotes
    by_id = {r.report_id: r for r in bundle.records}
    reasons = bundle.reasons()
    n = prot.min_cell
    flagged = []
    for s in bundle.signals:
        if s.status == "noise":
            continue
        k = len(s.report_ids)
        flagged.append({
            "signal_id": s.signal_id, "status": STATUS_LABELS.get(lang, {}).get(s.status, s.status),
            "reports": str(k) if k >= n else f"<{n}", "keywords": s.keywords[:10],
            "first_seen": s.first_seen.isoformat(), "growth": f"{s.growth:+.2f}", "reason": reasons[s.signal_id],
            "members": [{"report_id": rid, "text": _excerpt(by_id[rid].observation, 200) if rid in by_id else ""}
                        for rid in s.report_ids],
        })
    models = bundle.run.get("models") or {}
    pt = DIMENSIONS.index("phenomenon_type")
    headline = [
        (t["reports"], view.text(TOTAL) if cells else "0", _key(TOTAL)),
        (t["themes_found"], str(sum(1 for r in theme_rows if r["key"] != NO_THEME)), ""),
        (t["signals_flagged"], str(len(flagged)), ""),
    ]
    for value, label in ((NEGATIVE, t["negative"]), (POSITIVE, t["positive"])):
        c = _cell({pt: value})
        if c in cells:
            headline.append((label, view.text(c), _key(c)))
    dates = [r.submitted for r in bundle.records]
    d_from, d_to = bundle.d_from or (min(dates) if dates else None), bundle.d_to or (max(dates) if dates else None)
    period_text = f"{d_from.isoformat()} – {d_to.isoformat()}" if d_from and d_to else "–"
    env = Environment(loader=FileSystemLoader(str(TEMPLATE.parent)), autoescape=select_autoescape(["j2", "html"]))
    template = env.get_template(TEMPLATE.name)
    note = t["suppression"].format(n=n)
    if prot.method == "cell-key":
        note = prot.rule()
    return template.render(
        t=t, lang=lang, period_text=period_text, headline=headline,
        generated=datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M"),
        charts=_charts(view) if cells else [], theme_rows=theme_rows, good=good, signals=flagged,
        groups=_group_sections(view, bundle.records), suppression_note=note,
        run_id=bundle.run.get("run_id") or "",
        versions=[(t["lemmatizer"], models.get("lemmatizer", "")), (t["embedder"], models.get("embedder", "")),
                  (t["topic_model"], models.get("topic_model", "")),
                  (t["vocabulary"], models.get("vocabulary") or bundle.labels.version)],
    )


def write_report(bundle, path: Path) -> Path:
    """Render and write ``report.html``."""
    path.write_text(render_report(bundle), encoding="utf-8")
    return path
