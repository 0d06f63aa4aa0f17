"""Near-duplicate detection: MinHash over word sets with LSH bands, verified by exact token Jaccard.

A resubmitted report with small edits (a word added, commas moved) keeps a token Jaccard around 0.85–0.98,
while distinct reports stay below 0.3. Band keys are stored (``near_duplicate_keys``), so checking a new report
costs one indexed lookup, not a scan of the store.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

N_PERM = 64
BANDS = 16  # 16 bands x 4 rows: candidates from about Jaccard 0.5 up
ROWS = N_PERM // BANDS
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20241128)
_A = _rng.integers(1, _PRIME, size=N_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=N_PERM, dtype=np.uint64)
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> set[str]:
    """Lower-cased word tokens of a text (digits kept: '2-3' vs 'kahden' is an edit, not noise)."""
    return set(_TOKEN.findall(text.lower()))


def jaccard(a: set[str], b: set[str]) -> float:
    """Token-set Jaccard similarity (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@lru_cache(maxsize=200_000)
def _token_hash(tok: str) -> int:
    return int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=7).digest(), "little")


def band_keys(toks: set[str]) -> list[str]:
    """LSH band keys of a token set: two sets with Jaccard ≥ ~0.6 share a key with probability > 0.9."""
    if not toks:
        return []
    h = np.fromiter((_token_hash(t) for t in toks), dtype=np.uint64, count=len(toks))
    # (a*h + b) mod p with 56-bit hashes would overflow uint64; fold with xor-multiply instead, same spirit.
    mixed = (h[:, None] * _A[None, :] + _B[None, :]) ^ (h[:, None] >> np.uint64(17))
    sig = mixed.min(axis=0)
    keys = []
    for b in range(BANDS):
        band = sig[b * ROWS:(b + 1) * ROWS].tobytes()
        keys.append(f"{b:02d}" + hashlib.blake2b(band, digest_size=12).hexdigest())
    return keys
