"""What a writer reports for the manifest, and the manifest file itself."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


def file_info(path: Path, **info: Any) -> dict[str, dict[str, Any]]:
    """``{name: {**info, "sha256": ...}}`` for the manifest."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {path.name: {**info, "sha256": digest}}


def write_manifest(manifest: dict, folder: Path) -> Path:
    path = folder / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
