"""Whether a local process is still there (run locks, export staging folders, the local Prefect server record)."""

from __future__ import annotations

import os


def process_alive(pid: int) -> bool:
    """True when a process with this id exists on this machine (one we may not signal counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
