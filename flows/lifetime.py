"""The temporary Prefect server dies with the process that started it.

Prefect's ephemeral API runs as a ``uvicorn`` subprocess (``SubprocessASGIServer``); after a kill -9 of
``signaali run`` it kept running on its own (~230 MB each time). On Linux the child is started with
``PR_SET_PDEATHSIG`` = SIGTERM, so the kernel stops it when its parent goes, however the parent ends.
"""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def tie_ephemeral_server_to_parent() -> bool:
    """Patch Prefect's subprocess server start so the server gets PDEATHSIG; returns False where not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        from prefect.server.api import server as prefect_server
    except ImportError:
        return False
    cls = getattr(prefect_server, "SubprocessASGIServer", None)
    if cls is None or getattr(cls, "_signaali_tied", False):
        return cls is not None
    original = cls._run_uvicorn_command

    def _run_uvicorn_command(self):  # noqa: ANN001, ANN202 - Prefect's own signature
        real_popen = prefect_server.subprocess.Popen

        def popen(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            kwargs.setdefault("preexec_fn", _die_with_parent)
            return real_popen(*args, **kwargs)

        prefect_server.subprocess = _SubprocessProxy(popen)
        try:
            return original(self)
        finally:
            prefect_server.subprocess = subprocess

    cls._run_uvicorn_command = _run_uvicorn_command
    cls._signaali_tied = True
    return True


class _SubprocessProxy:
    """``subprocess`` with ``Popen`` replaced (only inside Prefect's server start)."""

    def __init__(self, popen) -> None:  # noqa: ANN001
        self.Popen = popen

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(subprocess, name)
