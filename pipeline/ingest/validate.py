"""Validate one raw row into a `ReportRecord`, or say exactly which field is wrong (`RowProblem`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from pipeline.ingest.columns import HEADER_ALIASES, clean_header
from pipeline.ingest.records import ReportRecord, RowProblem
from pipeline.text import normalise, report_text

_LOOKUP = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}

PHENOMENON_TYPES = {
    "negatiivinen": "negatiivinen", "negative": "negatiivinen", "neg": "negatiivinen", "negativ": "negatiivinen",
    "positiivinen": "positiivinen", "positive": "positiivinen", "pos": "positiivinen", "positiv": "positiivinen",
    "ei osaa sanoa": "ei osaa sanoa", "eos": "ei osaa sanoa", "en osaa sanoa": "ei osaa sanoa",
    "can't say": "ei osaa sanoa", "cannot say": "ei osaa sanoa", "unknown": "ei osaa sanoa",
    "neutraali": "ei osaa sanoa", "neutral": "ei osaa sanoa", "kan inte säga": "ei osaa sanoa",
}
DEFAULT_PHENOMENON = "ei osaa sanoa"
MAX_TEXT_CHARS = 20000

_FI_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?(?:\s+(?:klo\s+)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_AREA_SPLIT = re.compile(r"\s*[;|/]\s*")
TARGET_GROUPS = ("lapset, nuoret ja perheet", "työikäiset", "ikääntyneet", "vammaiset", "asuminen", "omaishoito", "muu")
OTHER = "muu"


def _known_area_spellings() -> dict[str, str]:
    from importlib import resources

    text = resources.files("pipeline.pseudonymise").joinpath("data", "areas.txt").read_text(encoding="utf-8")
    names = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {n.lower(): n for n in names}


_AREAS: dict[str, str] | None = None


def canonical_areas(areas: list[str]) -> tuple[list[str], int]:
    """Known areas in their list spelling ("lahti" -> "Lahti"); an unknown value becomes "muu", because it could be
    anything typed into the field (a name, an address) and would be published as a table label. Returns the areas
    (order kept, no repeats) and how many values were unknown."""
    global _AREAS
    if _AREAS is None:
        _AREAS = _known_area_spellings()
    out: list[str] = []
    unknown = 0
    for a in areas:
        known = _AREAS.get(a.lower())
        if known is None:
            unknown += 1
            known = OTHER
        if known not in out:
            out.append(known)
    return out, unknown


def parse_date(value: Any) -> dt.date:
    """A date from ISO ``yyyy-mm-dd`` (time allowed), Finnish ``d.m.yyyy`` or a spreadsheet date value."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if not text:
        raise ValueError("missing date")
    try:
        m = _ISO_DATE.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return dt.date(y, mo, d)
        m = _FI_DATE.match(text)
        if m:
            d, mo, y = (int(g) for g in m.groups()[:3])
            return dt.date(y, mo, d)
    except ValueError as exc:
        raise ValueError(f"the value is not a valid date ({exc})") from exc
    # The value itself is not quoted: a mistyped column can hold an identity code or a name, and reasons are stored
    # and printed.
    raise ValueError(f"the value ({len(text)} characters) is not a date (use yyyy-mm-dd or d.m.yyyy)")


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _as_list(value: Any, splitter: re.Pattern[str]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items = [_as_text(v) for v in value]
    else:
        items = splitter.split(_as_text(value))
    return [i for i in (normalise(x) for x in items) if i]


def map_row(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split a raw row into known fields and ``extra`` (unknown columns, original header kept)."""
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in raw.items():
        if key.startswith("__"):
            continue
        name = _LOOKUP.get(clean_header(key))
        if name and name not in fields:
            fields[name] = value
        elif value not in (None, ""):
            extra[str(key).replace("\ufeff", "").strip()] = value if isinstance(value, (str, int, float, bool, list, dict)) else str(value)
    return fields, extra


def derived_report_id(submitted: dt.date, text: str) -> str:
    """A stable id from content when the export has none: same report → same id."""
    digest = hashlib.sha256(f"{submitted.isoformat()}|{normalise(text)}".encode()).hexdigest()
    return f"H-{digest[:16]}"


def validate_row(raw: dict[str, Any], source: str, row_no: int) -> ReportRecord | RowProblem:
    """Validate a raw row. Returns the record, or the first problem found (file, row, field, reason)."""

    def problem(field: str, reason: str) -> RowProblem:
        return RowProblem(source, row_no, field, reason, _jsonable(raw))

    if "__error__" in raw:
        return problem("(row)", str(raw["__error__"]))
    fields, extra = map_row(raw)

    observation = _as_text(fields.get("observation"))
    client_voice = _as_text(fields.get("client_voice"))
    proposal = _as_text(fields.get("proposal"))
    if not observation:
        return problem("observation", "required text is empty")
    for name, value in (("observation", observation), ("client_voice", client_voice), ("proposal", proposal)):
        if len(value) > MAX_TEXT_CHARS:
            return problem(name, f"text is {len(value)} characters, more than {MAX_TEXT_CHARS}")

    try:
        submitted = parse_date(fields.get("submitted"))
    except ValueError as exc:
        return problem("submitted", str(exc))
    if submitted.year < 2000 or submitted > dt.date.today() + dt.timedelta(days=1):
        return problem("submitted", f"date {submitted.isoformat()} is outside 2000-01-01 … today")

    raw_type = _as_text(fields.get("phenomenon_type")).lower()
    if raw_type:
        phenomenon = PHENOMENON_TYPES.get(normalise(raw_type))
        if phenomenon is None:
            allowed = "negatiivinen / positiivinen / ei osaa sanoa"
            return problem("phenomenon_type", f"the value ({len(raw_type)} characters) is not one of {allowed}")
    else:
        phenomenon = DEFAULT_PHENOMENON

    report_id = _as_text(fields.get("report_id"))
    derived = False
    if not report_id:
        report_id = derived_report_id(submitted, report_text(observation, client_voice, proposal))
        derived = True
    if len(report_id) > 200:
        return problem("report_id", "longer than 200 characters")

    warnings: list[str] = []
    area, unknown_areas = canonical_areas(_as_list(fields.get("area"), _AREA_SPLIT))
    if unknown_areas:
        warnings.append(f"{source}, row {row_no}, field 'area': {unknown_areas} value(s) outside the known areas "
                        f"stored as '{OTHER}'")
    target_group = normalise(_as_text(fields.get("target_group"))).lower()
    if target_group and target_group not in TARGET_GROUPS:
        warnings.append(f"{source}, row {row_no}, field 'target_group': a value outside the known groups stored as "
                        f"'{OTHER}'")
        target_group = OTHER

    return ReportRecord(
        report_id=report_id,
        submitted=submitted,
        area=area,
        target_group=target_group,
        phenomenon_type=phenomenon,
        unit=normalise(_as_text(fields.get("unit"))),
        observation=observation,
        client_voice=client_voice,
        proposal=proposal,
        themes=[t.lower() for t in _as_list(fields.get("themes"), re.compile(r"\s*[;,|]\s*"))],
        extra=extra,
        source=source,
        source_row=row_no,
        id_derived=derived,
        warnings=warnings,
    )


def _jsonable(raw: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(raw, default=str, ensure_ascii=False))
