"""A long-running local Prefect server, so that frequent ``signaali run`` calls pay no API start-up.

Without a server, every ``signaali run`` starts Prefect's ephemeral API (a uvicorn subprocess with database
migrations; 12–15 s on two cores, `bench/prefect_overhead.py`). ``signaali server start`` starts
``prefect server start`` once, detached, bound to 127.0.0.1, and records it in ``<data_dir>/prefect-server.json``;
``signaali run``/``retrain`` then use it (`use_running_server`) unless ``PREFECT_API_URL`` is already set. A stale
record (the server died) is removed and the run falls back to the ephemeral API with a one-line notice.

This module starts the Prefect CLI as a subprocess and talks HTTP to it; it does not import Prefect, so it can be
used before Prefect reads its settings (``PREFECT_API_URL`` must be set before ``import prefect``).
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.processes import process_alive
from pipeline.settings import apply_offline_env, get_settings

log = logging.getLogger(__name__)
DEFAULT_PORT = 4200
START_TIMEOUT_S = 120.0


class ServerError(RuntimeError):
    """The local Prefect server could not be started or stopped."""


@dataclass(frozen=True)
class ServerRecord:
    """What ``signaali server start`` wrote: the process, its API URL, its log and when it started."""

    pid: int
    api_url: str
    log_file: str
    started: float


def record_path(data_dir: Path | None = None) -> Path:
    """``<data_dir>/prefect-server.json`` (one server per Signaali home; ``data_dir`` defaults to the settings')."""
    return Path(data_dir or get_settings().data_dir) / "prefect-server.json"


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """True when ``GET <api_url>/health`` answers 200."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:  # noqa: S310
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def read_record(data_dir: Path | None = None) -> ServerRecord | None:
    """The recorded server, or None when there is no record or it cannot be parsed."""
    path = record_path(data_dir)
    try:
        return ServerRecord(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def status(data_dir: Path | None = None) -> tuple[ServerRecord | None, bool]:
    """(record, answering): the recorded server and whether its API answers now."""
    record = read_record(data_dir)
    if record is None:
        return None, False
    return record, process_alive(record.pid) and healthy(record.api_url)


def start(port: int = DEFAULT_PORT, timeout: float = START_TIMEOUT_S, data_dir: Path | None = None) -> ServerRecord:
    """Start ``prefect server start`` detached on 127.0.0.1:``port`` and wait until its API answers.

    Returns the running server's record; an already running recorded server is returned as it is. Raises
    `ServerError` when the port is taken by something else or the server does not answer within ``timeout``.
    """
    record, answering = status(data_dir)
    if record is not None and answering:
        return record
    api_url = f"http://127.0.0.1:{port}/api"
    if healthy(api_url):
        raise ServerError(f"port {port} already serves a Prefect API that Signaali did not start; "
                          f"use it with PREFECT_API_URL={api_url} or choose --port")
    apply_offline_env()
    path = record_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    log_file = path.with_suffix(".log")
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)  # the server itself must not point at another API
    with open(log_file, "ab") as out:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and Prefect's CLI
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"prefect server exited with {process.returncode} at start-up; see {log_file}")
        if healthy(api_url):
            new = ServerRecord(pid=process.pid, api_url=api_url, log_file=str(log_file), started=time.time())
            path.write_text(json.dumps(asdict(new)), encoding="utf-8")
            return new
        time.sleep(0.5)
    _terminate(process.pid)
    raise ServerError(f"prefect server did not answer at {api_url} within {timeout:.0f} s; see {log_file}")


def _terminate(pid: int, grace: float = 15.0) -> None:
    """SIGTERM the server's process group, SIGKILL after ``grace`` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, PermissionError):
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            if not process_alive(pid):
                return
            try:  # reap it when it is our own child (tests start and stop in one process)
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
            time.sleep(0.2)


def stop(data_dir: Path | None = None) -> ServerRecord | None:
    """Stop the recorded server (its whole process group) and remove the record; None when none was recorded."""
    record = read_record(data_dir)
    if record is None:
        return None
    if process_alive(record.pid):
        _terminate(record.pid)
    record_path(data_dir).unlink(missing_ok=True)
    return record


def use_running_server(data_dir: Path | None = None) -> str | None:
    """Point Prefect at the recorded server when it answers; returns the URL used, or None (ephemeral API).

    Call before anything imports Prefect. A ``PREFECT_API_URL`` set by the user wins; a stale record is removed.
    """
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    record, answering = status(data_dir)
    if record is None:
        return None
    if not answering:
        log.warning("the recorded Prefect server (pid %s, %s) does not answer; using a temporary API for this run",
                    record.pid, record.api_url)
        record_path(data_dir).unlink(missing_ok=True)
        return None
    os.environ["PREFECT_API_URL"] = record.api_url
    return record.api_url
