"""The SQL store: SQLite by default (WAL), PostgreSQL by URL; schema migrated with Alembic."""

from pipeline.store.db import connect, get_engine, migrate
from pipeline.store import schema

__all__ = ["connect", "get_engine", "migrate", "schema"]
