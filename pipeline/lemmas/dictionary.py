"""simplemma's dictionary lookup of a word or text: the non-Finnish route of every backend, and the simplemma backend."""

from __future__ import annotations

import logging
import marshal
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from pipeline.cache_files import keep_bytes
from pipeline.lemmas.tokenize import tokenize
from pipeline.lemmas.tokens import Token, make_token

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def load_simplemma():  # noqa: ANN202 - module object
    """The simplemma module, its dictionaries served from this machine's decoded copies (`_fast_dictionaries`).

    Call this (not ``import simplemma``) before simplemma's first lookup in a process: language detection, the
    lemma step's simplemma combination and the non-Finnish route all go through simplemma's one process-wide
    dictionary factory, and the first lookup per language loads that language's dictionary.
    """
    import simplemma  # a core dependency, imported on first use: the CLI's start-up does not need it

    _fast_dictionaries()
    return simplemma


def _decoded_path(lang: str, source: Path, version: str, cache_dir: Path) -> Path:
    st = source.stat()
    return cache_dir / "simplemma" / f"{lang}-{version}-{st.st_size}-{st.st_mtime_ns}.marshal"


def decoded_dictionary(lang: str, cache_dir: Path | None = None) -> dict[bytes, bytes]:
    """simplemma's dictionary of `lang` as the decoded ``dict`` it builds itself, read from this machine's copy
    under ``cache_dir`` (default ``settings.cache_dir``), which is written on the first call.

    Raises:
        ValueError: a language simplemma has no dictionary for (simplemma's own error).
    """
    from simplemma import __version__
    from simplemma.strategies.dictionaries import dictionary_factory as df

    source = df.DATA_FOLDER / f"{lang}.plzma"
    if not source.is_file():
        return df._load_dictionary_from_disk(lang)
    if cache_dir is None:
        from pipeline.settings import get_settings

        cache_dir = get_settings().cache_dir
    path = _decoded_path(lang, source, __version__, cache_dir)
    try:
        decoded = marshal.loads(path.read_bytes())
        if isinstance(decoded, dict):
            return decoded
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not built yet, or unreadable: decode and write it again
    decoded = df._load_dictionary_from_disk(lang)
    keep_bytes(path, marshal.dumps(decoded), "the decoded simplemma dictionary")
    return decoded


def _fast_dictionaries() -> None:
    """Serve simplemma's dictionaries from decoded copies (`decoded_dictionary`), so a process does not decode
    them again.

    simplemma ships each dictionary front-coded and decodes it record by record in Python on first use: the
    Finnish one (3.5 M entries) took 12-45 s on this machine's shared cores, Swedish and English another 2-9 s, in
    every process that detects a language or lemmatises (each nightly run, even one adding five reports). A
    ``marshal`` copy of the decoded ``dict`` loads 2.5-4.5 x faster and is the identical dictionary. If simplemma's
    internals differ from what this expects, nothing changes.
    """
    try:
        from simplemma.strategies.dictionaries import dictionary_factory as df

        factory = df.DEFAULT_DICTIONARY_FACTORY
        mapping = df.MappingStrToByteString
        factory._get_dictionary  # noqa: B018 - the cached loader this replaces
    except (ImportError, AttributeError) as exc:
        log.debug("simplemma dictionaries decoded the library's way: %s", exc)
        return
    def build(lang: str):  # noqa: ANN202 - a simplemma Mapping
        if lang in LAZY_LANGUAGES:
            return LazyDictionary(lang, lambda: mapping(decoded_dictionary(lang)))
        return mapping(decoded_dictionary(lang))

    # The factory's one process-wide cache (every simplemma entry point shares it), now filled from the copies.
    factory._get_dictionary = lru_cache(maxsize=8)(build)


# Languages whose dictionary a process reads key by key from an on-disk index until it has looked up enough words
# to pay for loading it whole: Finnish is loaded anyway (the spaCy backend combines with it), but Swedish and English
# (2-3 s together, in every nightly run) only decide the language of a few texts.
LAZY_LANGUAGES: frozenset[str] = frozenset({"sv", "en"})
# sqlite answers a lookup in ~5 us, loading the Swedish dictionary whole costs ~2 s: after this many lookups (a few
# hundred texts) the whole dictionary is cheaper.
_LAZY_LOOKUPS = 100_000


def _index_path(lang: str, cache_dir: Path | None = None) -> Path | None:
    from simplemma import __version__
    from simplemma.strategies.dictionaries import dictionary_factory as df

    source = df.DATA_FOLDER / f"{lang}.plzma"
    if not source.is_file():
        return None
    if cache_dir is None:
        from pipeline.settings import get_settings

        cache_dir = get_settings().cache_dir
    return _decoded_path(lang, source, __version__, cache_dir).with_suffix(".sqlite")


def dictionary_index(lang: str, cache_dir: Path | None = None) -> Path | None:
    """This machine's sqlite index of simplemma's `lang` dictionary (table ``d``: key, value as bytes), built from
    `decoded_dictionary` on the first call and kept under ``cache_dir`` (default ``settings.cache_dir``); None when
    simplemma ships no file for `lang` or the index cannot be written (the caller then loads the dictionary whole).
    """
    import os
    import sqlite3

    path = _index_path(lang, cache_dir)
    if path is None:
        return None
    if path.is_file():
        return path
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        con.execute("CREATE TABLE d (k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID")
        con.executemany("INSERT INTO d VALUES (?, ?)", decoded_dictionary(lang, cache_dir).items())
        con.commit()
        con.close()
        os.replace(tmp, path)  # a concurrent reader sees the whole index or none
    except (OSError, sqlite3.Error) as exc:
        log.warning("could not keep the simplemma %s index in %s: %s", lang, path, exc)
        tmp.unlink(missing_ok=True)
        return None
    return path


class LazyDictionary(Mapping):
    """simplemma's dictionary of one language, answering lookups from its sqlite index (`dictionary_index`) and
    loading the whole dictionary only after `_LAZY_LOOKUPS` of them, or for iteration. Every lookup returns what
    the loaded dictionary returns (the index holds the same keys and values), so language ids and lemmas do not
    change.

    Arguments:
        lang: the simplemma language code ("sv", "en").
        load: builds the whole dictionary (a simplemma str -> str Mapping) when the index no longer pays.
        cache_dir: where the index is kept (default ``settings.cache_dir``).
    """

    def __init__(self, lang: str, load, cache_dir: Path | None = None) -> None:  # noqa: ANN001 - a callable
        self.lang = lang
        self._cache_dir = cache_dir
        self._load = load
        self._whole = None
        self._con = None
        self._index_tried = False
        self.lookups = 0

    def _dictionary(self):  # noqa: ANN202 - the simplemma Mapping
        if self._whole is None:
            self._whole = self._load()
            if self._con is not None:
                self._con.close()
                self._con = None
            log.debug("simplemma %s dictionary loaded whole after %d lookups", self.lang, self.lookups)
        return self._whole

    def get(self, key: str, default=None):  # noqa: ANN001, ANN201 - Mapping.get
        if self._whole is None:
            self.lookups += 1
            if self.lookups <= _LAZY_LOOKUPS:
                if self._con is None and not self._index_tried:
                    import sqlite3

                    self._index_tried = True
                    path = dictionary_index(self.lang, self._cache_dir)
                    if path is not None:
                        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                if self._con is not None:
                    row = self._con.execute("SELECT v FROM d WHERE k = ?", (key.encode(),)).fetchone()
                    return row[0].decode() if row is not None else default
        return self._dictionary().get(key, default)

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self):  # noqa: ANN204
        return iter(self._dictionary())

    def __len__(self) -> int:
        return len(self._dictionary())


def release_simplemma() -> None:
    """Forget simplemma's loaded dictionaries (the factory cache `_fast_dictionaries` fills, and the legacy
    lemmatiser's token caches that hold lookups); the next lookup loads them again. With another simplemma layout
    nothing is freed."""
    import sys

    if "simplemma" not in sys.modules:  # nothing loaded: importing simplemma only to clear it costs a run 0.3 s
        return
    try:
        from simplemma.strategies.dictionaries import dictionary_factory as df

        df.DEFAULT_DICTIONARY_FACTORY._get_dictionary.cache_clear()
        import simplemma.lemmatizer

        simplemma.lemmatizer._legacy_lemmatizer_for.cache_clear()
    except (ImportError, AttributeError):  # another simplemma layout: its dictionaries stay loaded
        pass


def punct_upos(word: str) -> str | None:
    # simplemma does not tag; marking punctuation and numbers lets content_lemmas drop them the same way for
    # every backend.
    if not any(ch.isalnum() for ch in word):
        return "PUNCT"
    if not any(ch.isalpha() for ch in word):
        return "NUM"
    return None


def simplemma_lemma(word: str, language: str) -> str:
    """The simplemma lemma of one word (the word itself when simplemma does not know it)."""
    if punct_upos(word):
        return word
    return load_simplemma().lemmatize(word, lang=language)


def simplemma_tokens(text: str, language: str) -> list[Token]:
    """Tokenise and lemmatise one text with simplemma in `language` ("fi", "sv", "en")."""
    return [make_token(w, simplemma_lemma(w, language), punct_upos(w), language) for w in tokenize(text)]
