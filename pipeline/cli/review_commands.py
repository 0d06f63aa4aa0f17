"""``signaali review set | import | history``: reviewer decisions from the command line."""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path
from typing import Optional

import typer

from pipeline.errors import InputError
from pipeline.cli.options import create_option, db_option, open_store, require_store



def _default_reviewer() -> str:
    try:
        return os.environ.get("SIGNAALI_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "reviewer"


def register(app: typer.Typer, models_app: typer.Typer) -> None:  # noqa: ARG001 - same signature for every module
    """Add the ``review`` command group to ``app``."""
    review_app = typer.Typer(help="Reviewer decisions: set a report's themes, import reviewed labels, show history.",
                             no_args_is_help=True)
    app.add_typer(review_app, name="review")

    @review_app.command("set")
    def set_cmd(
        report_id: str = typer.Argument(..., help="report id"),
        themes: str = typer.Option("", "--themes", help='theme keys joined by ";", e.g. "housing;ageing"'),
        no_theme: bool = typer.Option(False, "--no-theme", help='"ei sovi mihinkään teemaan": no theme applies '
                                                                '(the report then counts under no theme)'),
        reviewer: Optional[str] = typer.Option(None, "--reviewer", help="who decides (default: SIGNAALI_REVIEWER "
                                                                         "or login name)"),
        note: str = typer.Option("", "--note", help="why"),
        db: str = db_option(),
        create: bool = create_option(),
        as_json: bool = typer.Option(False, "--json", help="print the stored decision as JSON"),
    ) -> None:
        """Set a report's themes; the decision wins over the model and is kept in its history."""
        from pipeline.review import set_report_no_theme, set_report_themes

        if no_theme == bool(themes.strip()):
            raise InputError("review set: give either --themes or --no-theme")
        engine, who = open_store(db, create), reviewer or _default_reviewer()
        row = (set_report_no_theme(engine, report_id, who, note) if no_theme
               else set_report_themes(engine, report_id, themes, who, note))
        if as_json:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
        else:
            typer.echo(f"{report_id}: {';'.join(row['old']['themes']) or '-'} ({row['old']['source']}) -> "
                       f"{';'.join(row['new']['themes']) or 'no theme applies'}  [{row['reviewer']}]")

    @review_app.command("import")
    def import_cmd(
        file: Path = typer.Argument(..., help="CSV or XLSX with report_id and a themes column"),
        themes_column: str = typer.Option("themes", "--themes-column", help="column holding the theme keys"),
        reviewer: Optional[str] = typer.Option(None, "--reviewer", help="default: import:<file name>"),
        drop_unknown_themes: bool = typer.Option(False, "--drop-unknown-themes",
                                                 help="leave out keys outside the vocabulary instead of failing"),
        db: str = db_option(),
        create: bool = create_option(),
        as_json: bool = typer.Option(False, "--json", help="print the counts as JSON"),
    ) -> None:
        """Import reviewed labels; unknown report ids are reported and skipped; importing again adds nothing."""
        from pipeline.review import import_reviewed_labels

        counts = import_reviewed_labels(open_store(db, create), file, themes_column, reviewer,
                                        "drop" if drop_unknown_themes else "error")
        if as_json:
            typer.echo(json.dumps(counts, ensure_ascii=False))
            return
        typer.echo(f"{file}: {counts['rows']} rows, {counts['imported']} imported, {counts['unchanged']} unchanged, "
                   f"{counts['empty']} without themes, {counts['unknown_reports']} unknown report ids")
        if counts["unknown_report_ids"]:
            shown = ", ".join(counts["unknown_report_ids"][:20])
            more = " …" if counts["unknown_reports"] > 20 else ""
            typer.echo(f"unknown report ids (skipped): {shown}{more}", err=True)
        if counts["dropped_themes"]:
            typer.echo(f"dropped theme keys: {counts['dropped_themes']}", err=True)

    @review_app.command("history")
    def history_cmd(
        report_id: str = typer.Argument(..., help="report id"),
        db: str = db_option(),
        create: bool = create_option(),
        as_json: bool = typer.Option(False, "--json", help="print the history (and themes now) as JSON"),
    ) -> None:
        """Show every decision about a report, oldest first, and the themes that count now."""
        from pipeline.review import history
        from pipeline.store.queries import effective_themes, model_themes

        engine = open_store(db, create)
        rows = history(engine, report_id)
        with engine.connect() as conn:
            now = effective_themes(conn, [report_id]).get(report_id, [])
            model = model_themes(conn, [report_id]).get(report_id, [])
        if as_json:
            typer.echo(json.dumps({"report_id": report_id, "themes": now,
                                   "model_themes": [[t, s] for t, s in model], "history": rows},
                                  ensure_ascii=False, default=str))
            return
        typer.echo(f"{report_id}: themes now {';'.join(now) or '-'}; model "
                   f"{', '.join(f'{t} {s:.2f}' for t, s in model) or '-'}")
        if not rows:
            typer.echo("no reviewer decisions")
        for r in rows:
            old = ";".join(r["old"].get("themes", [])) or "-"
            new = ";".join(r["new"].get("themes", [])) or "-"
            note = f"  ({r['note']})" if r["note"] else ""
            typer.echo(f"{r['created_at']}  {r['reviewer']}: {old} -> {new}{note}")

    @review_app.command("app")
    def app_cmd(
        port: int = typer.Option(8866, "--port", help="port on 127.0.0.1"),
        open_browser: bool = typer.Option(False, "--open", help="also open it in the default browser"),
        db: str = db_option(),
        create: bool = create_option(),
    ) -> None:
        """The reviewer's app in the browser: report cards, accept / change / no theme, clusters, the theme table.

        Serves notebooks/review_app.ipynb with Voila on http://127.0.0.1:PORT (code hidden); Ctrl+C stops it.
        """
        import sys

        from pipeline.settings import PROJECT_ROOT

        url = require_store(db, create)
        notebook = PROJECT_ROOT / "notebooks" / "review_app.ipynb"
        if not notebook.is_file():
            raise InputError(f"{notebook}: the reviewer app notebook is missing")
        env = {**os.environ, "SIGNAALI_DB_URL": url}
        cmd = [sys.executable, "-m", "voila", str(notebook), f"--port={port}", "--Voila.ip=127.0.0.1",
               "--show_tracebacks=False", "--theme=light"]
        if not open_browser:
            cmd.append("--no-browser")
        typer.echo(f"reviewer app: http://127.0.0.1:{port}/  (store {url.split('@')[-1]}; Ctrl+C stops)", err=True)
        sys.stderr.flush()
        # Become the Voila process (no child left behind): a stop signal sent to `signaali review app` reaches
        # Voila itself, which shuts its kernels down.
        os.chdir(PROJECT_ROOT)
        os.execve(cmd[0], cmd, env)
