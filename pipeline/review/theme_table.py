"""The theme table as reporting will see it: through ``signaali export`` when it exists, else counted from the store.

Going through the export (DESIGN §8 CLI contract) shows the reviewer the numbers the next export is built from, with
the export's own counting rules; small-cell suppression is switched off for this internal view (a reviewer sees the
reports anyway, and a hidden "<3" would hide the effect of a correction). Before the export step exists the same
numbers come from ``theme_counts``.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from pipeline.review._bind import Bind, as_engine_or_conn
from pipeline.review.listing import theme_counts

log = logging.getLogger(__name__)


def _url_of(bind: Bind) -> str:
    target = as_engine_or_conn(bind)
    engine = getattr(target, "engine", target)
    return engine.url.render_as_string(hide_password=False)


def export_available() -> bool:
    """True when the ``signaali export`` command (``pipeline.cli.export_commands``) is installed."""
    try:
        return importlib.util.find_spec("pipeline.cli.export_commands") is not None
    except ModuleNotFoundError:
        return False


def theme_table(
    bind: Bind, date_from: date | str | None = None, date_to: date | str | None = None, via_export: bool | None = None
) -> pd.DataFrame:
    """Reports per theme in a period over all areas, target groups and phenomenon types: ``theme, reports, source``.

    Arguments:
        bind: engine, connection or store URL.
        date_from, date_to: the period (inclusive).
        via_export: run ``signaali export`` and read its ``themes_long.csv``; ``None`` = when the export step exists.

    Returns:
        One row per theme; ``source`` says where the numbers came from (``export`` or ``store``).
    """
    if via_export is None:
        via_export = export_available()
    if via_export:
        try:
            return _via_export(_url_of(bind), date_from, date_to)
        except (subprocess.CalledProcessError, FileNotFoundError, KeyError) as exc:
            log.warning("export failed (%s); counting from the store instead", exc)
    df = theme_counts(bind, date_from, date_to)[["theme", "reports"]]
    df["source"] = "store"
    return df


def _via_export(url: str, date_from: date | str | None, date_to: date | str | None) -> pd.DataFrame:
    with tempfile.TemporaryDirectory(prefix="signaali-review-") as tmp:
        cmd = [sys.executable, "-m", "pipeline", "export", "--out", tmp,
               "--format", "csv", "--period", "year"]
        if date_from:
            cmd += ["--from", str(date_from)]
        if date_to:
            cmd += ["--to", str(date_to)]
        env = {**os.environ, "SIGNAALI_DB_URL": url, "SIGNAALI_MIN_CELL": "1"}
        subprocess.run(cmd, check=True, env=env, capture_output=True, text=True, timeout=600)
        long = pd.read_csv(Path(tmp) / "themes_long.csv", dtype=str, keep_default_na=False)
    for dim in ("area", "target_group", "phenomenon_type"):
        long = long[long[dim] == "all"]
    long = long[long["theme"] != "all"]
    if (long["period"] == "all").any():  # the export's subtotal over periods
        long = long[long["period"] == "all"]
    long["reports"] = pd.to_numeric(long["reports"], errors="coerce")  # "<N" = suppressed -> NaN
    df = long.groupby("theme", as_index=False)["reports"].sum(min_count=1)
    df = df.sort_values(["reports", "theme"], ascending=[False, True]).reset_index(drop=True)
    df["source"] = "export"
    return df
