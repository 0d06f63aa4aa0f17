"""The curated theme vocabulary (DESIGN §6): a versioned YAML file of stable keys with labels, descriptions and
seed keyword lemmas. Users add, rename (the old key stays as an alias) and retire themes; each change bumps the version.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from pipeline.errors import InputError

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_TEXT_FIELDS = ("label_fi", "label_en", "description_fi", "description_en")


@dataclass(frozen=True)
class Theme:
    """One theme of the vocabulary.

    Attributes:
        key: stable identifier (``mental_health``).
        label_fi, label_en: display labels.
        description_fi, description_en: what the theme covers (the Finnish one is embedded for zero-shot scoring).
        keywords: lowercase lemma stems; a stem matches inside a lemma (Finnish compounds), ``^stem`` only at the
            start of a lemma, ``=word`` only the whole lemma; several words match consecutive lemmas.
        examples_fi: short example statements of the theme (written from its definition); each is embedded and a
            report's description similarity is the mean of the best description's and the best example's.
        description_sv: a Swedish description (embedded with the Finnish and English ones; the best one counts).
        examples_sv, examples_en: example statements in Swedish and English (reports in those languages).
        offset: added to the theme's zero-shot score before selection (calibrated on the dev corpus by
            ``bench/themes_zeroshot_cv.py``; 0 for a new theme).
        aliases: earlier keys of this theme.
        retired: retired themes are no longer assigned.
    """

    key: str
    label_fi: str
    label_en: str
    description_fi: str
    description_en: str = ""
    keywords: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    retired: bool = False
    examples_fi: tuple[str, ...] = ()
    description_sv: str = ""
    examples_sv: tuple[str, ...] = ()
    examples_en: tuple[str, ...] = ()
    offset: float = 0.0

    @property
    def descriptions(self) -> list[tuple[str, str]]:
        """``(language, text)`` of the theme's descriptions, each prefixed by its label (fi, and en/sv when given)."""
        out = [("fi", f"{self.label_fi}: {self.description_fi}")]
        if self.description_en:
            out.append(("en", f"{self.label_en}: {self.description_en}"))
        if self.description_sv:
            out.append(("sv", self.description_sv))
        return out

    @property
    def examples(self) -> list[tuple[str, str]]:
        """``(language, text)`` of the example statements in every language."""
        return [(lang, e) for lang in ("fi", "sv", "en") for e in getattr(self, f"examples_{lang}")]

    def to_dict(self) -> dict:
        out = {"label_fi": self.label_fi, "label_en": self.label_en, "description_fi": self.description_fi,
               "description_en": self.description_en, "keywords": list(self.keywords),
               "aliases": list(self.aliases), "retired": self.retired}
        if self.description_sv:
            out["description_sv"] = self.description_sv
        for name in ("examples_fi", "examples_sv", "examples_en"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.offset:
            out["offset"] = self.offset
        return out


@dataclass(frozen=True)
class Vocabulary:
    """A versioned set of themes, in file order."""

    version: int
    themes: tuple[Theme, ...] = field(default_factory=tuple)
    path: Path | None = None

    @property
    def id(self) -> str:
        """The id a run record names, e.g. ``vocabulary.v3``."""
        return f"vocabulary.v{self.version}"

    @property
    def active(self) -> list[Theme]:
        """Themes that are assigned (not retired)."""
        return [t for t in self.themes if not t.retired]

    @property
    def keys(self) -> list[str]:
        """Keys of the active themes."""
        return [t.key for t in self.active]

    def get(self, key: str) -> Theme:
        """The theme with this key or alias.

        Raises:
            InputError: no theme has this key or alias.
        """
        for t in self.themes:
            if t.key == key or key in t.aliases:
                return t
        raise InputError(f"unknown theme '{key}' (known: {', '.join(t.key for t in self.themes)})")

    def canonical(self, key: str) -> str:
        """The current key of a key or alias (labels stored before a rename keep meaning the same theme)."""
        return self.get(key).key

    def to_dict(self) -> dict:
        return {"version": self.version, "themes": {t.key: t.to_dict() for t in self.themes}}


def _theme_from(key: str, raw: dict, where: str) -> Theme:
    if not _KEY.match(key):
        raise InputError(f"{where}: theme key '{key}' must be lowercase letters, digits and _")
    if not isinstance(raw, dict):
        raise InputError(f"{where}: theme '{key}' must be a mapping")
    for f in ("label_fi", "label_en", "description_fi"):
        if not str(raw.get(f) or "").strip():
            raise InputError(f"{where}: theme '{key}', field '{f}': missing")
    kws = tuple(str(k).strip().lower() for k in raw.get("keywords") or [] if str(k).strip())
    try:
        offset = float(raw.get("offset") or 0.0)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: theme '{key}', field 'offset': not a number") from exc

    def texts(name: str) -> tuple[str, ...]:
        return tuple(" ".join(str(e).split()) for e in raw.get(name) or [] if str(e).strip())

    return Theme(key=key, label_fi=str(raw["label_fi"]).strip(), label_en=str(raw["label_en"]).strip(),
                 description_fi=" ".join(str(raw["description_fi"]).split()),
                 description_en=" ".join(str(raw.get("description_en") or "").split()),
                 keywords=kws, aliases=tuple(str(a) for a in raw.get("aliases") or []),
                 retired=bool(raw.get("retired", False)),
                 examples_fi=texts("examples_fi"), description_sv=" ".join(str(raw.get("description_sv") or "").split()),
                 examples_sv=texts("examples_sv"), examples_en=texts("examples_en"), offset=offset)


_PARSED: dict[str, object] = {}


def _parse_yaml(text: str) -> object:
    """``yaml.safe_load(text)``, parsed once per distinct text in a process and handed out as a deep copy.

    A nightly run reads the vocabulary in ingest, topics, themes (twice) and export; parsing it took 0.15-0.3 s each
    time on the shared cores, a copy of the parsed data takes under a millisecond. Keyed by the text itself, so an
    edited file is parsed again.
    """
    if text not in _PARSED:
        if len(_PARSED) > 8:  # a process that reads many vocabularies (tests) keeps only the latest few
            _PARSED.clear()
        _PARSED[text] = yaml.safe_load(text)
    return copy.deepcopy(_PARSED[text])


def load_vocabulary(path: Path | str | None = None) -> Vocabulary:
    """Read and validate the vocabulary YAML.

    Arguments:
        path: the YAML file; default ``get_settings().vocabulary_path``.

    Returns:
        The vocabulary.

    Raises:
        InputError: the file is missing or malformed (the message names the file and field).
    """
    if path is None:
        from pipeline.settings import get_settings

        path = get_settings().vocabulary_path
    path = Path(path)
    try:
        raw = _parse_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read vocabulary: {exc}") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("themes"), dict):
        raise InputError(f"{path}: field 'themes': expected a mapping of theme keys")
    try:
        version = int(raw.get("version", 1))
    except (TypeError, ValueError) as exc:
        raise InputError(f"{path}: field 'version': not an integer") from exc
    themes = tuple(_theme_from(str(k), v, str(path)) for k, v in raw["themes"].items())
    seen: dict[str, str] = {}
    for t in themes:
        for name in (t.key, *t.aliases):
            if name in seen and seen[name] != t.key:
                raise InputError(f"{path}: key or alias '{name}' used by both '{seen[name]}' and '{t.key}'")
            seen[name] = t.key
    return Vocabulary(version=version, themes=themes, path=path)


_HEADER = ("# Signaali theme vocabulary (DESIGN §6); see the comments in the packaged default for the keyword syntax.\n"
           "# Written by pipeline.themes.vocabulary: edit freely, keep keys stable, bump version when you change it.\n")


def save_vocabulary(vocab: Vocabulary, path: Path | str | None = None) -> Path:
    """Write the vocabulary as YAML (to ``path``, else where it was read from); returns the path."""
    target = Path(path) if path is not None else vocab.path
    if target is None:
        raise InputError("save_vocabulary: no path given and the vocabulary was not read from a file")
    text = yaml.safe_dump(vocab.to_dict(), allow_unicode=True, sort_keys=False, width=110)
    target.write_text(_HEADER + text, encoding="utf-8")
    return target


def _bumped(vocab: Vocabulary, themes: list[Theme]) -> Vocabulary:
    return Vocabulary(version=vocab.version + 1, themes=tuple(themes), path=vocab.path)


def add_theme(vocab: Vocabulary, key: str, label_fi: str, label_en: str, description_fi: str,
              keywords: list[str] | None = None, description_en: str = "", save: bool = True) -> Vocabulary:
    """A new vocabulary with one more theme (version + 1); written back to its file when ``save``.

    Raises:
        InputError: the key is malformed or already used (as a key or alias).
    """
    if any(key == t.key or key in t.aliases for t in vocab.themes):
        raise InputError(f"theme '{key}' already exists")
    theme = _theme_from(key, {"label_fi": label_fi, "label_en": label_en, "description_fi": description_fi,
                              "description_en": description_en, "keywords": keywords or []}, "add_theme")
    new = _bumped(vocab, [*vocab.themes, theme])
    if save:
        save_vocabulary(new)
    return new


def rename_theme(vocab: Vocabulary, old: str, new_key: str, save: bool = True) -> Vocabulary:
    """Rename a theme's key; the old key is kept as an alias so stored labels still resolve (version + 1)."""
    theme = vocab.get(old)
    if not _KEY.match(new_key):
        raise InputError(f"theme key '{new_key}' must be lowercase letters, digits and _")
    if any(new_key == t.key or (new_key in t.aliases and t.key != theme.key) for t in vocab.themes):
        raise InputError(f"theme '{new_key}' already exists")
    aliases = tuple(a for a in (*theme.aliases, theme.key) if a != new_key)
    renamed = replace(theme, key=new_key, aliases=aliases)
    new = _bumped(vocab, [renamed if t.key == theme.key else t for t in vocab.themes])
    if save:
        save_vocabulary(new)
    return new


def retire_theme(vocab: Vocabulary, key: str, save: bool = True) -> Vocabulary:
    """Mark a theme retired: it is no longer assigned but old labels stay readable (version + 1)."""
    theme = vocab.get(key)
    new = _bumped(vocab, [replace(t, retired=True) if t.key == theme.key else t for t in vocab.themes])
    if save:
        save_vocabulary(new)
    return new
