"""Model identity: a short, stable fingerprint of a model folder (part of every embedding cache key)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

STAMP_FILE = "signaali_build.json"


def folder_fingerprint(path: Path) -> str:
    """A short, stable hash of a model folder's weights and configuration (without reading all weights).

    Our own builds record the full weights SHA-256 in ``signaali_build.json``; for other folders we hash the
    small config files whole and each large file by size plus its first and last MiB.
    """
    try:
        stamp = json.loads((path / STAMP_FILE).read_text(encoding="utf-8"))
        if stamp.get("weights_sha256"):
            return stamp["weights_sha256"][:12]
    except (OSError, ValueError):
        pass
    h = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file() and p.name != "README.md"):
        rel = f.relative_to(path).as_posix()
        size = f.stat().st_size
        h.update(f"{rel}\0{size}\0".encode())
        with open(f, "rb") as fh:
            if size <= 1 << 21:
                h.update(fh.read())
            else:
                h.update(fh.read(1 << 20))
                fh.seek(-(1 << 20), 2)
                h.update(fh.read())
    return h.hexdigest()[:12]


# Builder versions of the int8 encoder whose build passed the quality gate bench/int8_gate.py (fp32 vs int8 on dev:
# cosine, theme micro-F1, signals; bench/results/int8_gate.json). `auto` uses only these: v1 passed its own cosine
# check but lost 0.013 zero-shot theme micro-F1 (gate 0.01).
GATED_INT8_BUILDERS = frozenset({"e5-small-onnx-int8.v2"})


def int8_folder_for(fp32_folder: Path) -> Path:
    """Where the int8 build of a fp32 folder lives: the sibling ``<name>-onnx-int8``."""
    return fp32_folder.parent / f"{fp32_folder.name}-onnx-int8"


def int8_ready(fp32_folder: Path) -> bool:
    """True when an int8 build of ``fp32_folder`` exists and passed its own check when it was built."""
    try:
        stamp = json.loads((int8_folder_for(fp32_folder) / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool((stamp.get("check") or {}).get("ok"))
