"""Files a run keeps for the next one (decoded dictionaries, vocabulary vectors, export witnesses): written whole
or not at all, and a failure to write only costs the next run time."""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def keep_bytes(path: Path, data: bytes, what: str) -> bool:
    """Write ``data`` to ``path`` atomically (a temporary file beside it, renamed into place, so a concurrent reader
    sees the whole file or none); on an OS error log a warning naming ``what`` and the path, and return False."""
    path = Path(path)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not keep %s in %s: %s", what, path, exc)
        return False
    return True
