"""Person-name detection for Finnish (and some Swedish / English) report text, offline, from curated name lists.

Finnish capitalises proper nouns only, so a capitalised word inside a sentence is a name of *something*; the lists
and a few rules decide whether it is a person:

1. a known first name followed by a capitalised word ("Eija Hakala", "Jouni Mattilalle") - the surname may be
   unknown and inflected;
2. a cue word followed by a capitalised word ("asiakas Virtanen", "rouva Korhonen", "äiti Anna");
3. a known first name or surname on its own, in any case form ("Matin", "Korhoselle"), unless it is also a common
   word or a place (ambiguous.txt, places.txt: "Lahti", "Mäki", "Anna", "Toivo"), which then needs rule 1 or 2.

Sentence-initial capitalisation is not evidence: an ambiguous first name at the start of a sentence ("Anna
palautetta", "Toivo Lahdesta") only counts when the next word is an unambiguous surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.pseudonymise.entities import Entity
from pipeline.pseudonymise.inflection import lemma_candidates

NAME = "NIMI"

_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*")
# Punctuation that ends a sentence or starts a list item: the next word's capital letter says nothing.
_SENTENCE_BREAK_RE = re.compile(r"[.!?:;\n•–—*]|(?:^|\s)-\s")


@dataclass(frozen=True)
class Lexicon:
    """Lower-cased name lists.

    Attributes:
        first_names: given names (nominative).
        surnames: family names (nominative).
        ambiguous: names that are also common words or places and need context.
        places: places and organisations, never a person alone nor after a cue word.
        cues: words that mark the next capitalised word as a person's name.
    """

    first_names: frozenset[str]
    surnames: frozenset[str]
    ambiguous: frozenset[str]
    places: frozenset[str]
    cues: frozenset[str]


def _read_list(name: str) -> frozenset[str]:
    text = resources.files("pipeline.pseudonymise").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged name lists (read once per process)."""
    return Lexicon(
        first_names=_read_list("first_names.txt"),
        surnames=_read_list("surnames.txt"),
        ambiguous=_read_list("ambiguous.txt"),
        places=_read_list("places.txt"),
        cues=_read_list("cues.txt"),
    )


def _is_capitalised(tok: str) -> bool:
    return tok[0].isupper() and any(ch.islower() for ch in tok[1:]) and not any(ch.isdigit() for ch in tok)


@dataclass(frozen=True)
class _Word:
    """What the lists say about one capitalised token."""

    first: bool  # known first name, any case form
    first_nominative: bool  # known first name exactly as written
    surname: bool  # known surname, any case form
    ambiguous: bool  # also a common word or place
    place: bool  # a place or organisation
    compound: bool  # "Kela-asiointi": a capitalised word glued to a common noun


@lru_cache(maxsize=65536)
def _classify(tok: str) -> _Word:
    lex = load_lexicon()
    parts = re.split(r"[-'’]", tok)
    compound = len(parts) > 1 and any(p[:1].islower() for p in parts[1:])
    if len(parts) > 1 and not compound:
        # Double names: "Anna-Liisa" is a first name, "Virtanen-Korhonen" a surname; "Päijät-Hämeen" is a place.
        cands = lemma_candidates(tok)
        last = lemma_candidates(parts[-1])
        heads = [p.lower() for p in parts[:-1]]
        place = bool(cands & lex.places)
        first_nom = not place and all(h in lex.first_names for h in heads) and parts[-1].lower() in lex.first_names
        first_last = lemma_candidates(parts[-1], e_stems=False)
        first = not place and all(h in lex.first_names for h in heads) and bool(first_last & lex.first_names)
        surname = not place and bool(last & lex.surnames)
        return _Word(first, first_nom, surname, place, place, False)
    cands = lemma_candidates(tok)
    place = bool(cands & lex.places)
    return _Word(
        first=bool(lemma_candidates(tok, e_stems=False) & lex.first_names),
        first_nominative=tok.lower() in lex.first_names,
        surname=bool(cands & lex.surnames),
        ambiguous=place or bool(cands & lex.ambiguous),
        place=place,
        compound=compound,
    )


def find_names(text: str, taken: list[Entity] | None = None) -> list[Entity]:
    """Person names in `text`.

    Arguments:
        text: report text.
        taken: spans already claimed by other detectors (e-mail addresses, ...); tokens inside them are skipped.

    Returns:
        One entity per name token run, in text order; adjacent name tokens are merged by the caller.
    """
    lex = load_lexicon()
    taken = taken or []
    toks = [m for m in _TOKEN_RE.finditer(text) if not any(e.start < m.end() and m.start() < e.end for e in taken)]
    spans: list[Entity] = []
    n = len(toks)
    for i, m in enumerate(toks):
        tok = m.group()
        if not _is_capitalised(tok):
            continue
        w = _classify(tok)
        if w.compound:
            continue
        gap_before = text[toks[i - 1].end() : m.start()] if i else text[: m.start()]
        sentence_initial = i == 0 or bool(_SENTENCE_BREAK_RE.search(gap_before))
        nxt = toks[i + 1] if i + 1 < n else None
        nxt_word = None
        if nxt is not None and _is_capitalised(nxt.group()) and text[m.end() : nxt.start()] == " ":
            nxt_word = _classify(nxt.group())
            if nxt_word.compound:
                nxt_word = None

        # Rule 1: first name + capitalised word.
        if w.first_nominative and nxt_word is not None and (not nxt_word.place or nxt_word.surname):
            if not w.ambiguous:
                ok = True
            elif nxt_word.surname and not nxt_word.ambiguous:
                ok = True
            else:
                ok = not sentence_initial and not nxt_word.place
            if ok:
                spans.append(Entity(m.start(), nxt.end(), NAME))
                continue

        # Rule 2: cue word + capitalised word(s).
        prev = toks[i - 1].group().lower() if i else ""
        if prev in lex.cues and text[toks[i - 1].end() : m.start()].strip() == "" and not w.place:
            end = m.end()
            if nxt_word is not None and not nxt_word.place:
                end = nxt.end()
            spans.append(Entity(m.start(), end, NAME))
            continue

        # Rule 3: a known, unambiguous name on its own.
        if (w.first or w.surname) and not w.ambiguous:
            spans.append(Entity(m.start(), m.end(), NAME))
    return spans
