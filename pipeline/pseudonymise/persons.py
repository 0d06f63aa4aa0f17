"""Person names from several detectors, combined: the list rules of `names.py`, Voikko's lexicon, spaCy's NER and
capitalisation, then every part of a found name and every other mention of it in the same report.

Evidence per capitalised token (Finnish capitalises proper nouns only, so such a word inside a sentence is a name of
*something*; the question is whether of a person):

- a **place or organisation** (the known-areas and place lists, Voikko's ``paikannimi``, a Swedish place form such as
  "Lahtisregionen", NER GPE/LOC/FAC, the organisation list) is never turned into a name on its own evidence;
- a word Voikko knows **only as a first name or surname** ("Hakalan", "Nguyen") is a name anywhere;
- a word **Voikko does not know** at all, inside a sentence, is a name unless NER or a list calls it a place or an
  organisation ("Warsamen", "Hosseinin", "Petrenkolle"); at the start of a sentence it needs NER (PERSON) or a
  neighbouring name part;
- a word that is **also a common word** ("Toivo", "Onni", "Armas", "Virta") needs the list rules, NER PERSON (inside
  a sentence), or a neighbouring name part;
- an unknown word in a **person context** is a name even where NER says GPE/ORG: a genitive before a kinship or role
  noun ("Prasertin äiti"), a sentence-initial subject of a verb of saying ("Wanida kertoi"), the object of a person
  verb ("Kysyin Wanidalta", "träffade Wanida"), a list joined to a name ("Anan, Pornthip ja …"), or a foreign name
  shape at sentence start (-porn, -zadeh, -enko …); words of `data/not_names.txt` (devices, drugs) never are;
- for Swedish and English text "does not know" means neither Voikko nor simplemma's dictionary of that language.

Union for persons: a name either the rules or NER finds is replaced, with the place/organisation guard above. Then the
name grows over adjacent name parts (first names, hyphenated parts, particles al-/bin/ibn/van/von/af/de) and every
other capitalised token in the report that is a case form of a found name part is replaced too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pipeline.pseudonymise.entities import Entity
from pipeline.pseudonymise.inflection import lemma_candidates
from pipeline.pseudonymise.names import NAME, _classify, _previous_word, find_names, load_lexicon
from pipeline.pseudonymise.shape import name_shape
from pipeline.pseudonymise.ner import (
    NAME_CLASSES,
    ORG_LABELS,
    PERSON,
    PLACE_CLASS,
    PLACE_LABELS,
    NerSpan,
    SpacyNer,
    voikko_classes,
)

# A capitalised word, with an Arabic article or Dutch/Irish prefix glued on ("al-Hassan", "O'Brien", "McLean").
_PREFIX = r"(?:(?:al|el|ul|as|ash|ad|an|ar|at|az|abd|abu|bin|ibn|bint|ben|d)[-'’])?"
_TOKEN_RE = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞŠŽ][\w]*(?:[-'’][\w]+)*")
# v5: any upper-case letter opens a token ("Łukasz", "Şahinille", "Ōta"); the capital check follows in tokens_of.
_TOKEN_RE_V5 = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ][\w]*(?:[-'’][\w]+)*")
_PREFIXED_RE = re.compile(r"(?<![\w'’-])(?:al|el|ul|as|ash|ad|an|ar|at|az|abd|abu|bin|ibn|bint|ben|d)[-'’][A-ZÀ-ÖØ-Þ]\w*(?:[-'’]\w+)*")
# Particles written as separate lower-case words inside a name ("bin Laden", "van der Berg", "af Forselles").
_PARTICLES = frozenset(
    "al el bin ibn bint ben abu abd van von af de der den da das di dos du la le ter zu ul los las del della".split()
)
# Particles that are also Swedish, English or Romance words ("de" = they, "den", "la"): they join a name only between
# two of its parts or before another particle ("de los Santos"); the others also open one ("van Dijk", "af Hällström").
_WORD_PARTICLES = frozenset("de der den da di du la le el al".split())
# Initials before a name ("M. Ekholm", "U.-B. Strandberg", "Ma. Lourdes"): part of it.
_INITIALS_BEFORE = re.compile(r"(?<![\w.-])(?:[A-ZÅÄÖ][a-z]?\.(?:-[A-ZÅÄÖ][a-z]?\.)?\s){1,3}$")
_PARTICLE_RE = re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + r")(?![\w'’-])")
# Swedish place forms of a known town: "Lahtisregionen", "Borgånejden", "Helsingforsområdet".
_SV_PLACE_SUFFIX = ("regionen", "området", "nejden", "trakten", "kommun", "kommunen", "staden", "stad", "län", "s")
_SV_PLACE_END = ("regionen", "området", "nejden", "kommun", "kommunen", "staden", "länet")
# A street name in any case ("Aleksanterinkadulle", "Koulutiellä", "Storgatan"): a place, never a person. Only heads
# that are not also surname parts (-mäki, -ranta, -harju are both).
_STREET_WORD = re.compile(
    r"..(?:katu|kadu|tie|kuja|polku|polu|raitti|raiti|väylä|aukio|puistikko|bulevardi|gatan|vägen|gränd)"
    r"(?:[a-zåäö]{0,5})$"
)
_INNER_CAPITAL = re.compile(r"^.[a-zåäö]*[A-ZÅÄÖ]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”'»)]*\s+|\n+")


def _read(name: str) -> frozenset[str]:
    text = resources.files("pipeline.pseudonymise").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


@lru_cache(maxsize=1)
def known_areas() -> frozenset[str]:
    """Lower-cased known `area` values: municipalities (Finnish and Swedish), 'koko <maakunta>', regions,
    'valtakunnallinen'."""
    return _read("areas.txt")


@lru_cache(maxsize=1)
def _organisations() -> frozenset[str]:
    return _read("organisations.txt")


@lru_cache(maxsize=1)
def _single_areas() -> frozenset[str]:
    return frozenset(a for a in known_areas() if " " not in a)


@lru_cache(maxsize=1)
def _colloquial() -> frozenset[str]:
    """Spoken-Finnish forms Voikko does not know ("mulla", "mun"): capitalised at a turn start, never a name."""
    from pipeline.lemmas.spacy_fi import colloquial_lexicon

    return frozenset(colloquial_lexicon())


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return _read("not_names.txt")


_CASE_TAIL = re.compile(r"^(?:[aeiouyäö]?(?:n|a|ä|lla|llä|lle|lta|ltä|ssa|ssä|sta|stä|ksi|na|nä|ta|tä|t)?)(?:kaan|kään|kin|ko|kö|han|hän)?$")


def guarded(word: str) -> bool:
    """A device, drug or service word (data/not_names.txt) in any case form ("Bipapille", "Alphallakaan"): never a
    name."""
    lower = word.lower()
    # A long stem also guards its compounds ("Furesisannosta").
    return any(lower.startswith(g) and (len(g) >= 6 or _CASE_TAIL.match(lower[len(g):])) for g in _not_names())


# Person context around a capitalised word no lexicon knows. Kinship and role nouns after a genitive ("Wongsawatin
# perhe", "Prasertin äiti"), a verb whose subject is a person right after a sentence-initial word ("Somchai kertoi"),
# a verb whose object or addressee is a person right before the word ("Kysyin Wanidalta", "träffade Wanida").
_KIN_NOUN = re.compile(
    r"(?:perhe|perheen|perheelle|perheessä|perheellä|äiti|äidi\w*|isä\w*|lapset|lapsi|lapsen|lapsill\w*|lasten|puoliso\w*|"
    r"veli|veljen|veljelle|sisko\w*|sisar\w*|asiak\w*|huoltaj\w*|tytär|tyttär\w*|poika|pojan|vaimo\w*|mies|miehen|"
    r"vanhem\w*|kotona|kotiin|luona|luokse|luota|kanssa|mukaan|tilanne|tilanteesta|asun\w*|hakemu\w*|tytöt|pojat|"
    r"mielestä|mielipide\w*|toive\w*|puolesta)$"
)
_LOOSE_NOUN = re.compile(r"(?:kotona|kotiin|luona|luokse|luota|kanssa|mukaan|tilanne|tilanteesta|asun\w*|hakemu\w*)$")
_SUBJECT_VERB = frozenset(
    "kertoi sanoi soitti kävi kertoo sanoo soittaa käy toivoo toivoi pyysi pyytää ilmoitti ilmoittaa kysyi kysyy vastasi "
    "halusi haluaa odottaa odotti asuu asui tuli tulee lähti muutti kieltäytyi suostui itki nauroi pelkää pelkäsi "
    "huolestui jäi saapui osallistui allekirjoitti totesi kuvasi mainitsi painotti myönsi kiisti "
    "berättade sa sade ringde kom bor vill säger said told called asked lives came wants says".split()
)
_OBJECT_VERB = frozenset(
    "kysyin kysyi kysyimme soitin soitti soitimme sanoin sanoi kerroin kertoi lähetti lähetin lähetimme tapasin tapasi "
    "tapasimme neuvoin neuvoi ohjasin ohjasi autoin auttoi kirjeen viestin päätöksen tiedon "
    "träffade ringde till frågade met called asked told helped visited med with klienten client "
    "familjen family".split()
)
# v5: more verbs read on the tuning sets' misses: a person's verb after a sentence-initial word ("Saba besökte",
# "Kersti har flyttat" is the aux rule), and words whose object or addressee is a person ("Luotamme X:iin", "Olemme
# huolissamme X:sta", "Otin yhteyttä X:iin", "soitto X:lle").
_SUBJECT_VERB_V5 = frozenset(
    "besökte flyttade ringer kommer träffade bodde came attended went moved visited lived phoned toivoo sai "
    "muuttaa muutti".split()
)
_OBJECT_VERB_V5 = frozenset(
    "yhteyttä luotamme huolissamme kiitimme annoimme ehdotin ehdotimme lähetimme välitin välitimme pyydettiin "
    "tavoittaneet tavanneet havainneet vierailimme kävimme ohjasimme soitto tavattiin riitaantunut tapasimme "
    "about".split()
)
# "Läraren berättade att Toivo har", "The teacher said that Mahtab has": a subject slot inside the sentence.
_SUBORDINATOR_V5 = frozenset("att that että".split())
# "The Vo family", "Hanhin perhe": a family noun right after the word.
_FAMILY_AFTER = frozenset("family familj familjen perhe perheen perheelle perheessä".split())


def _person_context(text: str, t: _Tok, strict: bool = False, version: str = "v3", aux: bool = True) -> bool:
    """Whether the words around `t` make it a person (see the cue sets above); `strict` leaves out the postpositions
    and nouns that follow any genitive ("Sanan mukaan", "Talon tilanne"). v5 adds the verbs of `_SUBJECT_VERB_V5` /
    `_OBJECT_VERB_V5`, a subject right after "att" / "that", and keeps "Mentoria ei ole" (a Finnish partitive
    simplemma knows) out of the "ei/on" rule; `aux` False leaves the "ei/on" rule out ("Jag ska" is no evidence)."""
    v5 = version == "v5"
    after = re.match(r"\s+([a-zåäö]+)", text[t.end:])
    nxt = after.group(1) if after else ""
    before = re.search(r"([a-zåäö]+)\s+$", text[max(0, t.start - 30):t.start].lower())
    prev = before.group(1) if before else ""
    subject_slot = t.clause_start or (v5 and prev in _SUBORDINATOR_V5)
    if nxt and t.text[-1:] == "n" and _KIN_NOUN.match(nxt) and not (strict and _LOOSE_NOUN.match(nxt)):
        return True
    if subject_slot and (nxt in _SUBJECT_VERB or (v5 and nxt in _SUBJECT_VERB_V5)):
        return True
    if (aux and subject_slot and nxt in _SUBJECT_AUX and name_shape(t.text) >= SHAPE_AUX
            and not (v5 and _known_word(t.text, "fi_simplemma"))):
        return True  # "Zana ei ole käynyt koulussa": a name-shaped subject of "ei" / "on" / "oli"
    if nxt in _FAMILY_AFTER:
        return True
    # v5's added verbs also take organisations ("otti yhteyttä Folkhälsaniin"): only a word spelt somewhat like a name.
    return bool(prev and (prev in _OBJECT_VERB or (v5 and prev in _OBJECT_VERB_V5
                                                   and name_shape(t.text) >= SHAPE_FLOOR)))


# Verbs of saying and contacting: after a sentence-initial word that is also a common word ("Tuuli kertoi", "Kivi
# sanoi") only a person fits; "Toivo paremmasta ei riitä" and "Onni ei saa olla kiinni" keep their word.
_SAYING_VERB = frozenset(
    "kertoi sanoi soitti kysyi vastasi ilmoitti totesi pyysi kieltäytyi suostui itki nauroi kertoo sanoo kysyy "
    "berättade sa sade ringde frågade svarade said told called asked answered replied".split()
)
# Swedish genitive -s and English 's before these nouns mark a person ("Elsas mamma", "Duale's application").
_POSSESSED_NOUN = frozenset(
    "mamma pappa son dotter bror syster barn föräldrar man fru familj telefonnummer adress ansökan lägenhet "
    "mother father son daughter brother sister children parents husband wife family phone application address "
    "flat apartment case situation".split()
)
# An age note right after a word ("Armas (8 v)", "Usko 7 v", "Sara (5 år)"): a child's name.
_AGE_NOTE = re.compile(r"^,?\s*\(?\d{1,2}\s?(?:v|v\.|vuotta|år|yrs?|years?)\b\)?")


def _possessive_name(t: _Tok, text: str, language: str) -> bool:
    """A Swedish genitive -s or an English 's on a name-like word before a kinship or possession noun."""
    if _next_word(text, t) not in _POSSESSED_NOUN or t.place or t.org:
        return False
    if language == "sv" and t.text.endswith("s") and len(t.text) >= 4:
        stem = t.text[:-1]
    elif language == "en" and t.text.endswith(("'s", "’s")):
        stem = t.text[:-2]
    else:
        return False
    return (not _known_capitalised(stem, language)) and (
        bool(voikko_classes(stem) & NAME_CLASSES) or _classify(stem).first or _classify(stem).surname
        or name_shape(stem) >= SHAPE_JOIN)


# Verbs that follow any subject ("Se ei", "Kalymnos on"): evidence only for a word spelt like a name.
_SUBJECT_AUX = frozenset("ei on oli ole olisi voi saa joutui aikoo har är var hade kan ska inte is was has had".split())


# Foreign surname and given-name shapes Finnish words do not have (Thai -porn/-chai/-sak/-wat, Persian -zadeh/-pour/
# Slavic -enko/-chuk, Estonian -mäe/-saar): a sentence-initial unknown word of this shape is a name.
_FOREIGN_SHAPE = re.compile(
    r"(?:porn|chai|sak|wat|rat|pong|thip|zadeh|pour|ian|enko|chuk|czuk|ovych|ivna|ovna|sky|skyi|mäe|saar|berg|"
    r"oglu|nejad|khan|abadi|ullah)(?:in|ia|ille|illa|ista|iin|n|lle|lla|sta|a)?$"
)


# Whether an unknown capitalised word inside a sentence that NER gives no label is a name (capitalisation alone).
UNLABELLED_UNKNOWN_IS_NAME = True
# Whether a Finnish word with a name reading besides a common one ("Toivo", "Rauha", "Salo"), capitalised inside a
# sentence after a lower-case word, is a name (capitalisation as the evidence; places are guarded before).
WEAK_INSIDE_IS_NAME = True
# "Kivi ja Virta", "Salo tai Koski": a word coordinated with a capitalised word shares its reading; a name in such a
# list is found by the list rule once its neighbour is one.
_COORDINATED = re.compile(r"[A-ZÅÄÖ][\w-]*,?\s+(?:ja|tai|sekä|eli|eikä)\s$")
# Nouns that introduce the title of a work, a ship or a business ("näytelmän Ranta", "kirjassa Kivi"): what follows
# names a thing.
_TITLE_NOUN = re.compile(
    r"(?:näytelmä|kirja|elokuva|laulu|levy|sarja|teos|romaani|runo|kappale|yhtye|bändi|lehti|ohjelma|laiva|"
    r"hotelli|ravintola|yritys|kauppa|firma|kahvila|baari|projekti|hanke|merkki|malli)[a-zäö]{0,6}\s$"
)

# Thresholds on the character n-gram name likelihood (shape.py), tuned on bench/data/pii_dev and the UD treebanks.
SHAPE_FLOOR = 0.1  # an unknown word this unlike any name needs NER's PERSON or a cue ("Hohhoijaa", "Bundesrat")
SHAPE_START = 0.9  # an unknown word at sentence start this name-like is one ("Somchai odottaa", "Xirsi kertoi")
SHAPE_OVER_NER = 0.95  # an unknown word this name-like outweighs NER's GPE outside the place cases ("Nasrin", "Anan")
SHAPE_KNOWN = 0.93  # a common word capitalised inside a sentence this name-like is a name ("Soran", "Sahralle")
SHAPE_START_KNOWN = 0.95  # a sentence-initial common word this name-like, before "kertoi" / "äiti", is a name
SHAPE_NER_START = 0.3  # a sentence-initial unknown word NER calls PERSON needs this much name shape ("Punanen")
SHAPE_NER_START_V4 = 0.03  # v4: NER's PERSON on a sentence-initial unknown word needs this much ("Socialjouren" 0.01)
SHAPE_JOIN = 0.6
SHAPE_AUX = 0.6  # a sentence-initial unknown word this name-like before "ei" / "on" / "oli" is its subject
SHAPE_ENGLISH = 0.5  # a word simplemma's English dictionary knows is English below this name shape  # a sentence-initial word this name-like next to a name part belongs to it ("Reet Kivimäe")
# Where places stand in Finnish (inessive, elative, illative): NER's GPE there is believed over the spelling.
_PLACE_CASE = re.compile(r"(?:ssa|ssä|sta|stä|aan|ään|een|iin|oon|uun|yyn|öön|hin|seen)$")


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    clause_start: bool
    place: bool = False
    org: bool = False
    cue: bool = False
    strong: bool = False  # only ever a person's name
    weak: bool = False  # a name reading besides a common one
    unknown: bool = False  # no lexicon knows it
    particle: bool = False
    name: bool = False  # the decision
    why: str = ""  # which rule made it a name (for debugging and the tests)
    label: str | None = None  # NER's label, where NER was asked


def _known_word(word: str, language: str) -> bool:
    """simplemma's dictionary of `language` knows the word (never asked for Finnish: Voikko decides there; the
    pseudo-language "fi_simplemma" asks simplemma's Finnish dictionary, which also holds many names)."""
    if language == "fi":
        return False
    if language == "fi_simplemma":
        language = "fi"
    try:
        import simplemma

        return simplemma.is_known(word.lower(), lang=language) or simplemma.is_known(word, lang=language)
    except (ImportError, ValueError):
        return False


@lru_cache(maxsize=100_000)
def _evidence(word: str, language: str) -> tuple[bool, bool, bool, bool, bool]:
    """(place, org, strong, weak, unknown) for one capitalised token, from the lists and the lexicons."""
    lower = word.lower()
    cands = lemma_candidates(word)
    listed = _classify(word)
    areas = _single_areas()
    org = bool(cands & _organisations()) or bool(_INNER_CAPITAL.match(word) and not re.match(r"^(?:Mc|Mac|O'|D')", word))
    place = listed.place or bool(cands & areas) or bool(_STREET_WORD.search(lower))
    if not place:
        for town in areas:
            if lower.startswith(town) and (lower[len(town):] in _SV_PLACE_SUFFIX):
                place = True
                break
        if lower.endswith(_SV_PLACE_END):
            place = True
    parts = re.split(r"[-'’]", word)
    classes: set[str] = set()
    for p in parts:
        if p and p[0].isupper():
            classes |= voikko_classes(p)
    if PLACE_CLASS in classes and not listed.first and not listed.surname:
        place = True
    name_cls = classes & NAME_CLASSES
    other = classes - NAME_CLASSES - {""}
    listed_name = (listed.first or listed.surname) and not listed.ambiguous
    strong = (bool(name_cls) and not other) or listed_name
    weak = (bool(name_cls) and bool(other)) or ((listed.first or listed.surname) and listed.ambiguous)
    if guarded(word):
        return place, True, False, False, False
    unknown = (not classes and not listed.first and not listed.surname and not _known_word(word, language)
               and lower not in _colloquial())
    if language != "fi" and not strong and _known_word(word, language):
        # Swedish/English common words and places (Sverige, Monday): simplemma's dictionary knows them.
        weak = weak or bool(name_cls)
    return place, org, strong and not place, weak, unknown and not place and not org


def _foreign_text_unknown(t: _Tok, language: str) -> bool:
    """In a Swedish or English text, a word whose only readings are Finnish common words or a name ("Sahra", "Maja",
    "Ilves") and that the text's own dictionary does not hold: unknown there. Only used with a person context: a
    Finnish sentence inside a text detected as Swedish keeps its "Anna palautetta"."""
    return (language != "fi" and not t.place and not t.org and not t.particle
            and not _known_word(t.text, language))


def _run_length(i: int, toks: list[_Tok], text: str) -> int:
    """How many capitalised words, `toks[i]` among them, stand in a row with single spaces between (a Title Case
    heading "Asiakas Kertoi Tilanteesta Omaiselle" is a run of four, a full name one of two or three)."""
    j = i
    while j > 0 and text[toks[j - 1].end:toks[j].start] == " ":
        j -= 1
    k = i
    while k + 1 < len(toks) and text[toks[k].end:toks[k + 1].start] == " ":
        k += 1
    return k - j + 1


def _english_compound(word: str) -> bool:
    """A hyphenated word whose parts are all English words ("Non-Uniform", "Subdivision-Surface"): a term, not a
    double-barrelled name ("Smith-Jones" has a part no dictionary holds)."""
    parts = [p for p in re.split(r"[-'’]", word) if p]
    return len(parts) > 1 and all(len(p) > 1 and _known_word(p, "en") for p in parts)


def _unknown_inside_is_name(word: str, label: str | None) -> bool:
    """A capitalised word no Finnish lexicon knows, inside a sentence, that NER does not call a place: a name when
    NER says PERSON or its spelling is not unlike a name, unless it is an English word (a title, a term: "Rational
    B-Spline", "only in Finnish") of no name shape."""
    shape = name_shape(word)
    # simplemma's English dictionary holds many names ("mehdi"): only a word spelt unlike a name counts as English.
    english = (_known_word(word, "en") and shape < SHAPE_ENGLISH) or _english_compound(word)
    if label == PERSON:
        return not english or shape >= SHAPE_FLOOR
    return not english and shape >= SHAPE_FLOOR


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def tokens_of(text: str, language: str, taken: list[Entity], version: str = "v3") -> list[_Tok]:
    """Capitalised tokens and name particles of `text` outside spans other detectors took, with their evidence
    (v5 also takes words opening with a capital outside Latin-1, "Łukasz", "Şahin")."""
    lex = load_lexicon()
    toks: list[_Tok] = []
    seen: set[int] = set()
    token_re = _TOKEN_RE_V5 if version == "v5" else _TOKEN_RE
    for regex in (_PREFIXED_RE, token_re):
        for m in regex.finditer(text):
            word = m.group()
            if m.start() in seen or any(e.start < m.end() and m.start() < e.end for e in taken):
                continue
            if not word[0].isupper() and regex is token_re:
                continue
            if word.isupper() or any(ch.isdigit() for ch in word) or text.startswith("- ", m.end()):
                continue  # acronyms, codes, and the first half of "Digi- ja väestötietovirasto"
            seen.add(m.start())
            if regex is token_re and _classify(re.sub(r"['’]s$", "", word)).compound:
                continue  # "Stesolid-annoksella", "Kela-asiointi": a name glued to a common noun names a thing
            core = re.sub(r"^" + _PREFIX, "", word) if regex is _PREFIXED_RE else word
            place, org, strong, weak, unknown = _evidence(core, language)
            if regex is _PREFIXED_RE:
                strong, unknown = True, False  # "al-Hassanin": the article marks a family name
            toks.append(_Tok(m.start(), m.end(), word, _previous_word(text, m.start()) is None, place, org,
                             word.lower() in lex.cues, strong, weak, unknown))
    for m in _PARTICLE_RE.finditer(text):
        if not any(e.start < m.end() and m.start() < e.end for e in taken) and m.start() not in seen:
            toks.append(_Tok(m.start(), m.end(), m.group(), False, particle=True))
    toks.sort(key=lambda t: t.start)
    return toks


_NOT_NAME_ENDINGS = re.compile(
    r"(?:nen|set|isia|oinen|llinen|ttomat?|mme|tte|vat|vät|ivat|ivät|kaan|kään|ko|kö|pa|pä|han|hän|oni|oin|aisi\w*)$"
)


def _looks_like_name(word: str) -> bool:
    """Not a Finnish word shape Voikko merely failed on (a new compound, a drug name, spoken forms): drug and product
    names end in -oni/-oli/-iini, verbs in personal endings."""
    lower = word.lower()
    if len(lower) < 3 or "-" in lower:
        return False
    if _FOREIGN_SHAPE.search(lower):
        return True  # "Tkachenko", "Savchenko": -enko is a surname, not the question clitic -ko
    return not re.search(r"(?:oni|olo|olia|oli|iini|iinia|aatti|aattia|ismi|ismin|ologi|teetti)\w{0,4}$", lower) and \
        not _NOT_NAME_ENDINGS.search(lower)


def _needs_ner(t: _Tok) -> bool:
    """NER's answer changes the decision only for these tokens."""
    if t.particle or t.org or t.cue:
        return False
    return t.unknown or t.weak or (not t.clause_start and not t.place and not t.strong)


def _ner_labels(text: str, toks: list[_Tok], ner: SpacyNer | None) -> dict[int, str]:
    """NER label per token index, from the sentences that hold a token NER can decide."""
    if ner is None:
        return {}
    sents = _sentences(text)
    wanted = [(a, b) for a, b in sents if any(a <= t.start < b and _needs_ner(t) for t in toks)]
    if not wanted:
        return {}
    labels: dict[int, str] = {}
    for (a, _b), ents in zip(wanted, ner.entities([text[a:b] for a, b in wanted])):
        spans: list[NerSpan] = [NerSpan(a + e.start, a + e.end, e.label) for e in ents]
        for i, t in enumerate(toks):
            for s in spans:
                if s.start <= t.start and t.end <= s.end + 1:
                    labels[i] = s.label
    return labels


def _org_span_is_real(i: int, toks: list[_Tok], labels: dict[int, str], text: str, version: str = "v3") -> bool:
    """An ORG/PRODUCT span of adjacent unknown words is as likely a mislabelled person ("Fatemeh Hosseinin",
    "Somchai Srisuk"): NER labels Thai and Estonian names so. Real organisations hold a known word ("Kelan
    puolesta"), an English word ("Blade Runner") or a product-name ending (-oni, -iini)."""
    label = labels.get(i)
    j = i
    while j > 0 and labels.get(j - 1) == label and _adjacent(text, toks[j - 1], toks[j]):
        j -= 1
    k = i
    while k + 1 < len(toks) and labels.get(k + 1) == label and _adjacent(text, toks[k], toks[k + 1]):
        k += 1
    # English words in a Finnish text ("Blade Runner", "All Inclusive") are titles and products, not people.
    # NER often folds the sentence's first word into the span ("Kotikäynnillä Somchai Wongsawatilla"): not evidence.
    while j < k and toks[j].clause_start and not toks[j].unknown:
        j += 1
    if j == k:
        # A German noun NER calls an organisation ("liittoneuvoston (Bundesrat)") is one, unless it is spelt like a
        # name (the German dictionary holds "Mahmoud" and "Mai"); so is a word of no name shape.
        return not _looks_like_name(toks[j].text) or (_known_word(toks[j].text, "de")
                                                      and name_shape(toks[j].text) < SHAPE_JOIN)
    # v5: a word with an Arabic article ("Rasha al-Khatibiin") is a family name, not an organisation's known word.
    return any((not toks[x].unknown and not (version == "v5" and toks[x].strong)) or _known_word(toks[x].text, "en")
               for x in range(j, k + 1))


def _shape_says_name(t: _Tok, label: str | None, ner_place: bool, text: str, language: str) -> bool:
    """The spelling-shape evidence (shape.py) together with position, lexicon and NER for a token the rules above
    left undecided; never for a known place or organisation (the caller skips those)."""
    if t.particle or t.cue or t.strong or len(t.text) < 3 or guarded(t.text):
        return False
    shape = name_shape(t.text)
    if t.unknown:
        if label == PERSON and ((not t.clause_start and _unknown_inside_is_name(t.text, label)) or (
                t.clause_start and len(t.text) >= 4 and not _known_word(t.text, "en")
                                                       and not _DRUG_SHAPE.search(t.text.lower())
                                                       and shape >= SHAPE_NER_START)):
            return True  # NER and no lexicon: "Rebanen perhe" whatever its shape
        if t.clause_start:
            # Short sentence-initial unknowns are as often interjections and abbreviations ("Ahah", "Noh", "Cvp").
            return (shape >= SHAPE_START and not ner_place and _looks_like_name(t.text)
                    and (len(t.text) >= 5 or _person_context(text, t, strict=True)))
        # NER calls many foreign given names GPE ("Nasrin", "Abdirahman"); a place in a report mostly stands in a
        # place case, a person in the nominative, genitive or an external local case.
        return label in PLACE_LABELS and shape >= SHAPE_OVER_NER and not _PLACE_CASE.search(t.text.lower())
    if t.weak:
        return False
    if t.clause_start:
        # A sentence-initial common word ("Soran", "Sahra", "Reet") only with a person's verb or kin noun after it.
        return shape >= SHAPE_START_KNOWN and _person_context(text, t, strict=True)
    if _capitalised_run(t, text) or not _after_lower_word(t, text):
        return False  # "Suomen Pankki": a title; after a dash, colon or quote: a clause start in disguise
    if language == "fi" and not voikko_classes(t.text) <= _NOUN_CLASSES:
        return False  # "Kun", "Jonka", "Otan": conjunctions, pronouns and verbs are never names
    if label in PLACE_LABELS and _PLACE_CASE.search(t.text.lower()):
        return False
    if language != "fi":
        # Swedish / English: a capitalised word inside a sentence that the dictionary knows only capitalised
        # ("Monday", "Stockholm") is not a person; one it knows lower-case ("Kristi", "Jama") may be.
        return (shape >= SHAPE_KNOWN and not _known_capitalised(t.text, language)
                and label not in PLACE_LABELS | {"NORP", "LANGUAGE"})
    # Finnish: Voikko knows the word as a common word, yet it is capitalised inside a sentence.
    return shape >= SHAPE_KNOWN and (label in (None, PERSON) or label in ORG_LABELS or shape >= SHAPE_OVER_NER)


# Drug and product names ("Naloksonia", "Buprenorfiinia") that NER calls PERSON at sentence start.
_DRUG_SHAPE = re.compile(r"(?:oni|oli|iini|aatti|ami|ipaami|epaami)\w{0,4}$")
_NOUN_CLASSES = frozenset({"nimisana", "nimisana_laatusana", "laatusana", "nimi"})


# Abbreviations spelt like an initial ("Ks. liite", "Vrt. Kivi", "Mm. Kela"): no name follows them.
_NOT_INITIALS = frozenset("ks vrt mm ns vs jne esim no nr st os ts ym yms nk".split())


def _initial_before(text: str, t: _Tok) -> bool:
    """One to three initials ("M. ", "U.-B. ") stand right before `t`, not an abbreviation such as "Ks." (v5)."""
    m = _INITIALS_BEFORE.search(text[max(0, t.start - 16):t.start])
    if not m:
        return False
    first = re.match(r"[A-ZÅÄÖ][a-z]?", m.group()).group().lower()
    return first not in _NOT_INITIALS


def _after_initial_verb(i: int, toks: list[_Tok], text: str) -> bool:
    """`toks[i]` follows, after one space, a sentence-initial verb ("Soitin Toivolle", "Annoimme Niemelle",
    "Lähetin Salolle"): the verb's capital is the sentence's, so the word's own capital is evidence (v5)."""
    if i == 0:
        return False
    prev = toks[i - 1]
    if not prev.clause_start or text[prev.end:toks[i].start] != " " or prev.name:
        return False
    if i + 1 < len(toks) and text[toks[i].end:toks[i + 1].start] == " ":
        return False  # "Otin Kelan Palvelut": a title run
    classes = voikko_classes(prev.text)
    return "teonsana" in classes and not classes & NAME_CLASSES


# A sentence-initial word with a name reading besides a common one, in an external local case before a possession
# or modal verb ("Rauhalla on kolme lasta", "Laineelle voi soittaa", "Tammille on lähetetty"), or before a person's
# verb ("Lahja sai", "Onni toivoo"): a person (v5). Places are guarded before.
_WEAK_START_AUX = frozenset("on ei oli voi ovat".split())
_WEAK_START_VERB = frozenset("sai toivoo toivoi haluaa halusi asuu asui muutti pelkää kävi tuli".split())
_EXTERNAL_CASE = re.compile(r"(?:lla|llä|lle|lta|ltä)$")


def _weak_start_is_name(t: _Tok, text: str) -> bool:
    nxt = _next_word(text, t)
    if not (_first_reading(t.text) or _surname_reading(t.text)) or guarded(t.text):
        return False
    if nxt in _WEAK_START_VERB:
        return True
    # "Ilta on": a nominative that merely ends in -lta; a case ending needs a stem of three letters before it.
    return nxt in _WEAK_START_AUX and len(t.text) >= 6 and bool(_EXTERNAL_CASE.search(t.text.lower()))


# Finnish participle endings on a compound Voikko cannot analyse ("Huostaanotettujen lasten"): not a name (v5).
_PARTICIPLE = re.compile(r"(?:ttujen|ttyjen|tetut|tetyt|tettu|tetty|ttavat|ttävät|ttavien|ttävien)$")
# Spoken Finnish numerals and pronouns Voikko does not know ("Yks itki", "Kaks jäi"): never a name.
_SPOKEN_V5 = frozenset("yks kaks kol viis kuus seittemän kaheksan yheksän toinen toiset muutamat jotku joku".split())
# An eponym before a disease, law or method noun ("Parkinsonin tauti", "Downin oireyhtymä"): not a person here.
_EPONYM_NOUN = re.compile(r"\s+(?:tau\w*|oireyhtym\w*|syndroom\w*|lai\w*|lak\w*|menetelm\w*|mall\w*|periaat\w*)\b")
# Rules whose evidence the v5 veto accepts on a common word of the text's language: a list, Voikko's name-only
# reading, an initial, a possessive, the whole-name and same-name steps.
_STRONG_WHY = frozenset({"list-rule", "lexicon", "initial", "possessive", "saying", "weak-start", "weak-inside"})


def _common_in_language(t: _Tok, language: str) -> bool:
    """`t` is a common word of the text's own language: for Finnish Voikko knows it and only as a common word (no
    name reading: "Nuorin", "Mentoria" is not known); for Swedish/English simplemma's dictionary of that language
    holds it ("Jag", "March") and the name lists do not."""
    w = _classify(t.text)
    if w.first or w.surname:
        return False  # the name lists hold it ("Armas", "Saleh"): a name reading the lexicon lacks
    if language == "fi":
        classes = voikko_classes(t.text) - {""}
        return bool(classes - {"nimi", PLACE_CLASS}) and not classes & NAME_CLASSES
    return _known_word(t.text, language)


def _veto_v5(t: _Tok, i: int, toks: list[_Tok], text: str, language: str) -> bool:
    """Whether the v5 veto takes back a name decision on `t` (see decide_tokens)."""
    low = t.text.lower()
    if low in _SPOKEN_V5:
        return True
    if low.endswith("n") and _EPONYM_NOUN.match(text[t.end:]):
        return True
    if language == "en" and re.search(r"(?<![\w-])the\s$", text[max(0, t.start - 5):t.start]) and t.why not in _STRONG_WHY:
        return True  # "from the Philippines": English puts no article before a person's name
    if language == "fi" and t.why not in _STRONG_WHY and _known_word(t.text, "en") and _english_run(i, toks, text):
        return True  # "Housing First -periaatteella": an English title inside Finnish
    if t.why in _STRONG_WHY:
        return False
    if t.why == "age-note" and not _RANK_WORD.search(low):
        return False  # "Armas (8 v)": a child's name; "Nuorin 11 v." ranks the children
    if _person_context(text, t, strict=True, version="v5", aux=False) or _next_to_strong_name(i, toks, text):
        return False  # a person cue ("met Hamza") or a name part beside it ("Khaled bin Saleh")
    if language == "fi" and t.label == PERSON and name_shape(t.text) >= SHAPE_JOIN:
        return False  # the Finnish NER's PERSON on a Swedish or English text ("before March") is no evidence
    if language == "fi" and name_shape(t.text) >= SHAPE_OVER_NER:
        return False  # "Osmanin perheessä", "sanoi Maille": Voikko's common reading, a name's spelling
    return _common_in_language(t, language)


# Words that rank or count children ("Nuorin", "Vanhin", "Esikoinen", "Kuopus") before an age note.
_RANK_WORD = re.compile(r"(?:in|impi|immat|oinen|kuopus|molemmat)$")


def _next_to_strong_name(i: int, toks: list[_Tok], text: str) -> bool:
    """A neighbour of `toks[i]` (directly, or across one particle) is a name on list or lexicon evidence."""
    for step in (-1, 1):
        j = i + step
        if 0 <= j < len(toks) and toks[j].particle:
            j += step
        if 0 <= j < len(toks) and toks[j].name and toks[j].why in _STRONG_WHY:
            a, b = (toks[j], toks[i]) if j < i else (toks[i], toks[j])
            if b.start - a.end <= 6 and re.fullmatch(r"[\s\w-]*", text[a.end:b.start]) and "\n" not in text[a.end:b.start]:
                return True
    return False


def _english_run(i: int, toks: list[_Tok], text: str) -> bool:
    """`toks[i]` stands next to another capitalised known English word, one space between ("Housing First")."""
    return any(0 <= x < len(toks) and not toks[x].particle and text[toks[min(i, x)].end:toks[max(i, x)].start] == " "
               and _known_word(toks[x].text, "en") for x in (i - 1, i + 1))


def _after_lower_word(t: _Tok, text: str) -> bool:
    """A lower-case word and a single space (or a comma) stand right before `t`."""
    return bool(re.search(r"(?<![\w-])[a-zåäö][\w-]*,?\s$", text[max(0, t.start - 40):t.start]))


def _capitalised_run(t: _Tok, text: str) -> bool:
    """`t` is next to another capitalised word with only a space between ("Punainen Risti", "Kaarlo Sarkian")."""
    before = re.search(r"[A-ZÅÄÖ][\w-]*\s$", text[max(0, t.start - 40):t.start])
    after = re.match(r"\s[A-ZÅÄÖ]", text[t.end:])
    return bool(before or after)


@lru_cache(maxsize=20_000)
def _known_capitalised(word: str, language: str) -> bool:
    """simplemma's dictionary of `language` knows `word` as written (capitalised) but not in lower case."""
    try:
        import simplemma

        return simplemma.is_known(word, lang=language) and not simplemma.is_known(word.lower(), lang=language)
    except (ImportError, ValueError):
        return False


def _next_word(text: str, t: _Tok) -> str:
    """The lower-case word right after ``t`` ("" when the next word is capitalised or there is none)."""
    after = re.match(r"\s+([a-zåäö]+)", text[t.end:])
    return after.group(1) if after else ""


def _first_reading(word: str) -> bool:
    return "etunimi" in voikko_classes(word) or _classify(word).first


def _surname_reading(word: str) -> bool:
    return "sukunimi" in voikko_classes(word) or _classify(word).surname


def _listed_with_name(t: _Tok, neighbours: list[_Tok], text: str) -> bool:
    """Whether ``t`` is joined to a neighbouring name by a comma or "ja/sekä/och/and" (a list of names)."""
    return any(n.name and not n.particle and re.fullmatch(r",\s*|\s+(?:ja|sekä|och|and)\s+",
                                                          text[min(n.end, t.end):max(n.start, t.start)])
               for n in neighbours)


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    return a.end < b.start and text[a.end:b.start] in (" ", "-", " - ")


def _same_name(a: str, b: str) -> bool:
    """Two tokens are case forms of one name ("Warsame" / "Warsamen", "Hakalan" / "Hakalalle")."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    ca, cb = lemma_candidates(a, e_stems=False), lemma_candidates(b, e_stems=False)
    if a in cb or b in ca:
        return True
    shared = {c for c in ca & cb if len(c) >= 4 and len(c) >= min(len(a), len(b)) - 3}
    return bool(shared)


def find_persons(text: str, language: str = "fi", taken: list[Entity] | None = None,
                 ner: SpacyNer | None = None, known: list[str] | None = None, version: str = "v3") -> list[Entity]:
    """Person names in `text`, every part and every mention.

    Arguments:
        text: one report text (or part of one).
        language: "fi", "sv" or "en" (what `pipeline.language.detect_language` says).
        taken: spans other detectors claimed (identifiers); their tokens are skipped.
        ner: the recogniser, or None to decide on rules and lexicons alone.
        known: name parts found elsewhere in the same report; their case forms here are replaced too.
        version: "v3" (default), "v4" (a sentence-initial word Voikko does not know needs NER's PERSON and a
            name spelling shape, see `decide_tokens`) or "v5" (v4 plus the common-word veto, `lower_case_names` and
            the rules marked v5 in `decide_tokens`; `V5_OFF` switches single rules off for a measurement).

    Returns:
        One entity per run of adjacent name parts, in text order.
    """
    toks = decide_tokens(text, language, taken, ner, known, version)
    found = [(t.start, t.end) for t in toks if t.name]
    if _v5_on(version, "lower-case"):
        parts = [t.text for t in toks if t.name and not t.particle] + list(known or [])
        found += [(a, b) for a, b in lower_case_names(text, language, taken, parts)
                  if not any(a < e and s < b for s, e in found)]
        found.sort()
    spans: list[Entity] = []
    for a, b in found:
        if spans and text[spans[-1].end:a] in (" ", "-", " - "):
            spans[-1] = Entity(spans[-1].start, b, NAME)
        else:
            spans.append(Entity(a, b, NAME))
    # Initials before a name are part of it ("M. Ekholm").
    for n, s in enumerate(spans):
        m = _INITIALS_BEFORE.search(text[max(0, s.start - 16):s.start])
        if m:
            spans[n] = Entity(s.start - len(m.group()), s.end, NAME)
    # Trailing particles ("... bin") never stand alone.
    return [s for s in spans if text[s.start:s.end] not in _PARTICLES]


# v5 rules a measurement may switch off one at a time (bench/pseudonymisation_tune.py --off): names in the tuning
# results. Empty in use.
V5_RULES = ("veto", "initial", "verb-before", "weak-start", "lower-case")
V5_OFF: set[str] = set()


def _v5_on(version: str, rule: str) -> bool:
    return version == "v5" and rule not in V5_OFF


_LOWER_RE = re.compile(r"(?<![\w'’-])[^\W\d_][\w]*(?:[-'’][\w]+)*")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=200_000)
def _lower_unknown(word: str, language: str) -> bool:
    """No lexicon of the text's language knows the lower-case word ("boiko", "nkulun", "fedorovalla")."""
    return (not voikko_classes(word) and not _known_word(word, language) and word not in _colloquial()
            and not _classify(_cap(word)).first and not _classify(_cap(word)).surname)


@lru_cache(maxsize=200_000)
def _lower_surname(word: str, language: str) -> bool:
    """A lower-case word that can be a surname after a first name: a surname reading ("laine", "rantaselle") or no
    lexicon knows it and it is spelt like a name."""
    cap = _cap(word)
    if len(word) < 2 or guarded(cap) or (language != "fi" and _known_word(word, language)):
        return False
    return _surname_reading(cap) or (_lower_unknown(word, language) and len(word) >= 3 and _looks_like_name(cap)
                                     and name_shape(cap) >= SHAPE_FLOOR)


@lru_cache(maxsize=200_000)
def _nominative_first_name(cap: str) -> bool:
    """A first name as written, in the nominative ("Sari", "Joanna"; not "Arvossa", the inessive of "arvo")."""
    if _classify(cap).first_nominative:
        return True
    from pipeline.pseudonymise.ner import _voikko

    return any(a.get("CLASS") == "etunimi" and a.get("SIJAMUOTO") == "nimento" for a in _voikko().analyze(cap))


def lower_case_names(text: str, language: str, taken: list[Entity], parts: list[str]) -> list[tuple[int, int]]:
    """v5: names written in lower case in sloppy notes ("soitto joanna krawczykille", "sari laine soitti").

    Three rules over runs of lower-case words (single spaces, particles allowed inside):
    - a word with a first-name reading (Voikko's etunimi or the first-name list) followed by one or two words with a
      surname reading or unknown to every lexicon: the whole run;
    - two or three words no lexicon knows, spelt like names, after a person cue or a person verb ("Möte med taras
      boiko", "soitto farid azimille") or before a verb of saying;
    - a word that is a case form of a name found elsewhere in the report and no common word ("abdille" after
      "Abdi").

    Arguments:
        text: the text; language: "fi", "sv" or "en"; taken: spans other detectors claimed; parts: name parts found.

    Returns:
        (start, end) character spans, in text order.
    """
    words = [m for m in _LOWER_RE.finditer(text) if m.group()[:1].islower()
             and not any(e.start < m.end() and m.start() < e.end for e in taken)]
    lex = load_lexicon()
    out: list[tuple[int, int]] = []
    n = 0
    while n < len(words):
        w = words[n].group()
        run = [words[n]]
        k = n + 1
        while k < len(words) and len(run) < 4 and text[run[-1].end():words[k].start()] == " ":
            run.append(words[k])
            k += 1
        span = None
        cap = _cap(w)
        if (len(run) >= 2 and len(w) >= 3 and _nominative_first_name(cap) and not guarded(cap)
                and not (language != "fi" and _known_word(w, language))):
            j = 1
            while j < len(run) and run[j].group() in _PARTICLES and j + 1 < len(run):
                j += 1
            if _lower_surname(run[j].group(), language):
                end = j
                if end + 1 < len(run) and _lower_surname(run[end + 1].group(), language) and \
                        _lower_unknown(run[end + 1].group(), language):
                    end += 1  # "mahad ahmed adenilla": a third part no lexicon knows
                span = (run[0].start(), run[end].end())
        if span is None and len(run) >= 2 and all(_lower_unknown(m.group(), language) and len(m.group()) >= 3
                                                  and name_shape(_cap(m.group())) >= SHAPE_JOIN
                                                  for m in run[:2]):
            before = re.search(r"([a-zåäö]+)\s+$", text[max(0, run[0].start() - 30):run[0].start()])
            prev = before.group(1).lower() if before else ""
            after = re.match(r"\s+([a-zåäö]+)", text[run[1].end():])
            nxt = after.group(1) if after else ""
            if (prev in lex.cues or prev in _OBJECT_VERB or prev in _OBJECT_VERB_V5 or prev in ("med", "with")
                    or nxt in _SAYING_VERB):
                span = (run[0].start(), run[1].end())
        if span is None and parts and len(w) >= 3 and _lower_unknown(w, language) is False and \
                not (voikko_classes(w) - NAME_CLASSES - {"", "nimi"}) and not _known_word(w, language) \
                and any(_same_name(w, p) for p in parts):
            span = (words[n].start(), words[n].end())
        if span is None and parts and len(w) >= 3 and _lower_unknown(w, language) and \
                any(_same_name(w, p) for p in parts):
            span = (words[n].start(), words[n].end())
        if span is not None:
            out.append(span)
            while n < len(words) and words[n].start() < span[1]:
                n += 1
        else:
            n += 1
    return out


def decide_tokens(text: str, language: str = "fi", taken: list[Entity] | None = None,
                  ner: SpacyNer | None = None, known: list[str] | None = None, version: str = "v3") -> list[_Tok]:
    """The capitalised tokens of `text` with the decision on each (`name`) and the rule that made it (`why`); the
    arguments are those of `find_persons`."""
    taken = taken or []
    toks = tokens_of(text, language, taken, version)
    if not toks:
        return []
    v5 = version == "v5"
    if v5:
        for t in toks:
            if _initial_before(text, t):
                t.clause_start = False  # "Pyydettiin M. Hashemilta": the initial's full stop ends no sentence
    labels = _ner_labels(text, toks, ner)
    rule_spans = find_names(text, taken)

    for i, t in enumerate(toks):
        if t.particle or t.cue:
            continue
        label = t.label = labels.get(i)
        ner_place = label in PLACE_LABELS or (label in ORG_LABELS and _org_span_is_real(i, toks, labels, text, version))
        rule = next((s for s in rule_spans if s.start <= t.start and t.end <= s.end), None)
        if (rule is not None and not t.org and (not t.place or t.strong or (rule.start, rule.end) != (t.start, t.end))
                and (t.start == rule.start or t.unknown or t.strong or t.weak or _surname_reading(t.text)
                     or _first_reading(t.text))):
            # A cue's match may run over the next capitalised word; a plain common word there is the sentence
            # going on ("tulkki Amani Rikosseuraamuslaitoksesta"), not a surname.
            t.name, t.why = True, "list-rule"  # a place inside a longer rule match is a surname ("Matti Lahti")
        elif t.place or t.org:
            continue
        elif t.strong and not ner_place:
            t.name, t.why = True, "lexicon"
        elif (_v5_on(version, "initial") and _initial_before(text, t) and len(t.text) >= 3 and not guarded(t.text)
              and not _PLACE_CASE.search(t.text.lower())):
            # v5: an initial before a word outweighs NER's GPE and a common reading ("M. Hashemilta", "H. Sadat",
            # "K. Järvi"), except in a place case ("E. Hämeessä" is rare, "n. Tampereella" is no initial).
            t.name, t.why = True, "initial"
        elif (_INITIALS_BEFORE.search(text[max(0, t.start - 16):t.start]) and not ner_place and len(t.text) >= 3
              and (t.unknown or t.weak or name_shape(t.text) >= SHAPE_JOIN)):
            t.name, t.why = True, "initial"  # "M. Ekholm", "T. Boikos": an initial stands only before a name
        elif ((t.unknown or (_foreign_text_unknown(t, language) and _run_length(i, toks, text) < 3))
              and _looks_like_name(t.text) and _person_context(text, t, version=version)
              and not (v5 and _PARTICIPLE.search(t.text.lower()))):
            t.name, t.why = True, "context"  # context outweighs NER's GPE/ORG on an unknown word ("Prasertin äiti")
        elif (t.unknown and t.clause_start and label not in PLACE_LABELS and _looks_like_name(t.text)
              and _FOREIGN_SHAPE.search(t.text.lower())):
            t.name, t.why = True, "foreign-ending"
        elif (t.unknown and not ner_place and not t.clause_start and (label or UNLABELLED_UNKNOWN_IS_NAME)
              and _unknown_inside_is_name(t.text, label)):
            t.name, t.why = True, "unknown-inside"  # an English word in a Finnish text needs NER's PERSON
        elif (t.unknown and t.clause_start and label == PERSON and _looks_like_name(t.text)
              and (version == "v3" or name_shape(t.text) >= SHAPE_NER_START_V4)):
            # v4: NER's PERSON alone also fires on Swedish/Finnish compounds Voikko cannot analyse ("Socialjouren",
            # "Byabutikerna", "Chatbot" at the start of a report); their spelling shape is far from a name's.
            # Sentence-initial: Finnish capitalises every first word, but one that Voikko cannot analyse at all is a
            # name far more often than not ("Somchai odottaa", "Wongsawatin perheen").
            t.name, t.why = True, "ner-start"
        elif (WEAK_INSIDE_IS_NAME and t.weak and not t.clause_start and not ner_place and language == "fi"
              and ((_after_lower_word(t, text) and not _capitalised_run(t, text))
                   or (_v5_on(version, "verb-before") and _after_initial_verb(i, toks, text)))
              and not guarded(t.text)
              and not _TITLE_NOUN.search(text[max(0, t.start - 24):t.start])
              and not _COORDINATED.search(text[max(0, t.start - 40):t.start])):
            # Finnish writes common words in lower case: "Soitin Toivolle", "kiintynyt Onniin", "nimettiin Uskoksi"
            # capitalise a word only because it names someone here.
            t.name, t.why = True, "weak-inside"
        elif t.weak and t.clause_start and _next_word(text, t) in _SAYING_VERB:
            t.name, t.why = True, "saying"
        elif (_v5_on(version, "weak-start") and t.weak and t.clause_start and not ner_place and language == "fi"
              and _weak_start_is_name(t, text)):
            t.name, t.why = True, "weak-start"
        elif _possessive_name(t, text, language):
            t.name, t.why = True, "possessive"
        elif not ner_place and _AGE_NOTE.match(text[t.end:]) and len(t.text) >= 3:
            t.name, t.why = True, "age-note"
        elif _shape_says_name(t, label, ner_place, text, language):
            t.name, t.why = True, "shape"
        # A word that is also a common word or a place ("Virta", "Armas", "Toivo") is not a name on NER's word alone:
        # it needs a rule (cue word, a first name before it) or an adjacent name part below.

    if _v5_on(version, "veto"):
        # The veto: a common word of the text's own language (Voikko for Finnish, simplemma for Swedish/English)
        # stays a word unless strong person evidence stands by it (a list or lexicon name, an initial, NER's PERSON
        # with a name shape, a person's verb after a name reading); "Jag ska", "before March", "Nuorin 11 v.".
        for i, t in enumerate(toks):
            if t.name and _veto_v5(t, i, toks, text, language):
                t.name, t.why = False, "veto:" + t.why

    # Whole name: grow over adjacent parts until nothing changes.
    changed = True
    while changed:
        changed = False
        for i, t in enumerate(toks):
            if (v5 and t.place and not t.name and not t.org and i > 0 and toks[i - 1].name and toks[i - 1].strong
                    and _first_reading(toks[i - 1].text) and text[toks[i - 1].end:t.start] == " "
                    and not _PLACE_CASE.search(t.text.lower()) and _surname_reading(t.text)):
                # v5: "Teemu Lammen luona", "Aino Lahti muutti": a place word with a surname reading right after a
                # first name is the surname (the place cases -ssa/-sta/-an stay places).
                t.name, t.why = True, "first-place-surname"
                changed = True
                continue
            if t.name or t.cue or t.place or t.org:
                continue
            neighbours = [toks[j] for j in (i - 1, i + 1) if 0 <= j < len(toks)]
            left = toks[i - 1] if i > 0 else None
            right = toks[i + 1] if i + 1 < len(toks) else None
            if t.particle:
                ok = right is not None and _adjacent(text, t, right) and (
                    (right.name and (t.text not in _WORD_PARTICLES or right.particle
                                     or (left is not None and left.particle and _adjacent(text, left, t))))
                    or ((right.name or right.unknown or right.strong)
                        and left is not None and _adjacent(text, left, t) and left.name))
            else:
                ok = any(n.name and (_adjacent(text, n, t) if n.start < t.start else _adjacent(text, t, n))
                         for n in neighbours if not n.particle)
                ok = ok or any(
                    n.particle and n.name and (_adjacent(text, n, t) if n.start < t.start else _adjacent(text, t, n))
                    for n in neighbours
                )
                # A proper noun Voikko knows only as a thing ("Rikosseuraamuslaitoksesta", "Kelalle") is the
                # sentence going on after the name, not another part of it.
                thing = ("nimi" in voikko_classes(t.text) and not voikko_classes(t.text) & NAME_CLASSES
                         and not (v5 and labels.get(i) == PERSON))  # v5: "Hari Tamangiin", "Dang Van Duc"
                if (v5 and _common_in_language(t, language) and name_shape(t.text) < SHAPE_FLOOR
                        and _PLACE_CASE.search(t.text.lower())):
                    ok = False  # "Łukasz Wójcik Vammaispalveluista": the sentence goes on in a common word
                ok = ok and not thing and (t.unknown or t.strong or t.weak or labels.get(i) == PERSON
                             or _foreign_text_unknown(t, language)
                             or not t.clause_start
                             or _classify(t.text).first or _classify(t.text).surname
                             or name_shape(t.text) >= SHAPE_JOIN)
            if (not ok and not t.particle and right is not None and t.clause_start and t.weak
                    and text[t.end:right.start] == " " and _first_reading(t.text) and not right.place
                    and not right.org and (_surname_reading(right.text) or right.unknown)
                    and _run_length(i, toks, text) == 2):
                # "Toivo Mäki asuu", "Onni Koski sanoi": a first name before a capitalised surname.
                ok = True
                right.name, right.why = True, "first-surname"
            if not ok and t.weak and not t.particle and _first_reading(t.text):
                # "Sisarukset Tuuli, Sanna ja Kaarina": a first name listed with names.
                ok = _listed_with_name(t, neighbours, text)
            if not ok and t.unknown and not t.particle and _looks_like_name(t.text):
                # A list of names ("Anan, Pornthip ja kaksi lasta"): an unknown word joined to a name by a comma or
                # "ja/och/and" is one too.
                ok = _listed_with_name(t, neighbours, text)
            if ok:
                t.name, t.why = True, "adjacent"
                changed = True

    # Same name elsewhere in the report.
    parts = [t.text for t in toks if t.name and not t.particle] + list(known or [])
    if parts:
        for t in toks:
            if t.name or t.particle or t.cue or t.org:
                continue
            if t.place and not any(t.text.lower() == p.lower() for p in parts):
                continue
            if v5 and t.weak and t.clause_start and not any(t.text.lower() == p.lower() for p in parts):
                continue  # "Soitin Toivolle … Toivo paremmasta": another case form of a word name is the word
            if any(_same_name(t.text, p) for p in parts):
                t.name, t.why = True, "same-name"

    return toks


def name_parts(text: str, entities: list[Entity]) -> list[str]:
    """The capitalised words inside name entities (to find them again in the report's other parts)."""
    out = []
    for e in entities:
        if e.kind == NAME:
            out += [w for w in re.split(r"[\s]+", text[e.start:e.end]) if w[:1].isupper()]
    return out
