"""Small-cell suppression for the published cube: primary (counts below ``min_cell``) and complementary.

Complementary suppression makes sure a hidden count cannot be worked out from the cells that stay visible:

1. every additive subtotal relation (parent = ``all`` on period, target group or phenomenon type, children = its
   concrete values) that hides one cell hides at least one more (the smallest visible child, else the parent);
2. on additive dimensions, hidden children whose known sum equals their number (all must be 1) get company;
3. an audit then bounds every hidden cell from all relations at once (interval propagation over the margin
   equations; along theme and area only ``child <= parent <= sum of children`` holds) and hides more cells next to
   any small cell whose value is pinned down, until nothing is; then the same for cells determined by the margin
   equations taken together (linear algebra over each connected group of hidden cells).

Not protected: that a combination exists at all. The contract publishes one row per combination present, so a
reader knows every row is at least 1; in very sparse cubes (monthly periods on a few hundred reports) that alone can
pin a hidden 1. Use a coarser period for publication when that matters.

All hidden cells are published the same way (``<N``), so a reader cannot tell primary from complementary cells and
use that to narrow the bounds.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from dataclasses import dataclass, field

from pipeline.export.cube import ADDITIVE, DIMENSIONS, Cell, relations
from pipeline.export.labels import ALL

log = logging.getLogger(__name__)

_ADDITIVE_IDX = frozenset(i for i, d in enumerate(DIMENSIONS) if d in ADDITIVE)
INF = math.inf


@dataclass
class Suppression:
    """The outcome: which cells are hidden and why."""

    min_cell: int
    suppressed: set[Cell] = field(default_factory=set)
    primary: set[Cell] = field(default_factory=set)
    audit_rounds: int = 0

    @property
    def complementary(self) -> set[Cell]:
        return self.suppressed - self.primary

    def rule(self) -> str:
        """The rule in words, for the manifest."""
        return (f"counts below {self.min_cell} are published as '<{self.min_cell}' with an empty share (primary); "
                "further cells are published the same way so that no hidden count can be derived from subtotals "
                "and totals (complementary: at least two hidden cells per subtotal relation, audited by interval "
                "bounds over all relations)")


def _rule_pass(cube: dict[Cell, int], rels: dict, supp: set[Cell]) -> bool:
    changed = False
    for (d, parent), children in rels.items():
        hidden = [c for c in children if c in supp]
        parent_hidden = parent in supp
        k = len(hidden) + parent_hidden
        if k == 0:
            continue
        if d not in _ADDITIVE_IDX:
            # along theme/area a subtotal is not a sum, so one hidden cell cannot be solved for; the audit
            # checks the bounds these relations do give
            continue
        need = k == 1
        if not need and not parent_hidden and sum(cube[c] for c in hidden) <= len(hidden):
            need = True  # hidden children that must all be 1
        if not need:
            continue
        visible = [c for c in children if c not in supp]
        if visible:
            supp.add(min(visible, key=lambda c: (cube[c], c)))
            changed = True
        elif not parent_hidden:
            supp.add(parent)
            changed = True
    return changed


def bounds(cube: dict[Cell, int], supp: set[Cell], rels: dict | None = None, max_iter: int = 200,
           present_floor: float = 0.0) -> dict[Cell, tuple[float, float]]:
    """What a reader can infer about each hidden cell from the published cells: ``cell -> (low, high)``.

    Arguments:
        cube: all true counts (only those of cells not in ``supp`` are used as known).
        supp: the hidden cells.
        rels: the cube's relations (computed when not given).
        present_floor: lowest value assumed for a hidden cell. 0 = the margin equations and inequalities alone;
            1 also uses the fact that a published row exists (which, with the contract's one row per combination
            present, pins many cells of 1 in sparse cubes; see the module notes).
    """
    rels = relations(cube) if rels is None else rels
    lo = {c: (present_floor if c in supp else float(v)) for c, v in cube.items()}
    hi = {c: (INF if c in supp else float(v)) for c, v in cube.items()}
    active = [(d, p, ch) for (d, p), ch in rels.items() if p in supp or any(c in supp for c in ch)]
    # Worklist propagation: a relation is revisited only when one of its cells' bounds moved. The narrowing
    # steps are monotone, so this reaches the same fixed point as sweeping every relation until nothing changes,
    # in a fraction of the visits (the audit calls this once per round on cubes of 10k+ cells).
    touching: dict[Cell, list[int]] = {}
    for j, (_d, p, ch) in enumerate(active):
        for c in (p, *ch):
            touching.setdefault(c, []).append(j)
    queue = deque(range(len(active)))
    queued = [True] * len(active)
    visits = max_iter * len(active)
    while queue and visits > 0:
        visits -= 1
        j = queue.popleft()
        queued[j] = False
        d, p, ch = active[j]
        moved: list[Cell] = []
        sum_lo = sum(lo[c] for c in ch)
        n_inf = sum(1 for c in ch if hi[c] == INF)
        sum_hi_fin = sum(hi[c] for c in ch if hi[c] != INF)
        sum_hi = INF if n_inf else sum_hi_fin
        additive = d in _ADDITIVE_IDX
        new_lo_p = max(lo[p], sum_lo if additive else max(lo[c] for c in ch))
        new_hi_p = min(hi[p], sum_hi)
        if new_lo_p != lo[p] or new_hi_p != hi[p]:
            lo[p], hi[p] = new_lo_p, new_hi_p
            moved.append(p)
        for c in ch:
            if c not in supp:
                continue
            others_hi = INF if (n_inf - (hi[c] == INF)) > 0 else sum_hi_fin - (hi[c] if hi[c] != INF else 0)
            new_lo = max(lo[c], lo[p] - others_hi)
            new_hi = min(hi[c], hi[p] - (sum_lo - lo[c])) if additive else min(hi[c], hi[p])
            if new_lo != lo[c] or new_hi != hi[c]:
                lo[c], hi[c] = new_lo, new_hi
                moved.append(c)
        for c in moved:
            for k in touching.get(c, ()):
                if not queued[k]:
                    queued[k] = True
                    queue.append(k)
    return {c: (lo[c], hi[c]) for c in supp}


def determined(cube: dict[Cell, int], supp: set[Cell], rels: dict | None = None) -> set[Cell]:
    """Hidden cells whose value follows exactly from the additive margin equations taken together (linear algebra:
    a hidden cell is determined when it is orthogonal to the null space of the equations over hidden cells)."""
    from threadpoolctl import threadpool_limits

    rels = relations(cube) if rels is None else rels
    hidden = sorted(supp)
    index = {c: i for i, c in enumerate(hidden)}
    # union-find over hidden cells linked by an equation, so each SVD stays small
    parent_of = list(range(len(hidden)))

    def find(i: int) -> int:
        while parent_of[i] != i:
            parent_of[i] = parent_of[parent_of[i]]
            i = parent_of[i]
        return i

    eqs = []
    for (d, p), ch in rels.items():
        if d not in _ADDITIVE_IDX:
            continue
        members = [index[c] for c in (p, *ch) if c in index]
        if not members:
            continue
        eqs.append((index.get(p), [index[c] for c in ch if c in index]))
        for m in members[1:]:
            parent_of[find(m)] = find(members[0])
    groups: dict[int, list] = {}
    for eq in eqs:
        first = eq[0] if eq[0] is not None else eq[1][0]
        groups.setdefault(find(first), []).append(eq)
    out: set[Cell] = set()
    # One BLAS thread: the systems are small (a few hundred unknowns at most), and threaded OpenBLAS on busy shared
    # cores made the SVDs of one 1k-report export take 8.6 s instead of 0.7 s (bench/pipeline.py, 2 CPUs).
    with threadpool_limits(1):
        _solve_groups(groups, hidden, out)
    return out


def _solve_groups(groups: dict[int, list], hidden: list[Cell], out: set[Cell]) -> None:
    """Add to ``out`` the hidden cells each group of equations determines (orthogonal to its null space)."""
    import numpy as np

    for eq_list in groups.values():
        cols = sorted({i for p, ch in eq_list for i in ([p] if p is not None else []) + ch})
        pos = {c: k for k, c in enumerate(cols)}
        a = np.zeros((len(eq_list), len(cols)))
        for r, (p, ch) in enumerate(eq_list):
            if p is not None:
                a[r, pos[p]] += 1.0
            for c in ch:
                a[r, pos[c]] -= 1.0
        _, sv, vt = np.linalg.svd(a, full_matrices=True)
        null = vt[int((sv > 1e-9).sum()):]
        for c, k in pos.items():
            if null.shape[0] == 0 or np.abs(null[:, k]).max() < 1e-9:
                out.add(hidden[c])


def _cost(cube: dict[Cell, int], cell: Cell) -> tuple:
    # hiding a detailed cell costs less than hiding a subtotal; among equals, the smaller count
    return (sum(1 for v in cell if v == ALL), cube[cell], cell)


def _hide_near(cell: Cell, cube: dict[Cell, int], rels: dict, member_of: dict, supp: set[Cell]) -> bool:
    """Hide the cheapest visible cell among the nearest relations around ``cell`` (breadth-first)."""
    seen, frontier = {cell}, [cell]
    while frontier:
        nxt, candidates = [], set()
        for c in frontier:
            for key in member_of.get(c, []):
                members = [*rels[key], key[1]]
                candidates.update(x for x in members if x not in supp)
                for x in members:
                    if x not in seen:
                        seen.add(x)
                        nxt.append(x)
        if candidates:
            supp.add(min(candidates, key=lambda x: _cost(cube, x)))
            return True
        frontier = nxt
    return False


def suppress(cube: dict[Cell, int], min_cell: int = 3, max_audit_rounds: int = 200) -> Suppression:
    """Choose the cells to hide in ``cube`` so that no count below ``min_cell`` is shown or derivable.

    Arguments:
        cube: ``{cell: reports}`` from :func:`pipeline.export.cube.build_cube`.
        min_cell: smallest count that may be published.
        max_audit_rounds: safety cap on audit rounds (each hides at least one more cell).
    """
    rels = relations(cube)
    primary = {c for c, v in cube.items() if v < min_cell}
    supp = set(primary)
    member_of: dict[Cell, list[tuple[int, Cell]]] = {}
    for key, children in rels.items():
        for c in (*children, key[1]):
            member_of.setdefault(c, []).append(key)
    rounds = 0
    while True:
        while _rule_pass(cube, rels, supp):
            pass
        if not supp:
            break
        b = bounds(cube, supp, rels)
        pinned = {c for c in primary if b[c][0] == b[c][1]}
        if not pinned:
            pinned = determined(cube, supp, rels) & primary
        if not pinned or rounds >= max_audit_rounds:
            if pinned:
                log.warning("suppression: %d small cells still derivable after %d rounds", len(pinned), rounds)
            break
        rounds += 1
        if not any([_hide_near(c, cube, rels, member_of, supp) for c in sorted(pinned)]):
            log.warning("suppression: %d small cells derivable with every cell around them hidden", len(pinned))
            break
    log.info("suppression: %d cells, %d primary, %d complementary, %d audit rounds",
             len(cube), len(primary), len(supp) - len(primary), rounds)
    return Suppression(min_cell=min_cell, suppressed=supp, primary=primary, audit_rounds=rounds)
