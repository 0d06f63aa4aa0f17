"""ipywidgets editors for the review notebook: one row per report or cluster, theme tags, a note, Save.

Kept in the package (not in the notebook) so it is tested and the notebook stays a thin sequence of calls.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pandas as pd

from pipeline.errors import InputError
from pipeline.review._bind import Bind, as_engine_or_conn
from pipeline.review.decisions import set_cluster_themes, set_report_themes
from pipeline.review.vocabulary_keys import allowed_theme_keys


def _allowed(bind: Bind) -> list[str]:
    target = as_engine_or_conn(bind)
    if hasattr(target, "connect"):
        with target.connect() as conn:
            return allowed_theme_keys(conn)
    return allowed_theme_keys(target)


def _row(widgets: Any, title_html: str, themes: list[str], allowed: list[str],
         save: Callable[[list[str], str], dict]) -> tuple[Any, Callable[[], bool]]:
    """One editable row; returns the widget and a function saving it when its tags changed."""
    tags = widgets.TagsInput(value=list(themes), allowed_tags=allowed, allow_duplicates=False)
    note = widgets.Text(placeholder="huomio / note", layout=widgets.Layout(width="30%"))
    button = widgets.Button(description="Save", button_style="primary", layout=widgets.Layout(width="80px"))
    status = widgets.HTML("")
    saved = {"themes": list(themes)}

    def do_save(_: Any = None) -> bool:
        try:
            row = save(list(tags.value), note.value)
        except InputError as exc:
            status.value = f"<span style='color:#b00'>{html.escape(str(exc))}</span>"
            return False
        saved["themes"] = list(tags.value)
        status.value = (f"<span style='color:#070'>saved: {html.escape(';'.join(row['old']['themes']) or '-')} → "
                        f"{html.escape(';'.join(row['new']['themes']))}</span>")
        return True

    def save_if_changed() -> bool:
        return do_save() if list(tags.value) != saved["themes"] else False

    button.on_click(do_save)
    box = widgets.VBox([widgets.HTML(title_html), widgets.HBox([tags, note, button]), status],
                       layout=widgets.Layout(border="1px solid #ddd", padding="4px", margin="2px 0"))
    return box, save_if_changed


def _save_all_button(widgets: Any, savers: list[Callable[[], bool]]) -> Any:
    button = widgets.Button(description="Save all changed", button_style="success")
    status = widgets.HTML("")

    def on_click(_: Any) -> None:
        status.value = f"{sum(1 for s in savers if s())} saved"

    button.on_click(on_click)
    return widgets.HBox([button, status])


def report_editor(bind: Bind, reports: pd.DataFrame, reviewer: str, limit: int = 50) -> Any:
    """An editor for the reports of ``list_reports(...)``: their themes as tags, Save per report or all at once."""
    import ipywidgets as widgets

    allowed = _allowed(bind)
    rows, savers = [], []
    for r in reports.head(limit).itertuples(index=False):
        model = ", ".join(f"{t} {s:.2f}" for t, s in r.model_themes) or "–"
        title = (f"<b>{html.escape(r.report_id)}</b> {r.submitted} · {html.escape(', '.join(r.area))} · "
                 f"{html.escape(r.target_group)} · <i>{html.escape(r.source)}</i> · model: {html.escape(model)}"
                 f"<br><span style='color:#444'>{html.escape(r.snippet)}</span>")
        rid = r.report_id
        box, saver = _row(widgets, title, list(r.themes), allowed,
                          lambda themes, note, rid=rid: set_report_themes(bind, rid, themes, reviewer, note))
        rows.append(box)
        savers.append(saver)
    return widgets.VBox([_save_all_button(widgets, savers), *rows])


def cluster_editor(bind: Bind, clusters: pd.DataFrame, reviewer: str) -> Any:
    """An editor for ``list_clusters(...)``: confirmed (else suggested) themes as tags; Save confirms or changes."""
    import ipywidgets as widgets

    allowed = _allowed(bind)
    rows, savers = [], []
    for c in clusters.itertuples(index=False):
        confirmed = c.confirmed_themes is not None
        themes = list(c.confirmed_themes) if confirmed else [t for t, _ in c.suggested_themes]
        reps = "".join(f"<li>{html.escape(rid)}: {html.escape(snip)}</li>" for rid, snip in c.representative_reports)
        state = "confirmed" if confirmed else "suggested"
        title = (f"<b>topic {c.topic}</b> · {c.size} reports ({c.period_size} in period) · {state} · "
                 f"{html.escape(', '.join(c.keywords[:10]))}<ul style='margin:0'>{reps}</ul>")
        version, topic = c.model_version, int(c.topic)
        box, saver = _row(widgets, title, themes, allowed,
                          lambda themes, note, version=version, topic=topic:
                          set_cluster_themes(bind, version, topic, themes, reviewer, note))
        rows.append(box)
        savers.append(saver)
    return widgets.VBox([_save_all_button(widgets, savers), *rows])
