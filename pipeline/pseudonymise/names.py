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
_SPACE = " \t"
_SOFT_BREAK = ",\"'(“”"
# Finnish -nen surnames in any case ("Hyppöselle", "Kolehmaisen"): inside a sentence such a capitalised word is a
# family name even when it is not in the lists, because Finnish writes -nen adjectives and demonyms in lower case.
_NEN_SURNAME_RE = re.compile(
    r"[A-ZÅÄÖ][a-zåäö]{2,}(?:nen|sen|selle|sella|sellä|selta|seltä|sesta|sestä|sessa|sessä|seen|seksi|sena|senä)"
    r"(?:kin|kaan|kään)?"
)
# Derivations that look like -nen surnames but are common words: -llinen adjectives (Kansallisen), -us/-os nouns
# (Hallituksen, Messukeskuksessa), -lainen adjectives, and a few frequent -nen words below.
_NEN_NOT_SURNAME_RE = re.compile(r"(?:(?:lli|ittai|ittäi|llai|lläi|nlai|nläi)(?:se|nen)|kse)\w*$")
_NEN_WORDS = frozenset(
    "nainen ihminen viimeinen toinen ensimmäinen jokainen perinteinen valkoinen kansainvälinen akateeminen omainen "
    "läheinen suomalainen ruotsalainen venäläinen ulkomainen kotimainen erillinen yhteinen sisäinen ulkoinen "
    "tavallinen varsinainen keskinäinen pitkäaikainen lyhytaikainen absoluuttinen".split()
)


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


_DIGIT_RE = re.compile(r"\d")


def _is_capitalised(tok: str) -> bool:
    return tok[0].isupper() and not tok.isupper() and not _DIGIT_RE.search(tok)


def _previous_word(text: str, pos: int) -> tuple[str, bool] | None:
    """The word before `pos` and whether only spaces separate them; None when a sentence or list break, the start of
    the text or other punctuation comes first (a capital letter there says nothing). A comma or an opening quote
    between them still leaves `pos` inside the sentence."""
    k = pos
    while k and text[k - 1] in _SPACE:
        k -= 1
    adjacent = True
    if k and text[k - 1] in _SOFT_BREAK:
        adjacent = False
        k -= 1
        while k and text[k - 1] in _SPACE:
            k -= 1
    end = k
    while k and (text[k - 1].isalnum() or text[k - 1] == "_"):
        k -= 1
    return (text[k:end], adjacent) if k < end else None


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
    names = (lemma_candidates(tok, e_stems=False) & lex.first_names) | (cands & lex.surnames)
    # Ambiguous when every reading as a name is also a word or place: "Mäkistä" can only be Mäkinen (a name) even
    # though "Mäki" is ambiguous, while "Annalle" is only ever Anna.
    ambiguous = place or tok.lower() in lex.ambiguous or (bool(names) and names <= lex.ambiguous)
    return _Word(
        first=bool(lemma_candidates(tok, e_stems=False) & lex.first_names),
        first_nominative=tok.lower() in lex.first_names,
        surname=bool(cands & lex.surnames),
        ambiguous=ambiguous,
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
        prev = _previous_word(text, m.start())
        starts_clause = prev is None
        nxt = toks[i + 1] if i + 1 < n and text[m.end() : toks[i + 1].start()] == " " else None
        nxt_word = words[i + 1] if nxt is not None and not words[i + 1].compound else None

        # Rule 1: first name + capitalised word.
        if w.first_nominative and nxt_word is not None and (not nxt_word.place or nxt_word.surname):
            if not w.ambiguous:
                ok = True
            elif (nxt_word.surname or nxt_word.first_nominative) and not nxt_word.ambiguous:
                ok = True  # "Anna Korhonen", "Anna Maria Virtanen"
            else:
                ok = not starts_clause and not nxt_word.place
            if ok:
                spans.append(Entity(m.start(), nxt.end(), NAME))
                continue

        # Rule 2: cue word + capitalised word(s), unless the cue opens a Title Case heading ("Asiakas Kertoi
        # Tilanteesta").
        if (
            prev is not None
            and prev[1]
            and prev[0].lower() in lex.cues
            and not w.place
            and not (prev[0][0].isupper() and nxt is not None)
        ):
            end = nxt.end() if nxt_word is not None and not nxt_word.place else m.end()
            spans.append(Entity(m.start(), end, NAME))
            continue

        # Rule 1b: an unknown capitalised word inside a sentence, right before a known surname, is its first name
        # ("tapasimme Tuukka Sundströmin").
        if (
            not starts_clause
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
            continue

        # Rule 4: an unlisted -nen surname inside a sentence, after a lower-case word (a capitalised one before it
        # means a title or an organisation's name: "Kansallisen Audiovisuaalisen Instituutin").
        if (
            not starts_clause
            and prev[0][0].islower()
            and not w.place
            and _NEN_SURNAME_RE.fullmatch(m.group())
            and not _NEN_NOT_SURNAME_RE.search(m.group())
            and not lemma_candidates(m.group()) & _NEN_WORDS
        ):
            spans.append(Entity(m.start(), m.end(), NAME))
    return spans
