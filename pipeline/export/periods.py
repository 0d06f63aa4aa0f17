"""Reporting periods: which period label a submission date falls in, and the date range of an export."""

from __future__ import annotations

from datetime import date

from pipeline.errors import InputError

PERIODS = ("month", "quarter", "half", "year", "range")


def check_period(period: str) -> str:
    """Return ``period`` if it is one of :data:`PERIODS`, else raise :class:`InputError`."""
    if period not in PERIODS:
        raise InputError(f"--period: '{period}' is not one of {', '.join(PERIODS)}")
    return period


def parse_date(value: str | date | None, option: str) -> date | None:
    """Parse an ISO (``2024-03-31``) or Finnish (``31.3.2024``) date; ``None`` stays ``None``.

    Arguments:
        value: the date as given on the command line or by a caller.
        option: the option name, for the error message.
    """
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if "." in text:
            d, m, y = text.split(".")
            return date(int(y), int(m), int(d))
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"{option}: '{value}' is not a date (use YYYY-MM-DD or d.m.yyyy)") from exc


def period_label(day: date, period: str, date_from: date | None = None, date_to: date | None = None) -> str:
    """The label of the period ``day`` falls in: ``2024-03``, ``2024-Q1``, ``2024-H1``, ``2024`` or the range.

    Labels sort in time order as strings, so tables sorted by label read chronologically.
    """
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if period == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if period == "year":
        return f"{day.year}"
    if period == "range":
        start = date_from.isoformat() if date_from else ""
        end = date_to.isoformat() if date_to else ""
        return f"{start}..{end}"
    raise InputError(f"--period: '{period}' is not one of {', '.join(PERIODS)}")
