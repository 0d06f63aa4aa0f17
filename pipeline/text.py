"""Text identity: the normalised form and hash every cache and dedupe step keys on."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, collapsed whitespace, stripped: two texts that differ only in spacing are the same text."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def text_hash(text: str) -> str:
    """SHA-256 hex digest of the normalised text (the cache key for lemmas and embeddings)."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def report_text(observation: str, client_voice: str = "", proposal: str = "") -> str:
    """The NLP text of a report: observation + client voice + proposal, blank parts left out."""
    return "\n".join(p.strip() for p in (observation, client_voice, proposal) if p and p.strip())
