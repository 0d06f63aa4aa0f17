"""Options shared by several commands."""

from __future__ import annotations

import typer

DB_HELP = "Store URL (default: $SIGNAALI_DB_URL, else the SQLite file data/signaali.db under $SIGNAALI_HOME)."


def db_option() -> str:
    return typer.Option("", "--db", help=DB_HELP, show_default=False)


def engine_for(db: str):
    """A migrated engine for the --db value (empty = settings)."""
    from pipeline.store import get_engine

    return get_engine(db or None)
