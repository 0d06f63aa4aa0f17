"""The SQL schema (SQLAlchemy Core). Migrations in ``migrations/`` create exactly these tables.

JSON columns hold lists/objects; vectors are float32 bytes. Reviewer decisions are append-only (``reviews``);
the latest row wins.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ingested_files = Table(
    "ingested_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_hash", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("rows_read", Integer, nullable=False),
    Column("rows_stored", Integer, nullable=False),
    Column("rows_quarantined", Integer, nullable=False),
    # ingest commits in batches: a file is ``partial`` until its last batch lands (0002); a rerun continues
    Column("status", String(20), nullable=False, server_default="done"),
    Column("rows_done", Integer, nullable=False, server_default="0"),
)

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", String(200), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("source_row", Integer, nullable=False),
    Column("submitted", Date, nullable=False, index=True),
    Column("area", JSON, nullable=False),
    Column("target_group", String(200), nullable=False, default=""),
    Column("phenomenon_type", String(40), nullable=False, default="ei osaa sanoa"),
    Column("unit", String(400), nullable=False, default=""),
    Column("observation", Text, nullable=False),
    Column("client_voice", Text, nullable=False, default=""),
    Column("proposal", Text, nullable=False, default=""),
    Column("text", Text, nullable=False),  # observation + client_voice + proposal, pseudonymised
    Column("text_hash", String(64), nullable=False, index=True),
    Column("raw_text", Text, nullable=True),  # only with settings.keep_raw_text
    Column("pii_found", JSON, nullable=False),  # {"HENKILÖTUNNUS": 1, ...} counts, no values
    Column("duplicate_of", String(200), nullable=True, index=True),  # near-duplicate link
    Column("similarity", Float, nullable=True),
    # hash of area + target group + unit + phenomenon type: resubmission candidates share it (0002)
    Column("dedupe_block", String(64), nullable=True, index=True),
    Column("extra", JSON, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

near_duplicate_keys = Table(
    "near_duplicate_keys",
    metadata,
    Column("band_key", String(40), primary_key=True),
    Column("report_id", String(200), ForeignKey("reports.report_id"), primary_key=True),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("file_hash", String(64), nullable=False),
    Column("source_row", Integer, nullable=False),
    Column("field", String(200), nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw", JSON, nullable=False),  # pseudonymised raw row
    Column("quarantined_at", DateTime(timezone=True), nullable=False),
    # lifecycle (0002): open -> exported -> resolved (re-ingested as a report) | dropped; history = events
    Column("status", String(20), nullable=False, server_default="open"),
    Column("history", JSON, nullable=True),
    Column("resolved_report_id", String(200), nullable=True),
    # a workbook quarantines row 5 of two sheets: the source (which names the sheet) is part of the key (0002)
    UniqueConstraint("file_hash", "source", "source_row", name="uq_quarantine_file_source_row"),
)

resubmissions = Table(
    "resubmissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("earlier_id", String(200), nullable=False, index=True),
    Column("later_id", String(200), nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("evidence", JSON, nullable=False),  # similarities and the rule that decided, no text
    # linked (strong evidence, the later counts) | candidate (for a reviewer) | confirmed | rejected | kept_earlier
    Column("status", String(20), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("decided_by", String(200), nullable=True),
    Column("decided_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("earlier_id", "later_id", name="uq_resubmissions_pair"),
)

erasures = Table(
    "erasures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", String(200), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("erased_by", String(200), nullable=False),
    Column("erased_at", DateTime(timezone=True), nullable=False),
    Column("removed", JSON, nullable=False),  # rows removed per table: counts only, never content
)

run_locks = Table(
    "run_locks",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("run_id", String(100), nullable=True),
    Column("holder", String(300), nullable=False),  # host:pid of the process holding it
    Column("acquired_at", DateTime(timezone=True), nullable=False),
    Column("heartbeat_at", DateTime(timezone=True), nullable=False),
)

features = Table(
    "features",
    metadata,
    Column("report_id", String(200), ForeignKey("reports.report_id"), primary_key=True),
    Column("text_hash", String(64), nullable=False),
    Column("language", String(8), nullable=False),
    Column("lemmatizer", String(100), nullable=False),
    Column("lemmas", JSON, nullable=False),  # content lemmas (stop words removed), in order
)

lemma_cache = Table(
    "lemma_cache",
    metadata,
    Column("backend", String(100), primary_key=True),
    Column("text_hash", String(64), primary_key=True),
    Column("language", String(8), nullable=False),
    Column("tokens", JSON, nullable=False),  # [[token, lemma, upos, is_stop], ...]
)

embedding_cache = Table(
    "embedding_cache",
    metadata,
    Column("model_id", String(200), primary_key=True),
    Column("text_hash", String(64), primary_key=True),
    Column("dim", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),  # float32 little-endian
)

models = Table(
    "models",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),  # topic_model
    Column("version", String(100), nullable=False),
    Column("path", Text, nullable=False),
    Column("params", JSON, nullable=False),
    Column("metrics", JSON, nullable=False),
    Column("active", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("kind", "version", name="uq_models_kind_version"),
)

clusters = Table(
    "clusters",
    metadata,
    Column("model_version", String(100), primary_key=True),
    Column("topic", Integer, primary_key=True),
    Column("size", Integer, nullable=False),
    Column("keywords", JSON, nullable=False),
    Column("centroid", LargeBinary, nullable=True),
    Column("suggested_themes", JSON, nullable=False),  # [[theme, score], ...]
)

topic_assignments = Table(
    "topic_assignments",
    metadata,
    Column("report_id", String(200), ForeignKey("reports.report_id"), primary_key=True),
    Column("model_version", String(100), primary_key=True),
    Column("topic", Integer, nullable=False),
    Column("probability", Float, nullable=False),
)

theme_assignments = Table(
    "theme_assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("report_id", String(200), ForeignKey("reports.report_id"), nullable=False),
    Column("theme", String(100), nullable=False),
    Column("score", Float, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("source", String(20), nullable=False),  # model | reviewer | import
    Column("run_id", String(100), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_theme_assignments_report", "report_id"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # report | cluster | vocabulary
    Column("target", String(200), nullable=False),  # report_id, or "<model_version>:<topic>"
    Column("reviewer", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("old", JSON, nullable=False),
    Column("new", JSON, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Index("ix_reviews_target", "kind", "target"),
)

signals = Table(
    "signals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("signal_id", String(100), nullable=False),
    Column("run_id", String(100), nullable=True),
    Column("as_of", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("report_ids", JSON, nullable=False),
    Column("keywords", JSON, nullable=False),
    Column("first_seen", Date, nullable=False),
    Column("growth", Float, nullable=False),
    Column("popularity", Float, nullable=False, default=0.0),
    Column("reason", Text, nullable=False),
    Column("history", JSON, nullable=True),  # [{"as_of", "reports", "status", "popularity"}, ...] (0003)
    Column("flagged_since", Date, nullable=True),  # first as-of the signal was flagged (0003)
    UniqueConstraint("as_of", "signal_id", name="uq_signals_asof_id"),
)

runs = Table(
    "runs",
    metadata,
    Column("run_id", String(100), primary_key=True),
    Column("flow", String(40), nullable=False),
    Column("flow_run_id", String(100), nullable=True),
    Column("as_of", Date, nullable=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("status", String(20), nullable=False),  # running | completed | failed | crashed
    Column("record", JSON, nullable=False),
)
