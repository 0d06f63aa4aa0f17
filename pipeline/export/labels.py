"""Theme labels for the reports (from the curated vocabulary when it exists) and the fixed UI words.

The vocabulary module is written separately; this adapter reads whatever shape it returns (objects or mappings)
and falls back to the YAML file, then to the theme keys themselves, so exports never fail for want of labels.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ALL = "all"
NO_THEME = "no_theme"
NO_AREA = "unknown"

# Headers of the published tables: CSV/Parquet keep the machine names of DESIGN §8, XLSX shows these.
HEADERS = {
    "fi": {
        "period": "Jakso", "theme": "Teema", "theme_label": "Teeman nimi", "area": "Alue",
        "target_group": "Kohderyhmä", "phenomenon_type": "Ilmiön tyyppi", "reports": "Raportteja",
        "share": "Osuus", "signal_id": "Signaali", "status": "Tila", "report_ids": "Raportit",
        "keywords": "Avainsanat", "first_seen": "Ensihavainto", "growth": "Kasvu", "reason": "Peruste",
        "as_of": "Tilanne", "n_reports": "Raportteja", "flag": "Merkintä",
    },
    "en": {
        "period": "Period", "theme": "Theme", "theme_label": "Theme name", "area": "Area",
        "target_group": "Target group", "phenomenon_type": "Phenomenon type", "reports": "Reports",
        "share": "Share", "signal_id": "Signal", "status": "Status", "report_ids": "Reports",
        "keywords": "Keywords", "first_seen": "First seen", "growth": "Growth", "reason": "Reason",
        "as_of": "As of", "n_reports": "Reports", "flag": "Flag",
    },
}

SHEET_NAMES = {
    "fi": {
        "themes_long": "Teemat (pitkä)", "themes_by_period": "Teemat jaksoittain",
        "themes_by_area": "Teemat alueittain", "themes_by_target_group": "Teemat kohderyhmittäin",
        "themes_by_phenomenon_type": "Teemat ilmiötyypeittäin", "signals": "Signaalit",
        "themes_total": "Teemat yhteensä", "reports_by_area": "Raportit alueittain",
        "reports_by_target_group": "Raportit kohderyhmittäin",
        "reports_by_phenomenon_type": "Raportit ilmiötyypeittäin", "reports_by_period": "Raportit jaksoittain",
    },
    "en": {
        "themes_long": "Themes (long)", "themes_by_period": "Themes by period", "themes_by_area": "Themes by area",
        "themes_by_target_group": "Themes by target group",
        "themes_by_phenomenon_type": "Themes by phenomenon type", "signals": "Signals",
        "themes_total": "Theme totals", "reports_by_area": "Reports by area",
        "reports_by_target_group": "Reports by target group",
        "reports_by_phenomenon_type": "Reports by phenomenon type", "reports_by_period": "Reports by period",
    },
}

PT_LABELS = {"en": {"negatiivinen": "negative", "positiivinen": "positive", "ei osaa sanoa": "cannot say"}}
STATUS_LABELS = {"fi": {"weak": "heikko", "emerging": "nouseva", "strong": "vahva", "noise": "kohina"}}

_SPECIAL = {
    "fi": {ALL: "kaikki", NO_THEME: "ei teemaa", NO_AREA: "ei tiedossa"},
    "en": {ALL: "all", NO_THEME: "no theme", NO_AREA: "unknown"},
}


@dataclass
class ThemeLabels:
    """Labels, descriptions and seed keywords per theme key, and the vocabulary's version."""

    version: str = "none"
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> {"fi": ..., "en": ...}
    descriptions: dict[str, dict[str, str]] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)

    def label(self, key: str, lang: str = "fi") -> str:
        """The theme's label in ``lang`` (Finnish, then English, then the key as a last resort)."""
        if key in _SPECIAL.get(lang, {}):
            return _SPECIAL[lang][key]
        names = self.labels.get(key, {})
        return names.get(lang) or names.get("fi") or names.get("en") or key

    def description(self, key: str, lang: str = "fi") -> str:
        d = self.descriptions.get(key, {})
        return d.get(lang) or d.get("fi") or d.get("en") or ""


def special_value(value: str, lang: str) -> str:
    """``all`` / ``no_theme`` / ``unknown`` in the reader's language; other values unchanged."""
    return _SPECIAL.get(lang, {}).get(value, value)


def _get(obj: Any, *names: str) -> Any:
    for name in names:
        if isinstance(obj, dict) and name in obj:
            return obj[name]
        if not isinstance(obj, dict) and hasattr(obj, name):
            return getattr(obj, name)
    return None


def _lang_map(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v}
    if isinstance(value, str):
        return {"fi": value}
    return {}


def _words(value: Any) -> list[str]:
    if isinstance(value, dict):  # {"fi": [...], "en": [...]} or {word: weight}
        if all(isinstance(v, (list, tuple)) for v in value.values()):
            return [str(w) for v in value.values() for w in v]
        return [str(k) for k in value]
    if isinstance(value, (list, tuple)):
        return [str(w[0]) if isinstance(w, (list, tuple)) else str(w) for w in value]
    return []


def _from_vocabulary(vocab: Any) -> ThemeLabels:
    themes = _get(vocab, "themes") if not isinstance(vocab, (list, tuple)) else vocab
    if themes is None:
        themes = vocab
    items = themes.items() if isinstance(themes, dict) else ((_get(t, "key", "id", "name"), t) for t in themes)
    out = ThemeLabels(version=str(_get(vocab, "version") or "unknown") if not isinstance(vocab, (list, tuple))
                      else "unknown")
    for key, theme in items:
        if key is None:
            continue
        key = str(key)
        labels = _lang_map(_get(theme, "labels", "label"))
        for lang in ("fi", "en"):
            single = _get(theme, f"label_{lang}")
            if single:
                labels[lang] = str(single)
        out.labels[key] = labels
        out.descriptions[key] = _lang_map(_get(theme, "descriptions", "description"))
        out.keywords[key] = _words(_get(theme, "keywords", "seed_keywords", "seeds", "lemmas"))
    return out


def load_theme_labels(path: Path | None = None) -> ThemeLabels:
    """Theme labels from ``pipeline.themes.load_vocabulary()``, else the YAML file, else empty (keys as labels)."""
    try:
        from pipeline.themes import load_vocabulary  # written by the themes work; may not exist yet

        vocab = load_vocabulary(path) if path else load_vocabulary()
        return _from_vocabulary(vocab)
    except (ImportError, AttributeError):
        pass
    except Exception as exc:  # noqa: BLE001 - a broken vocabulary must not stop the tables; say so
        log.warning("theme vocabulary could not be loaded (%s); using theme keys as labels", exc)
        return ThemeLabels()
    if path is None:
        from pipeline.settings import get_settings

        path = get_settings().vocabulary_path
    if path and Path(path).exists():
        try:
            import yaml

            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
            return _from_vocabulary(data)
        except Exception as exc:  # noqa: BLE001
            log.warning("%s: cannot read theme vocabulary (%s); using theme keys as labels", path, exc)
    return ThemeLabels()
