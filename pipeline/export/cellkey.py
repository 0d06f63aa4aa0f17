"""The cell-key method (``SIGNAALI_DISCLOSURE=cell-key``): every cell is published with bounded noise instead of
hiding cells (the ABS / Destatis method, as in CRAN ``cellKey`` and ``ptable``).

Each report gets a *record key*, a number in [0, 1) from a keyed hash of its id (fixed key, so a report keeps its
key across exports). A cell's key is the sum of its reports' keys modulo 1, so the same set of reports always gives
the same cell key, and the same cell key always draws the same noise: re-running an export, or publishing the same
cell in two tables, shows the same number, and averaging repeated releases does not cancel the noise.

The perturbation table (fixed, defined below) gives, for each original count, the distribution of the noise:
- counts 1..N-1 become 0 or N (never a count in 1..N-1), with probabilities that keep the mean (v/N of becoming N);
- larger counts move by at most ``max_noise`` (±2 by default) with a symmetric, decreasing distribution whose
  variance is ``variance``; near N the negative side is cut so that no count is pushed below N.
Sums are not kept (a margin is perturbed on its own), the price of publishing every cell.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

from pipeline.export.cube import Cell, report_values, table_cells_of
from pipeline.export.records import CountedReport
from pipeline.export.suppression import Protection

# The fixed key of the record-key hash. Changing it changes every published number: keep it with the vocabulary.
RECORD_KEY_SALT = b"signaali-cell-key-v1"
MAX_NOISE = 2
VARIANCE = 1.0


def record_key(report_id: str) -> float:
    """A report's key in [0, 1): the first 8 bytes of a keyed BLAKE2b hash of its id."""
    h = hashlib.blake2b(report_id.encode("utf-8"), key=RECORD_KEY_SALT, digest_size=8).digest()
    return int.from_bytes(h, "big") / 2 ** 64


@lru_cache(maxsize=64)
def ptable_row(value: int, min_cell: int, max_noise: int = MAX_NOISE,
               variance: float = VARIANCE) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """The perturbation table's row for ``value``: (possible noises, their probabilities)."""
    if value <= 0:
        return (0,), (1.0,)
    if value < min_cell:
        p_up = value / min_cell
        return (-value, min_cell - value), (1 - p_up, p_up)
    noises = np.arange(-max_noise, max_noise + 1)
    weights = np.exp(-noises ** 2 / (2 * variance))
    keep = value + noises >= min_cell
    noises, weights = noises[keep], weights[keep]
    return tuple(int(x) for x in noises), tuple(float(w) for w in weights / weights.sum())


def noise(value: int, cell_key: float, min_cell: int) -> int:
    """The noise a cell of ``value`` with ``cell_key`` gets (a lookup in the cumulative ptable row)."""
    noises, probs = ptable_row(int(value), int(min_cell))
    k = int(np.searchsorted(np.cumsum(probs), cell_key, side="right"))
    return noises[min(k, len(noises) - 1)]


def perturb(records: Iterable[CountedReport], tables: Sequence[Sequence[int]], cells: dict[Cell, int], min_cell: int,
            period: str, date_from: date | None = None, date_to: date | None = None) -> Protection:
    """Published (noisy) counts of ``cells``; no cell hidden. Returns a :class:`Protection` with ``noisy`` set."""
    keys: dict[Cell, float] = {}
    for rec in records:
        rk = record_key(rec.report_id)
        values = report_values(rec, period, date_from, date_to)
        mine: set[Cell] = set()
        for dims in tables:
            mine |= table_cells_of(values, dims)
        for c in mine:
            keys[c] = (keys.get(c, 0.0) + rk) % 1.0
    noisy = {c: int(v + noise(v, keys.get(c, 0.0), min_cell)) for c, v in cells.items()}
    return Protection(min_cell=min_cell, method="cell-key", noisy=noisy,
                      audit={"cells_checked": len(cells), "pinned": 0,
                             "published_below_min": sum(1 for v in noisy.values() if 0 < v < min_cell)},
                      stats={"max_noise": MAX_NOISE, "variance": VARIANCE})
