"""Ingest: read → map columns → validate → pseudonymise → dedupe → store (bad rows → quarantine, with reasons)."""

from pipeline.ingest.records import IngestSummary, ReportRecord, RowProblem
from pipeline.ingest.store_reports import ingest_files

__all__ = ["IngestSummary", "ReportRecord", "RowProblem", "ingest_files"]
