"""Registries of versioned component names, one per swappable part (like spaCy's ``registry``).

A component is a class or factory function registered under a versioned name; settings and run records store the
name, so a run can be reproduced with the same parts, and a new part is one new file plus one registration.

API::

    from pipeline.registry import registry

    @registry.embedders.register("embedder.sentence_transformers.v1")
    class SentenceTransformerEmbedder: ...

    factory = registry.embedders.get("embedder.sentence_transformers.v1")   # the registered object itself
    registry.embedders.names()                                             # sorted registered names
    "embedder.sentence_transformers.v1" in registry.embedders              # True

Registries: ``embedders``, ``lemmatizers``, ``theme_scorers``, ``signal_detectors``, ``export_writers``.

Names are ``<kind>.<implementation>.v<N>`` by convention (``lemmatizer.spacy_fi.v2``); bump ``N`` when a change
alters results, keep the old entry while stored runs refer to it. Registering a name twice raises
`RegistryError` (two parts must not silently replace each other); ``get`` of an unknown name raises
`UnknownComponentError` listing the known names. A registry is filled when the module defining the part is imported:
``get`` first imports the modules listed for that registry in ``_PROVIDERS`` so that callers never depend on
import order.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from pipeline.errors import SignaaliError

T = TypeVar("T")


class RegistryError(SignaaliError):
    """A component was registered twice under one name, or under a malformed name."""


class UnknownComponentError(RegistryError, KeyError):
    """A name that no component is registered under; the message lists the known names."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""


# The modules whose import registers each registry's built-in parts. A new built-in part in a new module adds that
# module here (parts registered by a module that is imported anyway, e.g. an export writer, need no entry).
_PROVIDERS: dict[str, tuple[str, ...]] = {
    "embedders": ("pipeline.embeddings.embedder", "pipeline.embeddings.onnx_int8"),
    "lemmatizers": ("pipeline.lemmas.spacy_fi", "pipeline.lemmas.simplemma_backend", "pipeline.lemmas.stanza_backend"),
    "theme_scorers": ("pipeline.themes.scorers", "pipeline.themes.head", "pipeline.themes.word_vectors",
                      "pipeline.themes.bank"),
    "signal_detectors": ("pipeline.signals",),
    "export_writers": ("pipeline.export.writers",),
}


class Registry:
    """Versioned names → registered objects for one kind of part.

    Args:
        kind: the registry's name (``embedders``), used in error messages and to find its provider modules.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, Any] = {}
        self._loaded = False

    def register(self, name: str) -> Callable[[T], T]:
        """A decorator registering the decorated class or function under ``name``; returns it unchanged."""
        if not name or name != name.strip() or " " in name:
            raise RegistryError(f"{self.kind}: malformed component name {name!r}")

        def decorate(obj: T) -> T:
            if name in self._items and self._items[name] is not obj:
                raise RegistryError(f"{self.kind}: {name!r} is already registered "
                                    f"({self._items[name]!r}); choose a new version number")
            self._items[name] = obj
            return obj

        return decorate

    def _load(self) -> None:
        # Import the built-in providers once; an ImportError propagates (a broken part must fail loudly).
        if not self._loaded:
            self._loaded = True
            for module in _PROVIDERS.get(self.kind, ()):
                importlib.import_module(module)

    def get(self, name: str) -> Any:
        """The object registered under ``name``; raises `UnknownComponentError` naming the known names."""
        self._load()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(self.names()) or "none"
            raise UnknownComponentError(f"unknown {self.kind[:-1].replace('_', ' ')} {name!r}; "
                                        f"known: {known}") from None

    def names(self) -> list[str]:
        """The registered names, sorted."""
        self._load()
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        self._load()
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}, {sorted(self._items)})"


class _Registries:
    """The project's registries as attributes (``registry.embedders`` …)."""

    def __init__(self) -> None:
        self.embedders = Registry("embedders")
        self.lemmatizers = Registry("lemmatizers")
        self.theme_scorers = Registry("theme_scorers")
        self.signal_detectors = Registry("signal_detectors")
        self.export_writers = Registry("export_writers")


registry = _Registries()
