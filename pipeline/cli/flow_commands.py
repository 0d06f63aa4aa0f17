"""``signaali run``, ``signaali retrain``, ``signaali serve``, ``signaali server start|stop|status``: the Prefect flows
from the command line."""

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


def _use_server() -> None:
    """Before Prefect is imported: use the server of `signaali server start` when one answers (else ephemeral)."""
    from flows.server import use_running_server

    url = use_running_server()
    if url:
        typer.echo(f"Prefect API: {url}", err=True)


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
        from pipeline.ingest.readers import check_readable

        for p in paths or []:
            check_readable(p)  # a typo fails here, before the flow and its API start
        announce_new_store(store_url(db))
        _use_server()
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
        _use_server()
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

    server_app = typer.Typer(help="A long-running local Prefect server, so that each run pays no API start-up.",
                             no_args_is_help=True)
    app.add_typer(server_app, name="server")

    @server_app.command("start")
    def server_start(port: int = typer.Option(4200, "--port", help="Port on 127.0.0.1.")) -> None:
        """Start `prefect server start` in the background (127.0.0.1); `signaali run` then uses it."""
        from flows.server import ServerError, start

        try:
            record = start(port=port)
        except ServerError as exc:
            raise InputError(str(exc)) from exc
        typer.echo(f"Prefect server running: {record.api_url} (pid {record.pid}, log {record.log_file})")
        typer.echo(f"UI: {record.api_url.removesuffix('/api')}  stop it with: signaali server stop")

    @server_app.command("stop")
    def server_stop() -> None:
        """Stop the server started by `signaali server start`."""
        from flows.server import stop

        record = stop()
        typer.echo(f"stopped the Prefect server (pid {record.pid})" if record else "no Prefect server was recorded")

    @server_app.command("status")
    def server_status() -> None:
        """Whether the recorded Prefect server answers (exit 1 when not)."""
        from flows.server import record_path, status

        record, answering = status()
        if record is None:
            typer.echo(f"no Prefect server recorded ({record_path()}); runs use a temporary API")
            raise typer.Exit(1)
        state = "answering" if answering else "NOT answering (the next run removes the record)"
        typer.echo(f"Prefect server {record.api_url} (pid {record.pid}): {state}")
        raise typer.Exit(0 if answering else 1)
