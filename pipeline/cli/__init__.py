"""The ``signaali`` command line. Exit codes: 0 ok, 1 failure, 2 bad input or usage.

Commands live in small modules beside this one; each exposes ``register(app, models_app)``. A command module that
fails to import fails the whole CLI (loudly), never silently loses its commands.
"""

from __future__ import annotations

import logging
import os
import sys

import typer

from pipeline.cli import (embedding_commands, export_commands, flow_commands, ingest_commands, lemma_commands,
                          review_commands, store_commands, theme_commands)
from pipeline.errors import InputError
from pipeline.settings import apply_offline_env

apply_offline_env()  # no model hub, no telemetry

app = typer.Typer(help="Signaali: Finnish social reports into themes, weak signals and tables (offline).",
                  pretty_exceptions_enable=False, add_completion=False)
models_app = typer.Typer(help="Local models: list, build, pull, train.", no_args_is_help=True)
app.add_typer(models_app, name="models")

for _module in (ingest_commands, lemma_commands, embedding_commands, theme_commands, review_commands,
                export_commands, flow_commands, store_commands):
    _module.register(app, models_app)


# `signaali` with no arguments: each command with one example (a command group lists its own with --help).
OVERVIEW = [
    ("ingest", "read report exports into the store", "signaali ingest data/inbox/ilmoitukset.xlsx"),
    ("run", "the nightly flow now: themes, signals, tables", "signaali run --as-of 31.3.2025"),
    ("signals", "weak signals of a date", "signaali signals --as-of 2025-03-31 --json"),
    ("export", "theme tables, signal table, HTML report", "signaali export --out data/out --from 1.1.2025"),
    ("review app", "the reviewer's app in the browser", "signaali review app"),
    ("review set", "set a report's themes", 'signaali review set R-1 --themes "housing;ageing"'),
    ("review import", "reviewed labels from a file", "signaali review import reviewed.csv"),
    ("review history", "every decision about a report", "signaali review history R-1"),
    ("themes assign", "themes for the texts of a CSV", "signaali themes assign in.csv -o out.csv"),
    ("retrain", "fit, evaluate and maybe promote a topic model", "signaali retrain --json"),
    ("models", "local models: list, build, pull", "signaali models list"),
    ("serve", "Prefect deployments (nightly 02:00)", "signaali serve"),
    ("server", "a local Prefect server: runs skip start-up", "signaali server start"),
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("signaali")
    except PackageNotFoundError:  # a plain checkout without an install
        return "unknown (not installed)"


@app.callback(invoke_without_command=True)
def _root(ctx: typer.Context,
          show_version: bool = typer.Option(False, "--version", help="Print the version and exit.", is_eager=True)
          ) -> None:
    if show_version:
        typer.echo(f"signaali {_version()}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        typer.echo("Signaali: Finnish social reports into themes, weak signals and tables (offline).\n")
        typer.echo("Commands (signaali COMMAND --help for options):")
        width = max(len(c) for c, _, _ in OVERVIEW)
        for command, what, example in OVERVIEW:
            typer.echo(f"  {command:<{width}}  {what}\n  {'':<{width}}  e.g. {example}")
        raise typer.Exit(0)


_USAGE_ERRORS = {"UsageError", "BadParameter", "MissingParameter", "NoSuchOption", "BadOptionUsage", "BadArgumentUsage",
                 "NoArgsIsHelpError"}


def main() -> None:
    """Console entry point: maps Signaali's errors onto exit codes with one clear line on stderr."""
    logging.basicConfig(level=os.environ.get("SIGNAALI_LOG_LEVEL", "WARNING"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        # click does not raise for `typer.Exit(code)` outside standalone mode: it returns the code
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", None)
        if code is None:
            code = getattr(exc, "code", 0)
        sys.exit(code or 0)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - top level: one line, exit 1
        # typer may bundle its own click; recognise click-style exceptions by their interface
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            sys.exit(2 if type(exc).__name__ in _USAGE_ERRORS or exc.exit_code == 2 else exc.exit_code)
        logging.getLogger("signaali").debug("failure", exc_info=True)
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
