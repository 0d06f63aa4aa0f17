"""One way in for engines, connections and URLs, so every review function accepts any of them."""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from typing import Iterator, Union

from sqlalchemy import Engine
from sqlalchemy.engine import Connection

Bind = Union[Engine, Connection, str, None]


def as_engine_or_conn(bind: Bind) -> Engine | Connection:
    """An engine for a URL (``None`` = the configured store), else ``bind`` itself."""
    if bind is None or isinstance(bind, str):
        from pipeline.store import get_engine

        return get_engine(bind or None)
    return bind


@contextmanager
def begin(bind: Bind) -> Iterator[Connection]:
    """A connection in a transaction: our own for an engine/URL; the caller's (and its transaction) for a connection."""
    target = as_engine_or_conn(bind)
    if isinstance(target, Connection):
        with nullcontext(target) as conn:
            yield conn
    else:
        with target.begin() as conn:
            yield conn


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime | str | None) -> datetime | None:
    """Timezone-aware UTC datetime; SQLite hands back naive values (stored as UTC) and sometimes strings."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)
