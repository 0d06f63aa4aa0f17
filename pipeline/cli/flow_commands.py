"""``signaali run``, ``signaali retrain``, ``signaali serve``: the Prefect flows from the command line."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from pipeline.cli.options import DATE_HELP, DB_HELP, announce_new_store, parse_cli_date, store_url
from pipeline.errors import InputError


def _check_date(value: str | None) -> str | None:
    day = parse_cli_date(value, "--as-of")
    return day.isoformat() if day else None


def register(app: typer.Typer, models_app: typer.Typer) -> None:
    @app.command("run")
    def run(
        as_of: Optional[str] = typer.Option(None, "--as-of", help=f"Run date for weak signals ({DATE_HELP}); default today."),
        db: str = typer.Option("", "--db", help=DB_HELP, show_default=False),
        inbox: Optional[Path] = typer.Option(None, "--inbox", help="Folder of export files (default $SIGNAALI_INBOX_DIR)."),
        paths: list[Path] = typer.Argument(None, help="Extra export files to ingest in this run."),
        out: Optional[Path] = typer.Option(None, "--out", help="Export folder (default $SIGNAALI_OUT_DIR)."),
        period: str = typer.Option("quarter", "--period", help="Export period: month|quarter|half|year."),
        as_json: bool = typer.Option(False, "--json", help="Print only the run record as JSON."),
    ) -> None:
        """Run the nightly flow now (incremental: only reports no run has themed are processed)."""
        as_of = _check_date(as_of)
        for p in paths or []:
            if not p.exists():
                raise InputError(f"{p}: cannot read file: no such file")
        announce_new_store(store_url(db))
        from flows.nightly import nightly

        # Prefect and model libraries may print; with --json stdout must carry only the record.
        from pipeline.cli.progress import step_progress

        with contextlib.redirect_stdout(sys.stderr), step_progress():
            record = nightly(as_of=as_of, inbox=str(inbox) if inbox else None, paths=[str(p) for p in paths or []],
                             db_url=db or None, out_dir=str(out) if out else None, period=period)
        if as_json:
            print(json.dumps(record, ensure_ascii=False, indent=2, default=str))
            return
        print(f"run {record['run_id']} as of {record['as_of']}: {record['reports_new']} new reports, "
              f"{record['reports_processed']} processed, {record['quarantined']} quarantined, "
              f"{record['signals']} flagged signals")
        print(f"tables and report: {record.get('out_dir')}")
        print(f"HTML report: {record.get('report')}")

    @app.command("retrain")
    def retrain(
        promote: bool = typer.Option(False, "--promote", help="Activate the new model even if it scores worse."),
        db: str = typer.Option("", "--db", help=DB_HELP, show_default=False),
        as_json: bool = typer.Option(False, "--json", help="Print only the result as JSON."),
    ) -> None:
        """Fit a new topic model on all stored reports, evaluate it, promote it if it is not worse."""
        from flows.retrain import retrain as retrain_flow

        from pipeline.cli.progress import quiet_third_party

        quiet_third_party()
        with contextlib.redirect_stdout(sys.stderr):
            result = retrain_flow(db_url=db or None, promote=promote)
        if as_json:
            print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
            return
        verdict = "promoted" if result["promoted"] else "kept the active model"
        print(f"new topic model {result['version']}: {verdict} ({result['reason']})")

    @app.command("serve")
    def serve(db: str = typer.Option("", "--db", help=DB_HELP, show_default=False)) -> None:
        """Serve the Prefect deployments: nightly at 02:00 Europe/Helsinki, retrain weekly."""
        from flows.deployments import serve as serve_deployments

        serve_deployments({"db_url": db} if db else None)
