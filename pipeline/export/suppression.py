"""Disclosure control for the published tables: primary suppression below ``min_cell``, then secondary suppression
chosen jointly over every published table and period, with an audit that proves no hidden cell can be derived.

Method (why this one). τ-Argus and sdcTable protect linked tables either with fast heuristics that work one
sub-table at a time (HITAS/"Modular", hypercube/GHMITER) and then iterate over the links, or with the optimal
Fischetti–Salazar model: for every sensitive cell an *alternative table* ``x + y`` that agrees with every published
number and moves the cell must exist, and cells that move must be hidden; minimise the cost of the hidden cells.
Hypercube and HITAS assume that every relation is an equality (a margin is the sum of its cells). Ours are not: a
report counts once in each of its themes and areas, so along those two dimensions only
``child <= parent <= sum(children)`` holds. The alternative-table formulation handles that directly (the relations
are just linear constraints), and at our sizes (hundreds to a few thousand published cells) it is cheap. So:

1. *Primary*: every published cell below ``min_cell`` is hidden and flagged ``<N``.
2. *Secondary*, one sensitive cell at a time (the "sequential" variant of Fischetti–Salazar that τ-Argus calls
   Optimal when run per cell): first look for an alternative table that only moves cells already hidden (a cheap
   feasibility MILP); if there is none, solve the small MILP that hides the cheapest set of visible cells making
   one possible (cost = 1 per cell plus a small share of its count, so it hides few cells and, among equals, small
   ones). The search starts in the cell's neighbourhood (cells that share a relation with it, two steps out) and
   widens to everything only when that fails. Cells hidden earlier cost nothing later, so the pattern is shared by
   all tables and periods at once (this is the "linked tables" problem done jointly, not table by table).
3. *Audit*: every hidden cell, primary or secondary, must have a *witness* — an alternative whole-number table that
   satisfies every relation a reader knows and every published number and marker, and gives the cell a different
   value. A witness found in step 2 stays valid when more cells are hidden (hiding only removes constraints), and
   the audit re-checks each witness against the final pattern. A hidden cell without one is pinned; then it is
   protected in turn (step 2) until none is.

What a reader is assumed to know (the model of every MILP here): the published counts; sums over period, target
group and phenomenon type; ``child <= parent <= sum(children)`` over theme and area; whole numbers; a row that is
present counts at least 1 and an absent row 0; ``<N`` means 1..N-1; ``..`` states no bound (at least 1, present).
Stating ``<N`` can itself give a cell away (a theme of 4 reports over four periods whose two area cells both read
``<3``: each period cell must be 1). Then the MILP may *downgrade* such a primary cell's marker to ``..`` (cheaper
than hiding another cell); the marker never states a false bound, it just states less.

``exact_minimum`` solves the joint model for all sensitive cells at once (one alternative table per sensitive cell,
shared hiding variables): the exact minimum number of hidden cells, used by ``bench/disclosure.py`` on small instances
to measure how far the sequential method is from optimal.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from pipeline.export.cube import ADDITIVE_IDX, Cell
from pipeline.export.labels import ALL

log = logging.getLogger(__name__)

# Above this many alternative-table variables (sensitive cells x published cells) the joint MILP is skipped.
EXACT_MAX_VARIABLES = 40_000


@dataclass
class Protection:
    """The outcome of disclosure control over the published cells.

    Attributes:
        min_cell: smallest count published.
        hidden: cells whose count is not published.
        primary: hidden cells below ``min_cell`` (flag ``<N``); the rest of ``hidden`` is secondary (flag ``..``).
        downgraded: primary cells flagged ``..`` instead of ``<N``, where stating their bound would pin them.
        method: ``suppression`` (this module) or ``cell-key`` (noise instead of hiding; ``hidden`` empty).
        audit: ``{"cells_checked", "witnesses", "pinned"}`` from the final audit.
        stats: solver counts and timings.
        witnesses: the audited alternative tables (``{cell: change}`` each) that prove the hidden cells safe; the
            next export passes them back as ``previous_witnesses`` so unchanged parts are not solved again.
            Private: a change bounds a hidden count, so they are kept beside the store, never published.
        noisy: published values when ``method == "cell-key"`` (``cell -> published count``).
    """

    min_cell: int
    hidden: set[Cell] = field(default_factory=set)
    primary: set[Cell] = field(default_factory=set)
    downgraded: set[Cell] = field(default_factory=set)
    method: str = "suppression"
    audit: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict)
    noisy: dict[Cell, int] = field(default_factory=dict)
    witnesses: list[dict[Cell, int]] = field(default_factory=list)

    @property
    def secondary(self) -> set[Cell]:
        return self.hidden - self.primary

    def flag(self, cell: Cell) -> str:
        """``<N`` for a primary cell, ``..`` for a secondary cell, empty for a published one."""
        if cell in self.primary and cell not in self.downgraded:
            return f"<{self.min_cell}"
        if cell in self.hidden:
            return ".."
        return ""

    def value(self, cells: dict[Cell, int], cell: Cell) -> int | None:
        """The published count of ``cell`` (``None`` when hidden, 0 when the combination is absent)."""
        if cell in self.hidden:
            return None
        if self.method == "cell-key" and cell in self.noisy:
            return self.noisy[cell]
        return cells.get(cell, 0)

    def rule(self) -> str:
        if self.method == "cell-key":
            return (f"cell-key method: every count is published with bounded noise from a fixed perturbation table "
                    f"(same cell, same noise); no published count is in 1..{self.min_cell - 1}")
        return (f"counts below {self.min_cell} are hidden and flagged '<{self.min_cell}' (primary); further cells are "
                "hidden and flagged '..' so that no hidden count can be derived from all published tables together "
                "(secondary, chosen jointly by integer programming over every table and period, each hidden cell "
                "audited by an alternative table that agrees with everything published)")


# --- the reader's model ----------------------------------------------------------------------------------------


def relations(cells: dict[Cell, int] | set[Cell]) -> list[tuple[int, Cell, list[Cell]]]:
    """Every subtotal relation among ``cells``: ``(dimension index, parent, children)``.

    The parent has ``all`` on that dimension; the children are the published cells that differ from it only there
    (a published table holds every present value of its dimensions, so the list is complete; absent means 0).
    """
    out: dict[tuple[int, Cell], list[Cell]] = defaultdict(list)
    for cell in cells:
        for d, value in enumerate(cell):
            if value != ALL:
                parent = cell[:d] + (ALL,) + cell[d + 1:]
                if parent in cells:
                    out[(d, parent)].append(cell)
    return [(d, p, sorted(ch)) for (d, p), ch in sorted(out.items())]


@dataclass
class _Model:
    """Cells, counts and relations as arrays, built once per protection run."""

    cells: list[Cell]
    x: np.ndarray
    rels: list[tuple[int, int, list[int]]]
    touching: list[list[int]]

    @classmethod
    def build(cls, values: dict[Cell, int]) -> "_Model":
        cells = sorted(values)
        index = {c: i for i, c in enumerate(cells)}
        rels = [(d, index[p], [index[c] for c in ch]) for d, p, ch in relations(values)]
        touching: list[list[int]] = [[] for _ in cells]
        for k, (_d, p, ch) in enumerate(rels):
            for i in (p, *ch):
                touching[i].append(k)
        return cls(cells, np.array([values[c] for c in cells], dtype=float), rels, touching)

    def neighbourhood(self, i: int, steps: int) -> set[int]:
        seen, frontier = {i}, {i}
        for _ in range(steps):
            nxt = set()
            for j in frontier:
                for k in self.touching[j]:
                    _d, p, ch = self.rels[k]
                    nxt.update((p, *ch))
            frontier = nxt - seen
            seen |= nxt
        return seen


def _bounds_y(m: _Model, bounded: np.ndarray, n: int, big: float) -> tuple[np.ndarray, np.ndarray]:
    """Bounds on the change ``y`` of each cell in an alternative table: every present cell stays >= 1, a cell
    flagged ``<N`` (``bounded``) stays <= N-1; otherwise at most ``big`` either way."""
    lo = np.maximum(-big, 1 - m.x)
    hi = np.where(bounded, n - 1 - m.x, big)
    return lo, hi


def _relation_rows(m: _Model, var: dict[int, int], nvar: int, off: int = 0):
    """Sparse rows of the relations, restricted to the cells in ``var`` (others have ``y = 0``).

    Returns (rows, cols, vals, lower, upper) of the constraints on ``y``: equalities for additive dimensions,
    ``y_child - y_parent <= x_parent - x_child`` and ``y_parent - sum y_children <= sum x_children - x_parent``
    for the multi-valued ones.
    """
    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0
    x = m.x
    for d, p, ch in m.rels:
        if p not in var and not any(c in var for c in ch):
            continue
        if d in ADDITIVE_IDX:
            if p in var:
                rows.append(r), cols.append(off + var[p]), vals.append(1.0)
            for c in ch:
                if c in var:
                    rows.append(r), cols.append(off + var[c]), vals.append(-1.0)
            lo.append(0.0), hi.append(0.0)
            r += 1
            continue
        slack = x[ch].sum() - x[p]
        if p in var:
            rows.append(r), cols.append(off + var[p]), vals.append(1.0)
        for c in ch:
            if c in var:
                rows.append(r), cols.append(off + var[c]), vals.append(-1.0)
        lo.append(-np.inf), hi.append(slack)
        r += 1
        for c in ch:
            if c in var or p in var:
                if c in var:
                    rows.append(r), cols.append(off + var[c]), vals.append(1.0)
                if p in var:
                    rows.append(r), cols.append(off + var[p]), vals.append(-1.0)
                lo.append(-np.inf), hi.append(x[p] - x[c])
                r += 1
    return rows, cols, vals, lo, hi, r


def _solve_alternative(m: _Model, target: int, direction: int, free: set[int], switchable: set[int],
                       downgradable: set[int], bounded: np.ndarray, n: int, cost: np.ndarray, time_limit: float,
                       downgrade_cost: float = 0.3):
    """One alternative table: ``y`` on ``free`` cells with ``y_target = direction``.

    Cells in ``switchable`` (visible now) may move only when switched on, at ``cost`` each: they are then hidden.
    Cells in ``downgradable`` (flagged ``<N``) may leave 1..N-1 only when their marker is switched to ``..`` (no
    bound stated), at ``downgrade_cost``. Returns ``({cell index: y} for non-zero y, downgraded cells)`` or ``None``
    when no such table exists.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    big = float(max(n + 2, 4))
    order = sorted(free)
    var = {c: k for k, c in enumerate(order)}
    sw = [c for c in order if c in switchable]
    dg = [c for c in order if c in downgradable and bounded[c]]
    nv, ns, nd = len(order), len(sw), len(dg)
    ylo, yhi = _bounds_y(m, bounded, n, big)
    lb = np.concatenate([ylo[order], np.zeros(ns + nd)])
    ub = np.concatenate([yhi[order], np.ones(ns + nd)])
    t = var[target]
    rows, cols, vals, lo, hi, r = _relation_rows(m, var, nv + ns + nd)
    # visible cells: -big * z <= y <= big * z
    for k_s, c in enumerate(sw):
        k, s = var[c], nv + k_s
        rows += [r, r, r + 1, r + 1]
        cols += [k, s, k, s]
        vals += [1.0, -big, 1.0, big]
        lo += [-np.inf, 0.0]
        hi += [0.0, np.inf]
        r += 2
    # cells flagged <N: y <= N-1-x unless downgraded (w = 1)
    for k_d, c in enumerate(dg):
        k, w = var[c], nv + ns + k_d
        ub[k] = big
        rows += [r, r]
        cols += [k, w]
        vals += [1.0, -big]
        lo.append(-np.inf)
        hi.append(n - 1 - m.x[c])
        r += 1
    lb[t] = ub[t] = float(direction)
    if lb[t] < ylo[target] or (bounded[target] and target not in downgradable and ub[t] > yhi[target]):
        return None
    obj = np.concatenate([np.zeros(nv), cost[sw] if ns else np.zeros(0), np.full(nd, downgrade_cost)])
    cons = [LinearConstraint(coo_matrix((vals, (rows, cols)), shape=(r, nv + ns + nd)).tocsr(), lo, hi)] if r else []
    res = milp(obj, constraints=cons, integrality=np.ones(nv + ns + nd), bounds=Bounds(lb, ub),
               options={"time_limit": time_limit, "disp": False})
    if res.x is None or res.status not in (0, 1):
        return None
    y = np.round(res.x[:nv])
    moved = {c: int(y[k]) for c, k in var.items() if y[k] != 0}
    down = {c for k_d, c in enumerate(dg) if res.x[nv + ns + k_d] > 0.5 and c in moved
            and m.x[c] + moved[c] > n - 1}
    return moved, down


def _witness_ok(m: _Model, y: dict[int, int], hidden: np.ndarray, bounded: np.ndarray, n: int) -> bool:
    """Is ``x + y`` a table a reader cannot rule out (every relation, every published number, every marker)?"""
    v = m.x.copy()
    for c, dy in y.items():
        if not hidden[c]:
            return False
        v[c] += dy
    if np.any(v < 1) or np.any(v[bounded] > n - 1):
        return False
    for d, p, ch in m.rels:
        s = v[ch].sum()
        if d in ADDITIVE_IDX:
            if v[p] != s:
                return False
        elif v[p] > s or v[ch].max() > v[p]:
            return False
    return True


def _directions(x: float, bounded: bool, n: int) -> list[int]:
    """Which way to move a cell in its alternative table (a cell flagged <N must stay in 1..N-1)."""
    out = [d for d in (1, -1) if x + d >= 1 and (not bounded or x + d <= n - 1)]
    return out or [1]


def _cost(m: _Model) -> np.ndarray:
    # cells first (each costs 1), then reports: among equal counts of cells, hide the smaller ones
    return 1.0 + 0.5 * m.x / max(float(m.x.max()), 1.0)


def protect(values: dict[Cell, int], min_cell: int = 3, previous: set[Cell] | None = None,
            time_limit: float = 20.0, prune: bool = True, exact: str = "auto",
            exact_time_limit: float = 10.0, start: tuple | None = None,
            previous_witnesses: list[dict[Cell, int]] | None = None,
            previous_downgraded: set[Cell] | None = None) -> Protection:
    """Choose the cells to hide so that no count below ``min_cell`` is shown and no hidden count is derivable.

    Arguments:
        values: ``{cell: reports}`` of every published cell (all present, so all >= 1).
        min_cell: smallest count that may be published (>= 1; 1 publishes everything).
        previous: cells hidden by the previous export of the same tables; kept hidden where they still exist, so
            that a nightly re-export only protects what changed and never reveals a cell it hid the night before.
        time_limit: seconds per MILP.
        prune: afterwards, publish again each secondary cell (largest first) whose hiding turns out not to be
            needed (every hidden cell still has a witness without it): the sequential pass can over-protect.
        exact: ``auto``: on a small instance (sensitive cells x cells <= ``EXACT_MAX_VARIABLES``, not
            incremental) also solve the joint model (:func:`exact_minimum`) and keep the pattern that hides fewer
            cells; ``never``: the sequential method only.
        exact_time_limit: seconds for that joint MILP (its best pattern so far counts when time runs out).
        start: internal: a pattern to start from (hidden cells, downgraded cells, stats).
        previous_witnesses: the previous export's `Protection.witnesses`. Each one still valid against today's
            counts and pattern (`_witness_ok`: every relation, bound and marker) protects its cells again without
            a solve, so a nightly export re-solves only cells whose alternative table touches a changed count
            (an unchanged table costs one check per hidden cell). An invalid or stale one is simply not used.
        previous_downgraded: cells the previous export flagged ``..``; a primary one among them stays ``..``
            (stating less than the night before, never more, and keeping the witnesses that relied on it).

    Returns:
        The :class:`Protection` with its audit (``audit["pinned"] == 0`` when every hidden cell is protected).
    """
    t0 = time.perf_counter()
    m = _Model.build(values)
    n = int(min_cell)
    N = len(m.cells)
    index = {c: i for i, c in enumerate(m.cells)}
    primary = m.x < n
    hidden = primary.copy()
    previous_idx = {index[c] for c in previous or () if c in index}
    for i in previous_idx:
        hidden[i] = True
    bounded = primary.copy()  # flagged <N (a primary cell may be downgraded to "..", which states no bound)
    for c in previous_downgraded or ():
        if c in index:
            bounded[index[c]] = False
    size = int(primary.sum()) * N
    stats_exact: dict = {"exact": False}
    if start is not None:
        for c in start[0]:
            hidden[index[c]] = True
        for c in start[1]:
            bounded[index[c]] = False
        stats_exact = dict(start[2])
    elif exact == "auto" and 0 < size <= EXACT_MAX_VARIABLES and not previous_idx:
        # small enough to try the joint optimum within the time limit; keep whichever pattern hides fewer cells
        seq = protect(values, n, time_limit=time_limit, prune=prune, exact="never")
        best = exact_minimum(values, n, time_limit=exact_time_limit)
        if best["hidden"] is not None and best["hidden"] < len(seq.hidden):
            from_exact = protect(values, n, time_limit=time_limit, prune=prune, exact="never",
                                 start=(best["hidden_cells"], best["downgraded_cells"],
                                        {"exact": True, "exact_optimal": best["optimal"],
                                         "exact_seconds": best["seconds"]}))
            if len(from_exact.hidden) < len(seq.hidden) and from_exact.audit["pinned"] == 0:
                return from_exact
        seq.stats.update(exact=False, exact_tried=True, exact_seconds=best["seconds"])
        return seq
    cost = _cost(m)
    witnesses: list[dict[int, int]] = []
    covered = np.zeros(N, dtype=bool)
    stats = {"cheap_checks": 0, "local_solves": 0, "full_solves": 0, "downgraded": 0, "unprotectable": 0,
             **stats_exact}
    if previous_witnesses and previous_idx:
        reused = 0
        for w in previous_witnesses:
            if not all(c in index for c in w):
                continue
            y = {index[c]: int(dy) for c, dy in w.items()}
            if _witness_ok(m, y, hidden, bounded, n):
                witnesses.append(y)
                covered[list(y)] = True
                reused += 1
        stats["witnesses_reused"] = reused
        stats["witnesses_offered"] = len(previous_witnesses)

    def protect_cell(i: int) -> None:
        found = None
        for direction in _directions(m.x[i], bool(bounded[i]), n):
            stats["cheap_checks"] += 1
            found = _solve_alternative(m, i, direction, set(np.flatnonzero(hidden)), set(), set(), bounded, n,
                                       cost, time_limit)
            if found is not None:
                break
        if found is None:
            for steps, key in ((2, "local_solves"), (None, "full_solves")):
                free = m.neighbourhood(i, steps) if steps else set(range(N))
                stats[key] += 1
                for direction in _directions(m.x[i], False, n):
                    found = _solve_alternative(m, i, direction, free, {c for c in free if not hidden[c]},
                                               {c for c in free if bounded[c]}, bounded, n, cost, time_limit)
                    if found is not None:
                        break
                if found is not None:
                    break
        if found is None:
            stats["unprotectable"] += 1
            log.warning("disclosure: no alternative table moves %s", m.cells[i])
            return
        y, down = found
        for c in y:
            hidden[c] = True
            covered[c] = True
        for c in down:
            bounded[c] = False
        stats["downgraded"] += len(down)
        witnesses.append(y)

    # most detailed cells first: their protection usually hides other small detailed cells, not margins
    queue = sorted(np.flatnonzero(hidden), key=lambda i: (-sum(v != ALL for v in m.cells[i]), m.x[i], m.cells[i]))
    tried: set[int] = set()
    while queue:
        i = queue.pop(0)
        if not covered[i] and i not in tried:
            tried.add(i)
            protect_cell(i)
        queue.extend(j for j in np.flatnonzero(hidden & ~covered) if j not in tried and j not in queue)
    if prune:
        stats["pruned"] = _prune(m, hidden, primary, bounded, n, witnesses, cost, time_limit, keep=previous_idx)
    t_protect = time.perf_counter() - t0
    audit = _audit(m, hidden, bounded, n, witnesses, time_limit)
    stats.update(seconds_protect=round(t_protect, 3), seconds_audit=round(time.perf_counter() - t0 - t_protect, 3),
                 cells=N)
    valid = audit.pop("valid_witnesses")
    out = Protection(min_cell=n, hidden={m.cells[i] for i in np.flatnonzero(hidden)},
                     primary={m.cells[i] for i in np.flatnonzero(primary)},
                     downgraded={m.cells[i] for i in np.flatnonzero(primary & ~bounded)}, audit=audit, stats=stats,
                     witnesses=[{m.cells[c]: int(dy) for c, dy in y.items()} for y in valid])
    log.info("disclosure: %d cells, %d primary, %d secondary, %s", N, len(out.primary), len(out.secondary), stats)
    return out


def _prune(m: _Model, hidden: np.ndarray, primary: np.ndarray, bounded: np.ndarray, n: int,
           witnesses: list[dict[int, int]], cost: np.ndarray, time_limit: float, keep: set[int]) -> int:
    """Publish secondary cells again where every hidden cell keeps an alternative table without them."""
    pruned = 0
    for j in sorted(np.flatnonzero(hidden & ~primary), key=lambda i: -cost[i]):
        if j in keep:
            continue
        hidden[j] = False
        keep_w = [y for y in witnesses if j not in y]
        moved = np.zeros(len(m.cells), dtype=bool)
        for y in keep_w:
            for c in y:
                moved[c] = True
        new_w, ok = [], True
        for i in np.flatnonzero(hidden & ~moved):
            found = None
            for direction in _directions(m.x[i], bool(bounded[i]), n):
                found = _solve_alternative(m, i, direction, set(np.flatnonzero(hidden)), set(), set(), bounded, n,
                                           cost, time_limit)
                if found is not None:
                    break
            if found is None:
                ok = False
                break
            new_w.append(found[0])
            for c in found[0]:
                moved[c] = True
        if ok:
            witnesses[:] = keep_w + new_w
            pruned += 1
        else:
            hidden[j] = True
    return pruned


def _audit(m: _Model, hidden: np.ndarray, bounded: np.ndarray, n: int, witnesses: list[dict[int, int]],
           time_limit: float) -> dict:
    """Every hidden cell must be moved by a valid witness; a cell no witness moves gets its own feasibility MILP."""
    valid = [y for y in witnesses if _witness_ok(m, y, hidden, bounded, n)]
    moved = np.zeros(len(m.cells), dtype=bool)
    for y in valid:
        for c in y:
            moved[c] = True
    pinned = []
    extra = 0
    for i in np.flatnonzero(hidden & ~moved):
        ok = False
        for direction in _directions(m.x[i], bool(bounded[i]), n):
            found = _solve_alternative(m, i, direction, set(np.flatnonzero(hidden)), set(), set(), bounded, n,
                                       np.zeros(len(m.cells)), time_limit)
            extra += 1
            if found is not None and _witness_ok(m, found[0], hidden, bounded, n):
                valid.append(found[0])  # kept for the next export like the others
                ok = True
                break
        if not ok:
            pinned.append(m.cells[i])
    if pinned:
        log.warning("disclosure audit: %d hidden cells derivable: %s", len(pinned), pinned[:5])
    return {"cells_checked": int(hidden.sum()), "witnesses": len(valid), "extra_solves": extra,
            "pinned": len(pinned), "pinned_cells": [list(c) for c in pinned[:20]], "valid_witnesses": valid}


def primary_only(values: dict[Cell, int], min_cell: int = 3) -> Protection:
    """Hide the cells below ``min_cell`` and nothing else (the benchmark's baseline; not safe to publish)."""
    primary = {c for c, v in values.items() if v < min_cell}
    return Protection(min_cell=min_cell, hidden=set(primary), primary=primary, method="primary-only")


def exact_minimum(values: dict[Cell, int], min_cell: int = 3, time_limit: float = 120.0) -> dict:
    """The fewest cells to hide, solved jointly (Fischetti–Salazar: one alternative table per sensitive cell,
    shared hiding and downgrade variables), under the same reader model and directions as :func:`protect`.

    Only for small instances (variables = sensitive cells x published cells). Returns ``{"hidden", "optimal",
    "seconds", "lower_bound"}`` with ``hidden`` the number of hidden cells (primary + secondary).
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    t0 = time.perf_counter()
    m = _Model.build(values)
    n = int(min_cell)
    N = len(m.cells)
    primary = m.x < n
    P = list(np.flatnonzero(primary))
    big = float(max(n + 2, 4))
    ylo, yhi = _bounds_y(m, np.zeros(N, dtype=bool), n, big)
    var = {c: c for c in range(N)}
    rows, cols, vals, lo, hi = [], [], [], [], []
    signs: list[tuple[int, bool]] = []
    r = 0
    # variables: z (hidden) per cell, w (downgraded) per cell, then y per (sensitive cell, cell)
    lb = [0.0] * (2 * N)
    ub = [1.0] * (2 * N)
    for c in P:
        lb[c] = 1.0
    for c in range(N):
        if not primary[c]:
            ub[N + c] = 0.0
    for k, target in enumerate(P):
        off = 2 * N + k * N
        rr, cc, vv, l2, h2, nrows = _relation_rows(m, var, 0, off)
        rows += [x + r for x in rr]
        cols += cc
        vals += vv
        lo += l2
        hi += h2
        r += nrows
        for c in range(N):
            # the sensitive cell moves by -1 or +1 (a sign variable below); beyond 1..N-1 only if downgraded
            lb.append(-1.0 if c == target else ylo[c])
            ub.append(1.0 if c == target else yhi[c])
            if c == target:
                signs.append((off + c, max(1 - m.x[c], -1) == 0))
            if not primary[c]:
                rows += [r, r, r + 1, r + 1]
                cols += [off + c, c, off + c, c]
                vals += [1.0, -big, 1.0, big]
                lo += [-np.inf, 0.0]
                hi += [0.0, np.inf]
                r += 2
            else:
                rows += [r, r]
                cols += [off + c, N + c]
                vals += [1.0, -big]
                lo.append(-np.inf)
                hi.append(n - 1 - m.x[c])
                r += 1
    nvar = 2 * N + len(P) * N
    for k, (col, up_only) in enumerate(signs):  # y_target = 2 s - 1 with s binary: never 0
        rows += [r, r]
        cols += [col, nvar + k]
        vals += [1.0, -2.0]
        lo.append(-1.0)
        hi.append(-1.0)
        r += 1
        lb.append(1.0 if up_only else 0.0)
        ub.append(1.0)
    nvar += len(signs)
    obj = np.zeros(nvar)
    obj[:N] = 1.0
    obj[N:2 * N] = 0.01
    A = coo_matrix((vals, (rows, cols)), shape=(r, nvar)).tocsr()
    res = milp(obj, constraints=[LinearConstraint(A, lo, hi)], integrality=np.ones(nvar),
               bounds=Bounds(np.array(lb), np.array(ub)), options={"time_limit": time_limit, "disp": False})
    secs = round(time.perf_counter() - t0, 2)
    if res.x is None:
        return {"hidden": None, "optimal": False, "seconds": secs, "lower_bound": None}
    bound = getattr(res, "mip_dual_bound", None)
    z, w = res.x[:N] > 0.5, res.x[N:2 * N] > 0.5
    return {"hidden": int(z.sum()), "optimal": res.status == 0, "seconds": secs,
            "hidden_cells": {m.cells[i] for i in np.flatnonzero(z)},
            "downgraded_cells": {m.cells[i] for i in np.flatnonzero(w & primary)},
            "lower_bound": None if bound is None else float(np.ceil(bound - 1e-6 - 0.01 * len(P)))}
