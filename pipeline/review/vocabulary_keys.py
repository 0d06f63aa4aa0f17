"""Which theme keys a reviewer may use: the curated vocabulary plus themes added from clusters.

The vocabulary belongs to ``pipeline.themes`` (``load_vocabulary()``); until that module is importable we fall back to
the 13 default keys of DESIGN §6, so review works on a store built before the theme step existed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.errors import InputError
from pipeline.store.schema import reviews


DEFAULT_THEME_KEYS: tuple[str, ...] = (
    "mental_health",
    "substance_use",
    "integration",
    "service_access",
    "housing",
    "carers_support",
    "children_families",
    "disability",
    "ageing",
    "income_employment",
    "language_inclusion",
    "workforce",
    "good_practice",
)


def _is_retired(entry: Any) -> bool:
    if isinstance(entry, Mapping):
        return bool(entry.get("retired") or entry.get("retired_at"))
    return bool(getattr(entry, "retired", False) or getattr(entry, "retired_at", None))


def _keys_of(vocab: Any) -> list[str]:
    """Active theme keys of whatever ``load_vocabulary()`` returns (mapping, object with ``themes``, or list)."""
    if isinstance(getattr(vocab, "keys", None), list):  # pipeline.themes.Vocabulary: active keys
        return list(vocab.keys)
    themes = vocab
    if isinstance(vocab, Mapping) and "themes" in vocab:
        themes = vocab["themes"]
    elif not isinstance(vocab, Mapping) and hasattr(vocab, "themes"):
        themes = vocab.themes
    keys: list[str] = []
    if isinstance(themes, Mapping):
        for key, entry in themes.items():
            if not _is_retired(entry):
                keys.append(str(key))
        return keys
    for entry in themes:
        if isinstance(entry, str):
            keys.append(entry)
        elif isinstance(entry, Mapping):
            if not _is_retired(entry):
                keys.append(str(entry["key"]))
        elif not _is_retired(entry):
            keys.append(str(entry.key))
    return keys


def load_vocabulary_or_none() -> Any:
    """``pipeline.themes.load_vocabulary()``, or ``None`` while that module is not installed."""
    try:
        from pipeline.themes import load_vocabulary
    except ImportError as exc:
        if getattr(exc, "name", None) not in (None, "pipeline.themes") and "load_vocabulary" not in str(exc):
            raise
        return None
    return load_vocabulary()


def vocabulary_keys() -> list[str]:
    """Active keys of the curated vocabulary (``pipeline.themes``), or DESIGN §6's defaults before it exists."""
    vocab = load_vocabulary_or_none()
    return list(DEFAULT_THEME_KEYS) if vocab is None else _keys_of(vocab)


def canonical_keys(keys: list[str], vocab: Any = None) -> list[str]:
    """Keys with renamed themes' old keys (aliases) replaced by the current key; others unchanged, order kept.

    ``vocab`` = an already loaded vocabulary (default: load it).
    """
    vocab = vocab if vocab is not None else load_vocabulary_or_none()
    canonical = getattr(vocab, "canonical", None)
    out: list[str] = []
    for k in keys:
        try:
            k = canonical(k) if canonical else k
        except InputError:  # unknown: left for check_theme_keys to report
            pass
        if k not in out:
            out.append(k)
    return out


def added_theme_keys(conn: Connection) -> list[str]:
    """Keys added to the vocabulary by reviewers from clusters (``reviews`` kind ``vocabulary``)."""
    rows = conn.execute(
        sa.select(reviews.c.target, reviews.c.new).where(reviews.c.kind == "vocabulary").order_by(reviews.c.id)
    )
    keys: dict[str, bool] = {}
    for target, new in rows:
        keys[target] = not (isinstance(new, Mapping) and new.get("retired"))
    return [k for k, active in keys.items() if active]


def allowed_theme_keys(conn: Connection) -> list[str]:
    """Every key a reviewer may assign now: vocabulary keys, then reviewer-added keys not in it yet."""
    keys = vocabulary_keys()
    seen = set(keys)
    return keys + [k for k in added_theme_keys(conn) if k not in seen]


def parse_themes(themes: str | Iterable[str]) -> list[str]:
    """Theme keys from ``"a;b"`` (also ``,`` or ``|``) or a list: stripped, blanks and repeats dropped, order kept."""
    if isinstance(themes, str):
        for sep in (",", "|"):
            themes = themes.replace(sep, ";")
        parts: Iterable[str] = themes.split(";")
    else:
        parts = themes
    out: list[str] = []
    for p in parts:
        key = str(p).strip()
        if key and key not in out:
            out.append(key)
    return out


def check_theme_keys(themes: Iterable[str], allowed: Iterable[str], where: str = "") -> None:
    """Raise `InputError` naming every key in ``themes`` that is not in ``allowed``."""
    allowed_set = set(allowed)
    unknown = [t for t in themes if t not in allowed_set]
    if unknown:
        prefix = f"{where}: " if where else ""
        raise InputError(
            f"{prefix}unknown theme key(s) {', '.join(repr(u) for u in unknown)}; "
            f"known keys: {', '.join(sorted(allowed_set))}"
        )
