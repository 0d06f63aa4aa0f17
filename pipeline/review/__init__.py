"""Reviewer workflow: inspect clusters and report themes, record corrections (append-only, latest wins), measure
agreement between model and reviewers. Plain functions taking an engine, a connection or a store URL; no Prefect.
"""

from pipeline.review.agreement import agreement
from pipeline.review.decisions import (
    accept_report_themes,
    active_model_version,
    add_theme_from_cluster,
    apply_corrections,
    cluster_mappings,
    history,
    reviewed_labels,
    set_cluster_themes,
    set_report_no_theme,
    set_report_themes,
)
from pipeline.review.labels_import import import_reviewed_labels
from pipeline.review.listing import list_clusters, list_reports, theme_counts
from pipeline.review.theme_table import theme_table
from pipeline.review.vocabulary_keys import allowed_theme_keys, vocabulary_keys

__all__ = [
    "accept_report_themes",
    "active_model_version",
    "add_theme_from_cluster",
    "agreement",
    "allowed_theme_keys",
    "apply_corrections",
    "cluster_mappings",
    "history",
    "import_reviewed_labels",
    "list_clusters",
    "list_reports",
    "reviewed_labels",
    "set_cluster_themes",
    "set_report_no_theme",
    "set_report_themes",
    "theme_counts",
    "theme_table",
    "vocabulary_keys",
]
