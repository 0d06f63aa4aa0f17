"""Near-duplicates and edited resubmissions: which stored report is an earlier version of a new one.

Two rules, both sub-quadratic (each new report is compared with a bounded number of stored ones):

1. **Near-duplicate** (any metadata, a correction may change the unit): token-set Jaccard ≥
   ``near_duplicate_threshold`` (0.85) within the window; candidates come from MinHash LSH over word sets
   (16 bands × 4 rows, keys in ``near_duplicate_keys``).
2. **Resubmission** (the same report sent again days later, reworded, a sentence added, a "(Korjattu versio …)"
   note): candidates share area, target group, unit and phenomenon type (the *block*) and were submitted within
   ``window_days``; they are compared on character 5-gram shingles (Jaccard and containment, which survives an added
   sentence). Strong evidence links automatically; weaker evidence is listed for a reviewer.

Buckets are capped (``BUCKET_CAP`` members): 20,000 near-identical texts share every bucket, and without a cap each
new one would be compared with all earlier ones (the quadratic step measured at 8 / 35 / 125 s for 1k / 2k / 4k).
A block with more than ``BLOCK_SCAN_MAX`` reports in the window falls back to block-scoped LSH keys.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import numpy as np

N_PERM = 64
BANDS = 16  # 16 bands x 4 rows: candidates from about Jaccard 0.5 up
ROWS = N_PERM // BANDS
CHAR_BANDS = 32  # 32 bands x 2 rows over character shingles: J 0.3 is a candidate with p ≈ 0.95
CHAR_ROWS = 2
SHINGLE = 5
BUCKET_CAP = 20
BLOCK_SCAN_MAX = 200
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20241128)
_A = _rng.integers(1, _PRIME, size=N_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=N_PERM, dtype=np.uint64)
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> set[str]:
    """Lower-cased word tokens of a text (digits kept: '2-3' vs 'kahden' is an edit, not noise)."""
    return set(_TOKEN.findall(text.lower()))


def jaccard(a: set, b: set) -> float:
    """Set Jaccard similarity (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def containment(a: set, b: set) -> float:
    """Share of the smaller set found in the larger one (an added sentence or note leaves it near 1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def shingle_text(text: str) -> str:
    """Lower case, letters and digits only, one space between words: what the shingles are taken from."""
    text = unicodedata.normalize("NFC", text).lower()
    return " ".join(_TOKEN.findall(text))


@lru_cache(maxsize=50_000)
def shingles(text: str) -> frozenset[int]:
    """Hashed character 5-grams of the normalised text."""
    s = shingle_text(text)
    if len(s) < SHINGLE:
        return frozenset({_hash(s)}) if s else frozenset()
    return frozenset(_hash(s[i:i + SHINGLE]) for i in range(len(s) - SHINGLE + 1))


@lru_cache(maxsize=400_000)
def _hash(tok: str) -> int:
    return int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=7).digest(), "little")


def _signature(hashes: np.ndarray) -> np.ndarray:
    # (a*h + b) mod p with 56-bit hashes would overflow uint64; fold with xor-multiply instead, same spirit.
    mixed = (hashes[:, None] * _A[None, :] + _B[None, :]) ^ (hashes[:, None] >> np.uint64(17))
    return mixed.min(axis=0)


def band_keys(toks: set[str]) -> list[str]:
    """LSH band keys of a token set: two sets with Jaccard ≥ ~0.6 share a key with probability > 0.9."""
    if not toks:
        return []
    sig = _signature(np.fromiter((_hash(t) for t in toks), dtype=np.uint64, count=len(toks)))
    return [f"{b:02d}" + hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=12).hexdigest()
            for b in range(BANDS)]


def block_band_keys(block: str, shingle_set: Iterable[int]) -> list[str]:
    """LSH keys over character shingles, scoped to a metadata block (used when a block is too big to scan)."""
    arr = np.fromiter(shingle_set, dtype=np.uint64)
    if not arr.size:
        return []
    sig = _signature(arr)
    return ["c" + hashlib.blake2b(block.encode() + bytes([b]) + sig[b * CHAR_ROWS:(b + 1) * CHAR_ROWS].tobytes(),
                                  digest_size=13).hexdigest()
            for b in range(CHAR_BANDS)]


def block_key(area: Iterable[str], target_group: str, unit: str, phenomenon_type: str) -> str:
    """Hash of the metadata a resubmission keeps: area (as a set), target group, unit, phenomenon type."""
    parts = ["|".join(sorted(a.strip().lower() for a in area)), target_group.strip().lower(),
             unit.strip().lower(), phenomenon_type.strip().lower()]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Verdict:
    """How a pair was judged: ``link`` (strong), ``candidate`` (for a reviewer) or ``distinct``, with the evidence."""

    decision: str
    score: float
    evidence: dict


@dataclass
class ResubmissionRule:
    """Thresholds of the resubmission rule (tuned on own/dev pairs, bench/dedupe.py).

    Arguments (stored only):
        window_days: a resubmission arrives within this many days of the earlier version.
        link_jaccard: character-shingle Jaccard at or above which a same-block pair is linked automatically.
        link_containment: containment at or above which it is linked too (an added sentence or note).
        review_jaccard / review_containment: at or above these (and below the link ones) the pair is listed for a
            reviewer.
        near_duplicate: token Jaccard at or above which any two reports are near-duplicates (metadata may differ).
    """

    window_days: int = 30
    link_jaccard: float = 0.45
    link_containment: float = 0.70
    review_jaccard: float = 0.30
    review_containment: float = 0.55
    near_duplicate: float = 0.85

    def judge(self, text_a: str, text_b: str, same_block: bool, days_apart: int) -> Verdict:
        """Judge two report texts (pseudonymised NLP text) given whether they share a block and their date gap."""
        tj = jaccard(tokens(text_a), tokens(text_b))
        if abs(days_apart) > self.window_days:  # the same words months later: the situation persists
            return Verdict("distinct", tj, {"token_jaccard": round(tj, 3)})
        if tj >= self.near_duplicate:
            return Verdict("link", tj, {"rule": "near_duplicate", "token_jaccard": round(tj, 3),
                                        "days_apart": abs(days_apart)})
        if not same_block:
            return Verdict("distinct", tj, {"token_jaccard": round(tj, 3)})
        sa, sb = shingles(text_a), shingles(text_b)
        cj, cc = jaccard(sa, sb), containment(sa, sb)
        evidence = {"rule": "resubmission", "char_jaccard": round(cj, 3), "char_containment": round(cc, 3),
                    "token_jaccard": round(tj, 3), "days_apart": abs(days_apart)}
        score = max(cj, cc * self.link_jaccard / self.link_containment)
        if cj >= self.link_jaccard or cc >= self.link_containment:
            return Verdict("link", score, evidence)
        if cj >= self.review_jaccard or cc >= self.review_containment:
            return Verdict("candidate", score, evidence)
        return Verdict("distinct", score, evidence)
