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

# A capitalised word, possibly hyphenated or with an apostrophe (Anna-Liisa, Päijät-Hämeen, O'Brien).
_CAP_RE = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞŠŽ]\w*(?:[-'’]\w+)*")
# The word before a token when only spaces or an opening quote/bracket separate them (no sentence break): its
# absence means the token starts a sentence, a list item or the text, where a capital letter says nothing.
_PREV_WORD_RE = re.compile(r"(\w+)[ \t]*[\"'(“”]?[ \t]*$")


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
        One entity per name or name part, in text order; the caller merges touching ones.
    """
    lex = load_lexicon()
    taken = taken or []
    # Only capitalised words can be names; looking at just those keeps this fast on long texts.
    toks = [
        m for m in _CAP_RE.finditer(text)
        if _is_capitalised(m.group()) and not any(e.start < m.end() and m.start() < e.end for e in taken)
    ]
    spans: list[Entity] = []
    n = len(toks)
    words = [_classify(m.group()) for m in toks]
    for i, m in enumerate(toks):
        w = words[i]
        if w.compound:
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        prev = _PREV_WORD_RE.search(before)
        sentence_initial = prev is None
        nxt = toks[i + 1] if i + 1 < n and text[m.end() : toks[i + 1].start()] == " " else None
        nxt_word = words[i + 1] if nxt is not None and not words[i + 1].compound else None

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
        if prev is not None and prev.group(1).lower() in lex.cues and not w.place:
            end = nxt.end() if nxt_word is not None and not nxt_word.place else m.end()
            spans.append(Entity(m.start(), end, NAME))
            continue

        # Rule 1b: an unknown capitalised word inside a sentence, right before a known surname, is its first name
        # ("tapasimme Tuukka Sundströmin").
        if (
            not sentence_initial
            and nxt_word is not None
            and nxt_word.surname
            and not nxt_word.ambiguous
            and not w.place
            and not w.first
        ):
            spans.append(Entity(m.start(), nxt.end(), NAME))
            continue

        # Rule 3: a known, unambiguous name on its own.
        if (w.first or w.surname) and not w.ambiguous:
            spans.append(Entity(m.start(), m.end(), NAME))
    return spans
