"""``signaali store backup PATH`` / ``restore PATH``: a consistent copy of the store while it is in use.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies page by page under the store's own locking,
so a backup taken during a nightly run is a consistent snapshot. PostgreSQL: ``pg_dump --format=custom`` and
``pg_restore --clean`` when those tools are installed.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from pipeline.errors import InputError, SignaaliError


class BackupError(SignaaliError):
    """A backup or restore could not be made."""


def _sqlite_path(engine: Engine) -> Path:
    return Path(engine.url.database or "")


def backup_store(engine: Engine, dest: Path) -> Path:
    """Copy the store to ``dest`` (SQLite file, or a pg_dump archive for PostgreSQL); returns ``dest``."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if engine.url.get_backend_name() == "sqlite":
        src = sqlite3.connect(str(_sqlite_path(engine)), timeout=60)
        tmp = dest.with_name(dest.name + ".part")
        tmp.unlink(missing_ok=True)
        out = sqlite3.connect(str(tmp))
        try:
            with out:
                src.backup(out, pages=1024)
        finally:
            out.close()
            src.close()
        tmp.replace(dest)  # a reader never sees half a backup
        return dest
    _pg(engine, ["pg_dump", "--format=custom", "--file", str(dest)])
    return dest


def restore_store(engine: Engine, src: Path) -> None:
    """Replace the store's content with the backup ``src`` (made by `backup_store`).

    Raises:
        InputError: ``src`` is missing or not a Signaali store backup.
    """
    src = Path(src)
    if not src.is_file():
        raise InputError(f"{src}: no such backup file")
    if engine.url.get_backend_name() == "sqlite":
        try:
            check = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
            check.execute("SELECT version_num FROM alembic_version").fetchone()
            check.execute("SELECT count(*) FROM reports").fetchone()
            check.close()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{src}: not a Signaali store backup ({exc})") from exc
        engine.dispose()
        source = sqlite3.connect(str(src))
        target = sqlite3.connect(str(_sqlite_path(engine)), timeout=60)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
        return
    _pg(engine, ["pg_restore", "--clean", "--if-exists", "--no-owner", str(src)])


def _pg(engine: Engine, cmd: list[str]) -> Path:
    tool = cmd[0]
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed: install the PostgreSQL client tools (Debian: postgresql-client)")
    url = make_url(engine.url.render_as_string(hide_password=False))
    env_url = url.set(drivername="postgresql").render_as_string(hide_password=False)
    result = subprocess.run(cmd + ["--dbname", env_url], capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()[:500]}")
    return Path(cmd[-1]) if tool == "pg_dump" else Path()
