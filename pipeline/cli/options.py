"""Options and checks shared by several commands: the store (``--db``, ``--create``) and dates."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from pipeline.errors import InputError

DB_HELP = "Store URL (default: $SIGNAALI_DB_URL, else the SQLite file data/signaali.db under $SIGNAALI_HOME)."
CREATE_HELP = "Create the store (and its folder) when it does not exist yet, instead of refusing."
DATE_HELP = "yyyy-mm-dd or d.m.yyyy"


def db_option() -> str:
    return typer.Option("", "--db", help=DB_HELP, show_default=False)


def create_option() -> bool:
    return typer.Option(False, "--create", help=CREATE_HELP)


def store_url(db: str | None) -> str:
    """The URL ``--db`` names (empty = the configured store)."""
    from pipeline.settings import get_settings

    return db or get_settings().database_url


def _shown(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _sqlite_file(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return None
    return Path(u.database) if u.database and u.database != ":memory:" else Path(":memory:")


def store_exists(url: str) -> bool:
    """True when ``url`` names a store that has been created (a SQLite file, or a database with Signaali's schema)."""
    path = _sqlite_file(url)
    if path is not None:
        return str(path) == ":memory:" or (path.is_file() and path.stat().st_size > 0)
    import sqlalchemy as sa

    engine = sa.create_engine(url, pool_pre_ping=True)
    try:
        with engine.connect() as conn:
            return sa.inspect(conn).has_table("alembic_version")
    except sa.exc.OperationalError as exc:
        raise InputError(f"store {_shown(url)}: cannot connect: {exc.orig}") from exc
    finally:
        engine.dispose()


def require_store(db: str | None, create: bool = False) -> str:
    """The store URL for a command that reads: refuses (`InputError`, exit 2) a store that does not exist.

    A mistyped ``--db`` would otherwise create an empty store and, for ``export``, overwrite good tables with empty
    ones. With ``create`` the store is made (and that is said on stderr).
    """
    url = store_url(db)
    if not store_exists(url):
        if not create:
            raise InputError(f"no store at {_shown(url)}: check --db / SIGNAALI_DB_URL "
                             f"(or pass --create to start a new, empty store there)")
        announce_new_store(url)
    return url


def announce_new_store(url: str) -> None:
    """Say on stderr that a store (and its folder) is about to be created; nothing when it exists."""
    if store_exists(url):
        return
    path = _sqlite_file(url)
    if path is not None and str(path) != ":memory:" and not path.parent.exists():
        print(f"creating folder {path.parent}", file=sys.stderr)
    print(f"creating a new store at {_shown(url)}", file=sys.stderr)


def open_store(db: str | None, create: bool = False):  # noqa: ANN201 - sqlalchemy Engine, imported lazily
    """A migrated engine for a store that must exist (see `require_store`)."""
    from pipeline.store import get_engine

    return get_engine(require_store(db, create))


def engine_for(db: str):  # noqa: ANN201
    """A migrated engine for the --db value (empty = settings), for commands that write: a missing store is created
    and that is said on stderr."""
    from pipeline.store import get_engine

    url = store_url(db)
    announce_new_store(url)
    return get_engine(url)


def parse_cli_date(value: str | None, option: str) -> dt.date | None:
    """The one date parser of the CLI: ISO ``yyyy-mm-dd`` or Finnish ``d.m.yyyy``; ``None``/empty = not given.

    Raises:
        InputError: naming the option and the value.
    """
    if value is None or not str(value).strip():
        return None
    from pipeline.ingest.validate import parse_date

    try:
        return parse_date(str(value).strip())
    except ValueError as exc:
        raise InputError(f"{option}: '{value}' is not a date (use yyyy-mm-dd or d.m.yyyy)") from exc
