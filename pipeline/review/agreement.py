"""How well the model agrees with reviewers, over time (for the quality benchmark and the review notebook).

Each reviewed report counts once, with its latest decision, in the period of that decision. By default it is compared
with the model's themes as they stood when the reviewer decided (the newest model run before the decision): that is
what the reviewer was correcting, and it keeps a model retrained on reviewed labels from grading its own homework.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

import pandas as pd
import sqlalchemy as sa

from pipeline.errors import InputError
from pipeline.review._bind import Bind, as_utc, begin
from pipeline.store.schema import reviews, theme_assignments

AGREEMENT_COLUMNS = ["period", "reviewed", "top1_agreement", "jaccard", "exact_match"]
_FREQ = {"month": "M", "quarter": "Q", "year": "Y"}


def _period(ts, by: str) -> str:
    p = pd.Timestamp(ts.replace(tzinfo=None)).to_period(_FREQ[by])
    return str(p)


def agreement(
    bind: Bind,
    by: Literal["month", "quarter", "year"] = "month",
    model_as_of: Literal["review", "latest"] = "review",
    include_imports: bool = True,
) -> pd.DataFrame:
    """Agreement between the model and reviewers per period of the reviewer's decision.

    Arguments:
        bind: engine, connection or store URL.
        by: period length: ``month`` | ``quarter`` | ``year``.
        model_as_of: ``review`` = the model's themes from the newest run before each decision; ``latest`` = the
            newest model run now (how the current model does on all reviewed reports).
        include_imports: count labels imported from files (reviewer ``import:…``) as reviewer decisions.

    Returns:
        ``period, reviewed, top1_agreement, jaccard, exact_match`` sorted by period, plus a last row with period
        ``all``: ``reviewed`` = reviewed reports that had model themes; ``top1_agreement`` = share whose top model
        theme is among the reviewer's themes; ``jaccard`` = mean |model ∩ reviewer| / |model ∪ reviewer|;
        ``exact_match`` = share where the two sets are equal. Empty when nothing is reviewed.
    """
    if by not in _FREQ:
        raise InputError(f"agreement: by must be month, quarter or year, not '{by}'")
    if model_as_of not in ("review", "latest"):
        raise InputError(f"agreement: model_as_of must be review or latest, not '{model_as_of}'")
    with begin(bind) as conn:
        latest: dict[str, tuple[int, object, list[str]]] = {}
        for r in conn.execute(
            sa.select(reviews.c.id, reviews.c.target, reviews.c.reviewer, reviews.c.created_at, reviews.c.new)
            .where(reviews.c.kind == "report")
        ):
            if not include_imports and r.reviewer.startswith("import:"):
                continue
            if r.target not in latest or r.id > latest[r.target][0]:
                themes = r.new.get("themes", []) if isinstance(r.new, dict) else list(r.new or [])
                latest[r.target] = (r.id, as_utc(r.created_at), themes)
        if not latest:
            return pd.DataFrame(columns=AGREEMENT_COLUMNS)
        ta = theme_assignments
        runs: dict[str, dict] = defaultdict(lambda: defaultdict(list))  # report -> created_at -> [(theme, score)]
        ids = list(latest)
        for i in range(0, len(ids), 900):
            for r in conn.execute(
                sa.select(ta.c.report_id, ta.c.theme, ta.c.score, ta.c.created_at)
                .where(ta.c.source == "model", ta.c.report_id.in_(ids[i: i + 900]))
            ):
                runs[r.report_id][as_utc(r.created_at)].append((r.theme, float(r.score)))
    per_period: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for rid, (_, decided_at, reviewer_themes) in latest.items():
        stamps = sorted(runs.get(rid, {}))
        if model_as_of == "review":
            stamps = [s for s in stamps if s <= decided_at]
        if not stamps:
            continue
        model = sorted(runs[rid][stamps[-1]], key=lambda ts: -ts[1])
        m_set, r_set = {t for t, _ in model}, set(reviewer_themes)
        top1 = 1.0 if model and model[0][0] in r_set else 0.0
        union = m_set | r_set
        jac = len(m_set & r_set) / len(union) if union else 1.0
        per_period[_period(decided_at, by)].append((top1, jac, 1.0 if m_set == r_set else 0.0))
    rows = []
    everything: list[tuple[float, float, float]] = []
    for period in sorted(per_period):
        vals = per_period[period]
        everything.extend(vals)
        rows.append(_row(period, vals))
    if everything:
        rows.append(_row("all", everything))
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def _row(period: str, vals: list[tuple[float, float, float]]) -> dict:
    n = len(vals)
    return {
        "period": period,
        "reviewed": n,
        "top1_agreement": sum(v[0] for v in vals) / n,
        "jaccard": sum(v[1] for v in vals) / n,
        "exact_match": sum(v[2] for v in vals) / n,
    }
