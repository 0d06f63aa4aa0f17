"""Curated themes: the vocabulary, the per-report `ThemeAssigner` and the store-level theme steps."""

from pipeline.themes.assign import ThemeAssigner, ThemeScores, match_keywords
from pipeline.themes.steps import assign_report_themes, assign_texts, fit_from_store, lemmatize_texts
from pipeline.themes.vocabulary import (
    Theme,
    Vocabulary,
    add_theme,
    load_vocabulary,
    rename_theme,
    retire_theme,
    save_vocabulary,
)

__all__ = [
    "Theme", "ThemeAssigner", "ThemeScores", "Vocabulary", "add_theme", "assign_report_themes", "assign_texts",
    "fit_from_store", "lemmatize_texts", "load_vocabulary", "match_keywords", "rename_theme", "retire_theme",
    "save_vocabulary",
]
