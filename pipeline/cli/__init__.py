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
                          review_commands, theme_commands)
from pipeline.errors import InputError
from pipeline.settings import apply_offline_env

apply_offline_env()  # no model hub, no telemetry

app = typer.Typer(help="Signaali: Finnish social reports into themes, weak signals and tables (offline).",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
models_app = typer.Typer(help="Local models: list, build, pull, train.", no_args_is_help=True)
app.add_typer(models_app, name="models")

for _module in (ingest_commands, lemma_commands, embedding_commands, theme_commands, review_commands,
                export_commands, flow_commands):
    _module.register(app, models_app)


_USAGE_ERRORS = {"UsageError", "BadParameter", "MissingParameter", "NoSuchOption", "BadOptionUsage", "BadArgumentUsage",
                 "NoArgsIsHelpError"}


def main() -> None:
    """Console entry point: maps Signaali's errors onto exit codes with one clear line on stderr."""
    logging.basicConfig(level=os.environ.get("SIGNAALI_LOG_LEVEL", "WARNING"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        app(standalone_mode=False)
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
