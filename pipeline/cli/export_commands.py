"""``signaali export``: theme tables, signal table, HTML report and manifest."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.options import DB_HELP, create_option, require_store


def register(app: typer.Typer, models_app: typer.Typer) -> None:  # noqa: ARG001 - no models commands here
    """Add the ``export`` command to the CLI."""

    @app.command("export")
    def export_command(
        out: Optional[Path] = typer.Option(None, "--out", help="output folder (default: settings.out_dir)"),
        formats: str = typer.Option("csv,xlsx,parquet,html", "--format", help="comma-separated: csv,xlsx,parquet,html"),
        period: str = typer.Option("quarter", "--period", help="month | quarter | half | year | range"),
        date_from: Optional[str] = typer.Option(None, "--from", help="first submission date (YYYY-MM-DD or d.m.yyyy)"),
        date_to: Optional[str] = typer.Option(None, "--to", help="last submission date (inclusive)"),
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP, show_default=False),
        lang: str = typer.Option("fi", "--lang", help="report and XLSX language: fi | en"),
        min_cell: Optional[int] = typer.Option(None, "--min-cell", help="smallest count published (>= 1)"),
        tables: Optional[str] = typer.Option(None, "--tables",
                                             help="published tables, e.g. 'theme,theme*period,theme*area*target_group' "
                                                  "(default: SIGNAALI_EXPORT_TABLES, the county's set)"),
        disclosure: Optional[str] = typer.Option(None, "--disclosure", help="suppression | cell-key"),
        run_id: Optional[str] = typer.Option(None, "--run-id", help="run to name in the manifest (default: newest)"),
        json_out: bool = typer.Option(False, "--json", help="print the manifest as JSON on stdout"),
        create: bool = create_option(),
    ) -> None:
        """Write themes_long.csv, the published tables, signals.csv, report.html and manifest.json (disclosure-controlled)."""
        from pipeline.export import export
        from pipeline.settings import get_settings
        from pipeline.store import get_engine

        settings = get_settings()
        out_dir = out or settings.out_dir
        manifest = export(get_engine(require_store(db, create)), out_dir, formats=formats, period=period,
                          date_from=date_from, date_to=date_to, lang=lang, run_id=run_id, min_cell=min_cell,
                          tables=tables, disclosure=disclosure)
        if json_out:
            sys.stdout.write(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
            return
        typer.echo(f"{manifest['reports_counted']} reports → {out_dir}", err=True)
        for name, info in manifest["files"].items():
            detail = ", ".join(f"{k} {v}" for k, v in info.items() if not isinstance(v, dict))
            typer.echo(f"  {name}: {detail or ', '.join(f'{k} {v}' for k, v in info.get('sheets', {}).items())}")
        d = manifest["disclosure"]
        typer.echo(f"  {d['method']}: {d['cells']} cells, {d['primary']} below {d['min_cell']}, {d['secondary']} more "
                   f"hidden, audit: {d['audit'].get('pinned', 0)} derivable")
