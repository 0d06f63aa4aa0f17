"""Which theme keys a reviewer may use: the curated vocabulary (``pipeline.themes``) plus themes added from clusters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline.errors import InputError
from pipeline.store.schema import reviews
from pipeline.themes.vocabulary import Vocabulary, load_vocabulary


def vocabulary_keys() -> list[str]:
    """Active keys of the curated vocabulary."""
    return load_vocabulary().keys


def canonical_keys(keys: list[str], vocab: Vocabulary | None = None) -> list[str]:
    """Keys with renamed themes' old keys (aliases) replaced by the current key; others unchanged, order kept.

    ``vocab`` = an already loaded vocabulary (default: load it).
    """
    vocab = vocab if vocab is not None else load_vocabulary()
    out: list[str] = []
    for k in keys:
        try:
            k = vocab.canonical(k)
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
