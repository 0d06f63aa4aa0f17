"""The theme table as reporting will see it: counted by the export itself (in this process).

Going through the export shows the reviewer the numbers the next export is built from, with the export's own
counting rules; small-cell suppression is switched off for this internal view (a reviewer sees the reports anyway,
and a hidden "<3" would hide the effect of a correction).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from pipeline.export import export
from pipeline.review._bind import Bind, as_engine_or_conn


def theme_table(bind: Bind, date_from: date | str | None = None, date_to: date | str | None = None) -> pd.DataFrame:
    """Reports per theme in a period over all areas, target groups and phenomenon types: ``theme, reports, source``.

    Arguments:
        bind: engine, connection or store URL.
        date_from, date_to: the period (inclusive).

    Returns:
        One row per theme, most reports first; ``source`` is ``export`` (where the numbers came from).
    """
    target = as_engine_or_conn(bind)
    engine = getattr(target, "engine", target)
    with tempfile.TemporaryDirectory(prefix="signaali-review-") as tmp:
        export(engine, Path(tmp), formats="csv", period="year", date_from=date_from, date_to=date_to, min_cell=1)
        long = pd.read_csv(Path(tmp) / "themes_long.csv", dtype=str, keep_default_na=False)
    for dim in ("area", "target_group", "phenomenon_type"):
        long = long[long[dim] == "all"]
    long = long[long["theme"] != "all"]
    if (long["period"] == "all").any():  # the export's subtotal over periods
        long = long[long["period"] == "all"]
    long["reports"] = pd.to_numeric(long["reports"])
    df = long.groupby("theme", as_index=False)["reports"].sum()
    df = df.sort_values(["reports", "theme"], ascending=[False, True]).reset_index(drop=True)
    df["source"] = "export"
    return df
