"""Records that cross module boundaries inside ingest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ReportRecord:
    """One validated report, before pseudonymisation (DESIGN §3)."""

    report_id: str
    submitted: dt.date
    area: list[str]
    target_group: str
    phenomenon_type: str
    unit: str
    observation: str
    client_voice: str = ""
    proposal: str = ""
    themes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    source_row: int = 0
    id_derived: bool = False
    warnings: list[str] = field(default_factory=list)  # never quote a field's value (see RowProblem)


@dataclass
class RowProblem:
    """Why a row was quarantined: file, row number (1 = first data row's line in the file), field, reason."""

    source: str
    source_row: int
    field: str
    reason: str
    raw: dict[str, Any]

    def __post_init__(self) -> None:
        # The reason is stored in the quarantine table and printed; a reason that quotes a value ("'131052-308T' is
        # already stored") must not carry personal data there.
        from pipeline.pseudonymise import scrub

        self.reason = scrub(self.reason)

    def __str__(self) -> str:
        return f"{self.source}, row {self.source_row}, field '{self.field}': {self.reason}"


@dataclass
class IngestSummary:
    """What an ingest did. ``stored`` counts new distinct reports; near-duplicates are stored but linked."""

    files: list[str] = field(default_factory=list)
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    quarantined: int = 0
    files_skipped: int = 0
    reviewed_labels: int = 0
    pii_replaced: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    new_report_ids: list[str] = field(default_factory=list)

    def scrubbed_problems(self, limit: int | None = None) -> list[str]:
        """The problem lines with any personal data in them replaced: what ``--json``, stderr and run records show."""
        from pipeline.pseudonymise import scrub

        return [scrub(p) for p in self.problems[:limit]]

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["problems"] = self.scrubbed_problems(50)
        d.pop("new_report_ids")
        return d
