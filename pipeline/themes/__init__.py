"""Curated themes: the vocabulary, the per-report `ThemeAssigner` and the themes stage."""

from pipeline.themes.assign import ThemeAssigner, ThemeScores, match_keywords
from pipeline.themes.steps import (
    ThemesResult,
    assign_report_themes,
    assign_texts,
    assign_themes,
    assigner_from_params,
    lemmatize_texts,
    write_themes,
)
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
    "Theme", "ThemeAssigner", "ThemeScores", "ThemesResult", "Vocabulary", "add_theme", "assign_report_themes",
    "assign_texts", "assign_themes", "assigner_from_params", "lemmatize_texts", "load_vocabulary", "match_keywords",
    "rename_theme", "retire_theme", "save_vocabulary", "write_themes",
]
