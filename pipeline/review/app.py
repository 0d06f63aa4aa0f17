"""The reviewer's app: ipywidgets served by Voila from ``notebooks/review_app.ipynb`` (``signaali review app``).

Everything the reviewer sees is Finnish (`pipeline.review.cards`); theme keys stay inside as option values. Each
button writes one append-only decision through `pipeline.review.decisions` in its own transaction, so several
reviewers at once lose nothing (the latest decision per report wins, every one stays in the history).
"""

from __future__ import annotations

import getpass
import html
import os
from typing import Any

from pipeline.errors import InputError
from pipeline.review._bind import Bind, as_engine_or_conn
from pipeline.review.cards import (NO_THEME_FI, cluster_card_html, report_card_html, theme_labels,
                                   theme_table_html)
from pipeline.review.decisions import (accept_report_themes, set_cluster_themes, set_report_no_theme,
                                       set_report_themes)
from pipeline.review.listing import list_clusters, list_reports
from pipeline.review.theme_table import theme_table
from pipeline.review.vocabulary_keys import allowed_theme_keys
from pipeline.store.queries import counted_reports
from pipeline.store.schema import reports

ALL = "(kaikki)"
STYLE = """<style>
.sg-card{border:1px solid #ccc;border-radius:6px;padding:8px 12px;margin:6px 0;background:#fff}
.sg-card-head{color:#333;margin-bottom:4px}.sg-text{font-size:15px;line-height:1.4;margin:6px 0}
.sg-table td,.sg-table th{padding:2px 10px;text-align:left}.sg-n,.sg-delta{text-align:right}
</style>"""


def _default_reviewer() -> str:
    try:
        return os.environ.get("SIGNAALI_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return ""


def _parse_day(value: str, field: str):  # noqa: ANN202 - date | None
    from pipeline.ingest.validate import parse_date

    value = (value or "").strip()
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(f"{field}: '{value}' ei ole päivämäärä (muoto 1.1.2025 tai 2025-01-01)") from exc


class ReviewApp:
    """The whole app as one widget tree (``.widget``): reviewer name, filters, report cards, cluster cards and the
    theme table with today's change.

    Arguments:
        bind: engine, connection or store URL (``None`` = the configured store).
        limit: at most this many report cards at once (least certain first).
    """

    def __init__(self, bind: Bind = None, limit: int = 20) -> None:
        import ipywidgets as w

        self.w = w
        self.engine = as_engine_or_conn(bind)
        self.limit = limit
        with self.engine.connect() as conn:
            self.keys = allowed_theme_keys(conn)
            q = counted_reports(conn).with_only_columns(reports.c.area, reports.c.target_group)
            rows = list(conn.execute(q))
        self.labels = theme_labels(self.keys)
        self.options = [(self.labels[k], k) for k in self.keys]
        areas = sorted({str(a) for r in rows for a in (r.area or [])})
        groups = sorted({r.target_group for r in rows if r.target_group})

        self.reviewer = w.Text(value=_default_reviewer(), description="Nimesi", placeholder="kirjoita nimesi")
        self.reviewer.add_class("sg-reviewer")
        self.date_from = w.Text(description="Alkaen", placeholder="1.1.2025")
        self.date_to = w.Text(description="Asti", placeholder="31.3.2025")
        self.area = w.Dropdown(options=[ALL, *areas], description="Alue")
        self.group = w.Dropdown(options=[ALL, *groups], description="Kohderyhmä")
        self.confidence = w.FloatSlider(value=1.0, min=0.0, max=1.0, step=0.05, description="Varmuus enintään",
                                        readout_format=".2f", style={"description_width": "initial"})
        self.show = w.Button(description="Näytä ilmoitukset", button_style="primary")
        self.show.add_class("sg-show")
        self.message = w.HTML("")
        self.reports_box = w.VBox([])
        self.clusters_box = w.VBox([])
        self.table = w.HTML("")
        self.table.add_class("sg-theme-table")
        self.show.on_click(lambda _: self.refresh())
        self._before: dict[str, int] | None = None
        filters = w.VBox([w.HBox([self.reviewer]), w.HBox([self.date_from, self.date_to]),
                          w.HBox([self.area, self.group]), w.HBox([self.confidence, self.show]), self.message])
        tabs = w.Tab(children=[self.reports_box, self.clusters_box, self.table])
        for i, title in enumerate(["Ilmoitukset", "Klusterit", "Teemataulukko"]):
            tabs.set_title(i, title)
        self.widget = w.VBox([w.HTML(STYLE + "<h2>Teemojen tarkistus</h2><p>Kirjoita nimesi, valitse jakso ja "
                                     "paina <b>Näytä ilmoitukset</b>. Hyväksy mallin teemat, muuta niitä tai "
                                     f"merkitse <b>{NO_THEME_FI}</b>. Teemataulukko näyttää tallennusten "
                                     "vaikutuksen.</p>"), filters, tabs])

    # ------------------------------------------------------------------ filters
    def _filters(self) -> dict[str, Any]:
        return {"date_from": _parse_day(self.date_from.value, "Alkaen"),
                "date_to": _parse_day(self.date_to.value, "Asti"),
                "area": None if self.area.value == ALL else self.area.value,
                "target_group": None if self.group.value == ALL else self.group.value}

    def _who(self) -> str:
        who = self.reviewer.value.strip()
        if not who:
            raise InputError("kirjoita ensin nimesi (Nimesi-kenttä)")
        return who

    def refresh(self) -> None:
        """Re-read the store with the filters and rebuild the cards and the theme table."""
        try:
            f = self._filters()
        except InputError as exc:
            self.message.value = f"<span style='color:#b00'>{html.escape(str(exc))}</span>"
            return
        reports = list_reports(self.engine, max_confidence=self.confidence.value, limit=self.limit, **f)
        self.reports_box.children = [self._report_card(r) for r in reports.itertuples(index=False)] or [
            self.w.HTML("<p>Ei ilmoituksia näillä valinnoilla.</p>")]
        clusters = list_clusters(self.engine, date_from=f["date_from"], date_to=f["date_to"])
        self.clusters_box.children = [self._cluster_card(c) for c in clusters.itertuples(index=False)] or [
            self.w.HTML("<p>Aihemallia ei vielä ole: yöajo tekee sen.</p>")]
        self._before = None
        self._update_table()
        self.message.value = f"{len(reports)} ilmoitusta, {len(clusters)} klusteria"

    def _update_table(self) -> None:
        f = self._filters()
        table = theme_table(self.engine, f["date_from"], f["date_to"])
        now = {r.theme: int(r.reports) for r in table.itertuples(index=False)}
        self.table.value = ("<p>Ilmoituksia teemoittain valitulla jaksolla (muutos tämän näkymän avaamisesta).</p>"
                            + theme_table_html(table, self.labels, self._before))
        if self._before is None:
            self._before = now

    # ------------------------------------------------------------------ cards
    def _saver(self, status: Any, action) -> Any:  # noqa: ANN001
        def run(_: Any = None) -> None:
            try:
                row = action(self._who())
            except InputError as exc:
                status.value = f"<span style='color:#b00'>{html.escape(str(exc))}</span>"
                return
            new = row["new"]
            shown = NO_THEME_FI if not new.get("themes") else ", ".join(self.labels.get(k, k) for k in new["themes"])
            self._update_table()  # before saying "saved", so the table a reviewer looks at next is current
            status.value = f"<span class='sg-saved' style='color:#070'>Tallennettu: {html.escape(shown)}</span>"
        return run

    def _report_card(self, r: Any) -> Any:
        w, rid = self.w, r.report_id
        pick = w.SelectMultiple(options=self.options, value=tuple(k for k in r.themes if k in self.keys),
                                rows=5, description="Teemat")
        pick.add_class("sg-pick")
        accept = w.Button(description="Hyväksy mallin teemat", button_style="success",
                          disabled=not r.model_themes, layout=w.Layout(width="auto"))
        change = w.Button(description="Tallenna valitut teemat", button_style="primary", layout=w.Layout(width="auto"))
        none = w.Button(description=NO_THEME_FI.capitalize(), button_style="warning", layout=w.Layout(width="auto"))
        note = w.Text(placeholder="huomio (vapaaehtoinen)")
        status = w.HTML("")
        for b, cls in ((accept, "sg-accept"), (change, "sg-change"), (none, "sg-none")):
            b.add_class(cls)
        accept.on_click(self._saver(status, lambda who: accept_report_themes(self.engine, rid, who, note.value)))
        change.on_click(self._saver(status, lambda who: set_report_themes(self.engine, rid, list(pick.value), who,
                                                                         note.value)))
        none.on_click(self._saver(status, lambda who: set_report_no_theme(self.engine, rid, who, note.value)))
        box = w.VBox([w.HTML(report_card_html(r, self.labels)), w.HBox([pick, w.VBox([accept, change, none, note])]),
                      status])
        box.add_class("sg-card")
        box.add_class(f"sg-report-{rid}")
        return box

    def _cluster_card(self, c: Any) -> Any:
        w = self.w
        start = list(c.confirmed_themes) if c.confirmed_themes is not None else [t for t, _ in c.suggested_themes]
        pick = w.SelectMultiple(options=self.options, value=tuple(k for k in start if k in self.keys), rows=5,
                                description="Teemat")
        save = w.Button(description="Vahvista klusterin teemat", button_style="primary", layout=w.Layout(width="auto"))
        status = w.HTML("")
        version, topic = c.model_version, int(c.topic)
        save.on_click(self._saver(status, lambda who: set_cluster_themes(self.engine, version, topic,
                                                                        list(pick.value), who)))
        box = w.VBox([w.HTML(cluster_card_html(c, self.labels)), w.HBox([pick, save]), status])
        box.add_class("sg-card")
        return box


def review_app(bind: Bind = None, limit: int = 20) -> Any:
    """The app's widget, filled with the store's reports (what the notebook displays)."""
    app = ReviewApp(bind, limit)
    app.refresh()
    return app.widget
