"""Writers that wait instead of failing, one nightly run per store, and runs left ``running`` by a dead process.

- `write_with_retry(engine, fn)` runs ``fn(conn)`` in a transaction and retries it with exponential back-off when
  the store is busy (SQLite "database is locked", PostgreSQL serialization failure or deadlock): a reviewer's
  decision made during a long ingest waits its turn and is never dropped.
- `RunLock` is a row in ``run_locks`` naming the host and process that holds it, refreshed by a heartbeat; a second
  ``signaali run`` on the same store waits for it (``wait_s``) or fails with `RunLockedError`. A lock whose holder
  is dead (same host: no such process; other host: no heartbeat for ``stale_s``) is taken over.
- `mark_crashed_runs(engine)` marks ``running`` run records of dead processes ``crashed`` (called at the next start).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import socket
import threading
import time
from typing import Any, Callable, TypeVar

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from pipeline.errors import SignaaliError
from pipeline.processes import process_alive
from pipeline.store.schema import run_locks, runs

log = logging.getLogger(__name__)
T = TypeVar("T")
_BUSY_MARKERS = ("database is locked", "database is busy", "could not serialize", "deadlock detected",
                 "lock timeout", "sqlite_busy")


class RunLockedError(SignaaliError):
    """Another run holds this store's run lock (exit code 1: try again when it has finished)."""


class StoreBusyError(SignaaliError):
    """The store stayed busy through every retry of a write."""


def is_busy(exc: BaseException) -> bool:
    """True when a database error means "busy, try again" rather than a real failure."""
    if not isinstance(exc, (OperationalError, DBAPIError)):
        return False
    text = str(getattr(exc, "orig", exc)).lower()
    code = getattr(getattr(exc, "orig", None), "pgcode", None)
    return any(m in text for m in _BUSY_MARKERS) or code in ("40001", "40P01", "55P03")


def write_with_retry(engine: Engine, fn: Callable[[Connection], T], *, attempts: int = 12, first_delay: float = 0.2,
                     max_delay: float = 10.0, what: str = "write") -> T:
    """Run ``fn(conn)`` in one transaction; on a busy store roll back, wait (doubling, with jitter) and run it again.

    Arguments:
        engine: the store.
        fn: the whole write, re-run from the start on a retry (it must not have side effects outside the store).
        attempts: tries before giving up (the default waits up to about a minute and a half beyond busy_timeout).
        what: named in the log and in the error.

    Raises:
        StoreBusyError: still busy after every attempt (nothing of ``fn`` was committed).
    """
    delay = first_delay
    for attempt in range(1, attempts + 1):
        try:
            with engine.begin() as conn:
                return fn(conn)
        except (OperationalError, DBAPIError) as exc:
            if not is_busy(exc):
                raise
            if attempt == attempts:
                raise StoreBusyError(f"{what}: the store stayed busy through {attempts} attempts; nothing was "
                                     "written, run it again") from exc
            log.warning("%s: store busy (%s), retry %d/%d in %.1fs", what, str(exc.orig)[:80], attempt,
                        attempts - 1, delay)
            time.sleep(delay * (0.75 + random.random() / 2))
            delay = min(max_delay, delay * 2)
    raise AssertionError("unreachable")  # pragma: no cover


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def this_holder() -> str:
    """``host:pid`` of this process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def holder_alive(holder: str, heartbeat_at: Any, stale_s: float) -> bool:
    """Is the process named by ``holder`` still there? Same host: ask the OS; other hosts: trust a fresh heartbeat."""
    host, _, pid = holder.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        return process_alive(int(pid)) and _process_is_not_zombie(int(pid))
    return (_now() - _aware(heartbeat_at)).total_seconds() < stale_s


def _process_is_not_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


class RunLock:
    """The store's run lock for one flow (``name``), held from `acquire` to `release`, with a heartbeat thread.

    Arguments (stored only, sklearn-style):
        name: what is locked, e.g. ``nightly``.
        wait_s: how long a second run waits for the lock before giving up (0 = fail at once).
        heartbeat_s: how often the holder refreshes ``heartbeat_at``.
        stale_s: a holder on another host without a heartbeat for this long is taken to be dead.
    """

    def __init__(self, name: str = "nightly", wait_s: float = 0.0, heartbeat_s: float = 30.0,
                 stale_s: float = 300.0) -> None:
        self.name = name
        self.wait_s = wait_s
        self.heartbeat_s = heartbeat_s
        self.stale_s = stale_s

    def acquire(self, engine: Engine, run_id: str | None = None) -> "RunLock":
        """Take the lock (waiting up to ``wait_s``); returns self.

        Raises:
            RunLockedError: a live process holds it; the message names it and its run.
        """
        self.engine_ = engine
        self.holder_ = this_holder()
        deadline = time.monotonic() + self.wait_s
        while True:
            held = self._try(engine, run_id)
            if held is None:
                break
            if time.monotonic() >= deadline:
                since = _aware(held["acquired_at"]).strftime("%Y-%m-%d %H:%M:%S UTC")
                raise RunLockedError(
                    f"another signaali run is using this store: run {held['run_id'] or '?'} of process "
                    f"{held['holder']}, started {since}; wait for it to finish (or pass --wait SECONDS)")
            time.sleep(min(2.0, max(0.1, deadline - time.monotonic())))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"run-lock-{self.name}", daemon=True)
        self._thread.start()
        return self

    def _try(self, engine: Engine, run_id: str | None) -> dict | None:
        """None when we now hold the lock, else the holder's row."""
        now = _now()
        try:
            with engine.begin() as conn:
                conn.execute(run_locks.insert().values(name=self.name, run_id=run_id, holder=self.holder_,
                                                       acquired_at=now, heartbeat_at=now))
            return None
        except IntegrityError:
            pass
        with engine.begin() as conn:
            row = conn.execute(sa.select(run_locks).where(run_locks.c.name == self.name)).first()
            if row is None:
                return {"run_id": None, "holder": "?", "acquired_at": now}  # released meanwhile: try again
            if holder_alive(row.holder, row.heartbeat_at, self.stale_s):
                return dict(row._mapping)
            taken = conn.execute(run_locks.update().where(run_locks.c.name == self.name,
                                                          run_locks.c.holder == row.holder)
                                 .values(run_id=run_id, holder=self.holder_, acquired_at=now, heartbeat_at=now))
            if taken.rowcount == 1:
                log.warning("run lock '%s' of dead process %s (run %s) taken over", self.name, row.holder, row.run_id)
                return None
            return dict(row._mapping)

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat_s):
            try:
                with self.engine_.begin() as conn:
                    conn.execute(run_locks.update().where(run_locks.c.name == self.name,
                                                          run_locks.c.holder == self.holder_)
                                 .values(heartbeat_at=_now()))
            except Exception:  # noqa: BLE001 - a missed heartbeat is harmless; the next one retries
                log.debug("run lock heartbeat failed", exc_info=True)

    def release(self) -> None:
        """Give the lock back (only if this process still holds it)."""
        if getattr(self, "_stop", None) is not None:
            self._stop.set()
        write_with_retry(self.engine_, lambda conn: conn.execute(run_locks.delete().where(
            run_locks.c.name == self.name, run_locks.c.holder == self.holder_)), what="release run lock")

    def __enter__(self) -> "RunLock":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def mark_crashed_runs(engine: Engine, flow: str | None = None, stale_s: float = 300.0) -> list[str]:
    """Mark ``running`` run records whose process is gone as ``crashed``; returns their run ids.

    A run is alive while a live process holds a run lock naming it; a ``running`` record with no such lock was
    left by a process that died (kill -9, power cut) before it could write ``failed``.
    """
    with engine.connect() as conn:
        q = sa.select(runs.c.run_id, runs.c.record).where(runs.c.status == "running")
        if flow:
            q = q.where(runs.c.flow == flow)
        running = list(conn.execute(q))
        locks = {r.run_id: r for r in conn.execute(sa.select(run_locks))}
    crashed = []
    for run_id, record in running:
        lock = locks.get(run_id)
        if lock is not None and holder_alive(lock.holder, lock.heartbeat_at, stale_s):
            continue
        crashed.append(run_id)
    if crashed:
        def mark(conn: Connection) -> None:
            for run_id in crashed:
                conn.execute(runs.update().where(runs.c.run_id == run_id, runs.c.status == "running").values(
                    status="crashed", finished_at=_now()))
        write_with_retry(engine, mark, what="mark crashed runs")
        log.warning("run(s) left running by a dead process marked crashed: %s", ", ".join(crashed))
    return crashed


def begin_exclusive_run(engine: Engine, run_id: str, flow: str = "nightly", wait_s: float | None = None) -> RunLock:
    """At the start of a run: take the store's run lock, then mark runs left ``running`` by dead processes
    ``crashed``. Returns the held lock (call ``release()`` when the run ends).

    Raises:
        RunLockedError: another live run holds the store (after waiting ``wait_s``, default
            ``SIGNAALI_RUN_LOCK_WAIT_S``).
    """
    if wait_s is None:
        from pipeline.settings import get_settings

        wait_s = get_settings().run_lock_wait_s
    lock = RunLock(flow, wait_s=wait_s).acquire(engine, run_id)
    try:
        mark_crashed_runs(engine, flow)
    except Exception:
        lock.release()
        raise
    return lock
