"""``signaali ingest PATH...``: read exports into the store; summary on stdout (``--json``: only JSON)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from pipeline.cli.options import DB_HELP, engine_for


def register(app: typer.Typer, models_app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest(
        paths: list[Path] = typer.Argument(..., help="Export files: .csv (',' or ';'), .xlsx, .jsonl"),
        db: str = typer.Option("", "--db", help=DB_HELP, show_default=False),
        as_json: bool = typer.Option(False, "--json", help="Print only the summary as JSON."),
    ) -> None:
        """Ingest report exports: validate, pseudonymise, dedupe, store; bad rows go to quarantine."""
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from pipeline.ingest import ingest_files

        err = Console(stderr=True)
        engine = engine_for(db)
        with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True, disable=not sys.stderr.isatty()) as progress:
            task = progress.add_task("rows", total=None)
            summary = ingest_files(paths, engine, on_row=lambda: progress.advance(task))
        if as_json:
            print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
            return
        for line in summary.scrubbed_problems(20):
            err.print(f"[yellow]warning[/]: {line}", highlight=False, soft_wrap=True)
        if len(summary.problems) > 20:
            err.print(f"… and {len(summary.problems) - 20} more (see the quarantine table)")
        print(f"read {summary.read} rows from {len(summary.files)} file(s)"
              + (f" ({summary.files_skipped} already ingested, skipped)" if summary.files_skipped else ""))
        print(f"stored {summary.stored} new reports")
        print(f"near-duplicates linked to their original: {summary.near_duplicates}")
        print(f"exact duplicates skipped: {summary.duplicates}")
        print(f"quarantined rows: {summary.quarantined}")
        if summary.reviewed_labels:
            print(f"reviewed theme labels imported: {summary.reviewed_labels}")
        if summary.pii_replaced:
            pii = ", ".join(f"{k} {v}" for k, v in sorted(summary.pii_replaced.items()))
            print(f"personal data pseudonymised: {pii}")
