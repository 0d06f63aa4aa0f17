"""Detectors for identifiers with a fixed shape: identity codes, phone numbers, e-mail addresses, IBANs, street
addresses with a house number and Finnish vehicle registration numbers.

Where a library knows the format, it decides: `stdnum.fi.hetu` (checksum and date, all century signs of the 2023
reform), `stdnum.iban` (country length and mod-97), `phonenumbers.PhoneNumberMatcher` (numbering plans, region FI).
The hand-written patterns only propose candidates and add what a validator would wrongly drop: identity codes with a
wrong check character (real exports carry them: typos and invented examples are as personal as valid codes) and
Finnish phone numbers the matcher does not pick up in running text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pipeline.pseudonymise.entities import Entity

HETU = "HENKILÖTUNNUS"
PHONE = "PUHELIN"
EMAIL = "SÄHKÖPOSTI"
IBAN = "TILINUMERO"
ADDRESS = "OSOITE"
PLATE = "REKISTERINUMERO"

# DDMMYY, century sign (+ 1800s; - U-Y 1900s; A-F 2000s), individual number, check character.
_HETU_RE = re.compile(r"(?<![\w-])(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Z])(?![\w])")
_CENTURY = {"+": 1800, **dict.fromkeys("-UVWXY", 1900), **dict.fromkeys("ABCDEF", 2000)}

_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")

# A phone number is a prefix followed by digit groups split by single spaces or hyphens. The prefixes are the ones that
# make a number unambiguous: +358 / 00358 (leading 0 dropped), other + country codes, Finnish mobile (04x, 050),
# landline area codes (02, 03, 05, 06, 08, 09, 013-019) and service numbers (010, 020, 029, 0800). Because every
# branch starts with 0 or +, dates (12.3.2024), years, euro sums, postal codes and ranges ("2-3 kuukautta") never fit.
_PHONE_RE = re.compile(
    r"""
    (?<![\w+.,/])
    (?P<prefix>
        (?:\+|00)358[ -]?(?:\(0\)[ -]?)?[1-9]\d{0,2}
      | \+[1-9]\d{1,2}[ -]?\d{1,4}
      | \(?0(?:4\d|50)\)?
      | \(?0(?:[235689]|1[3-9])\)?
      | 0(?:800|10|20|29|30|75)
    )
    (?P<rest>(?:[ -]?\d{2,5}){1,4})
    (?![\w])
    """,
    re.VERBOSE,
)
_GROUP_RE = re.compile(r"[ -]?\d+")
# Digits of the whole number (prefix included, country code excluded for +358 forms): Finnish numbers have 7-11.
_MIN_DIGITS, _MAX_DIGITS = 7, 12
_MIN_SUBSCRIBER_DIGITS = 5

# Two letters of a country code, two check digits, then 11-30 letters/digits, printed in groups of four or not.
_IBAN_RE = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?(?![\w])")

# Street names end in one of these (Finnish in any case form, Swedish, English); a house number must follow,
# optionally a staircase letter, a flat number ("Kauppakatu 12 B 7", "Rauhankadulla 3 as. 4", "Storgatan 5 A").
_STREET_HEAD = (
    r"(?:tie(?:n|llä|ltä|lle|hen|ssä|stä|tä)?"
    r"|(?:katu|kadu|kuja|polku|polu|raitti|raiti|väylä|kaari|kaare|rinne|rintee|ranta|rann|aukio|puistikko"
    r"|puistik|puisto|bulevardi|mäki|mäe|piha|portti|porti|laita|laida|kaarre|kaartee|ahde|ahtee|niitty"
    r"|niity|pelto|pello|kumpu|kummu|harju|mutka|kulma)[a-zåäö]{0,4}"
    r"|gatan|vägen|väg|gränd|stigen|backen|street|road|avenue|lane)"
)
# A street name may open with a separate qualifier ("Vanha Viipurintie", "Iso Roobertinkatu", "Norra Esplanaden") or
# honour a person with the head word apart ("Kaarlo Sarkian katu", "Eliel Saarisen tie").
_STREET_QUALIFIER = (
    r"(?:(?:Vanha|Iso|Pikku|Uusi|Vähä|Ala|Yli|Keski|Etelä|Pohjois|Itä|Länsi|Lilla|Stora|Gamla|Norra|Södra|Östra|"
    r"Västra)\s)?"
)
_STREET_NAMED = (
    r"(?:[A-ZÅÄÖ][a-zåäö]+\s){1,2}(?:katu|kadu|tie|kuja|polku|aukio|puisto|raitti|väylä|kaari|linja|gata|gatan|väg|vägen)"
)
# "-linja" only as a separate head ("Toinen linja 5"): glued to a word it is a bus or phone line ("Bussilinja 22").
_ADDRESS_RE = re.compile(
    r"(?<![\w-])(?:" + _STREET_QUALIFIER + r"[A-ZÅÄÖ][a-zåäö]+(?:-[a-zåäöA-ZÅÄÖ]+)*" + _STREET_HEAD + "|"
    + _STREET_NAMED + ")"
    + r"(?:\s+[1-9]\d{0,2}[a-z]?(?:[-–]\d{1,3})?(?::\w+)?(?![\d.,]\d))"  # house number: "12a", "12-14", "12:ssa"
    r"(?:\s?[A-H](?::\w+)?(?![\w])|\s[a-h](?=\s\d))?"  # staircase "B", "b" before a flat number
    r"(?:\s(?:as\.?\s?|asunto\s|lgh\.?\s?|bst\s)?\d{1,3}(?::\w+)?(?![\w.,]\d))?"  # flat number
    r"(?:,?\s\d{5}(?:\s[A-ZÅÄÖ][a-zåäöA-ZÅÄÖ]+)?)?"  # postal code and town ("15100 Lahti", "15100 LAHTI")
)
# English order: number first ("221 Baker Street", "12 Main Road").
_ADDRESS_EN_RE = re.compile(
    r"(?<![\w-])[1-9]\d{0,3}[A-Za-z]?\s(?:[A-Z][a-z]+\s){1,3}(?:Street|Road|Avenue|Lane|Drive|Close|Way|Crescent|Square)"
    r"(?![\w])"
)
_ADDRESS_TOWN_RE = re.compile(r"(?<![\w])\d{5}\s[A-ZÅÄÖ][a-zåäö]+")

# Finnish plates: 2-3 letters, a hyphen, 1-3 digits (ABC-123, KZ-12); diplomatic, trailer and other forms are rare in
# reports. Abbreviations that take a number ("EU-25", "COVID-19" has five letters and never fits) are excluded.
_PLATE_RE = re.compile(r"(?<![\w-])[A-ZÅÄÖ]{2,3}-[1-9]\d{0,2}(?![\w-])")
# Without the hyphen, in lower case or with a space ("abc-123", "ABC123", "ABC 123", "FN4") a plate is only taken
# after a word that names one ("auto", "rek.", "rekisteritunnus on", "registreringsnummer", "the car with registration"):
# such strings are otherwise model numbers, grades and codes.
# A space between letters and digits only in capitals: "auto on 10 vuotta vanha" holds no plate.
_PLATE_LOOSE_RE = re.compile(
    r"(?<![\w-])(?:[A-Za-zÅÄÖåäö]{2,3}-?|[A-ZÅÄÖ]{2,3}\s)[1-9]\d{0,2}(?![\w-])"
)
_PLATE_CUE = re.compile(
    r"(?:\bauto|\bautolla|\bautonsa|\bauton|\brek\.?|rekisteritunnus|rekisterinumero|rekisterikilpi|"
    r"registreringsnummer|registreringsnumret|registration(?:\snumber)?|\breg\.?|\bbil|\bbilen|\bcar|\bplate)"
    r"(?:\s(?:on|oli|är|var|is|was|number))?[\s:(]*$",
    re.IGNORECASE,
)
_PLATE_NOT = frozenset({"EU", "YK", "ETA", "HUS", "SOTE", "TE", "ICD", "DSM", "GDP", "ISO", "SFS", "PHQ", "GAD", "EQ"})


def _hetu_date_ok(day: str, sign: str) -> bool:
    try:
        dt.date(_CENTURY[sign] + int(day[4:6]), int(day[2:4]), int(day[:2]))
    except ValueError:
        return False
    return True


def find_hetu(text: str) -> Iterator[Entity]:
    """Personal identity codes (henkilötunnus) in `text`.

    A code that `stdnum.fi.hetu` validates counts, and so does one with a real date and a wrong check character:
    exports carry those (typos, made-up examples), and they identify a person just as well.
    """
    from stdnum.fi import hetu

    for m in _HETU_RE.finditer(text):
        code = m.group()
        if hetu.is_valid(code, allow_temporary=True) or _hetu_date_ok(m.group(1), m.group(2)):
            yield Entity(m.start(), m.end(), HETU)


def find_email(text: str) -> Iterator[Entity]:
    """E-mail addresses in `text`."""
    for m in _EMAIL_RE.finditer(text):
        yield Entity(m.start(), m.end(), EMAIL)


def _digits(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def _regex_phones(text: str) -> Iterator[Entity]:
    for m in _PHONE_RE.finditer(text):
        prefix, rest = m.group("prefix"), m.group("rest")
        groups = [g.group() for g in _GROUP_RE.finditer(rest)]
        while groups:
            subscriber = _digits("".join(groups))
            total = _digits(prefix) + subscriber
            if prefix.startswith(("+358", "00358")):
                # Count the national number: drop the country code, add back its leading 0.
                total -= _digits(prefix[: prefix.index("358") + 3]) - 1
            if _MIN_DIGITS <= total <= _MAX_DIGITS and subscriber >= _MIN_SUBSCRIBER_DIGITS:
                end = m.start("rest") + len("".join(groups))
                yield Entity(m.start(), end, PHONE)
                break
            if total < _MIN_DIGITS:
                break
            groups.pop()


def find_phone(text: str) -> Iterator[Entity]:
    """Phone numbers in `text`: what `phonenumbers.PhoneNumberMatcher` (region FI) finds, plus Finnish numbers in
    the shapes it misses in running text (e.g. "050-3628140", "09-1234 5678").

    A regex match whose digit count is too large (a number followed by an unrelated count, "040 123 4567 12") is cut
    back group by group until it has the length of a phone number.
    """
    import phonenumbers

    # The matcher reads "05.05.2008" as a number; a dotted match is a date unless it starts with a country code.
    spans = [Entity(m.start, m.end, PHONE) for m in phonenumbers.PhoneNumberMatcher(text, "FI")
             if "." not in m.raw_string or m.raw_string.startswith("+")]
    for e in _regex_phones(text):
        if not any(e.start < s.end and s.start < e.end for s in spans):
            spans.append(e)
    yield from sorted(spans)


def find_iban(text: str) -> Iterator[Entity]:
    """Bank account numbers in IBAN form that `stdnum.iban` validates (mod-97, country length and layout; the
    national check digits are not required), and Finnish ones (FI + 16 digits) whatever
    their check digits: a mistyped account number is still the account of a person."""
    from stdnum import iban

    for m in _IBAN_RE.finditer(text):
        code = m.group().rstrip()
        compact = code.replace(" ", "")
        # mod-97 and the country's length and layout; a national check digit (Norway's mod-11 kontonummer) that
        # fails is a typo in a real account, not a sign that the string is no account.
        if iban.is_valid(compact, check_country=False) or re.fullmatch(r"FI\d{16}", compact):
            yield Entity(m.start(), m.start() + len(code), IBAN)


def find_address(text: str) -> Iterator[Entity]:
    """Street addresses with a house number ("Kauppakatu 12 B 7", "Rauhankadulla 3", "Storgatan 5"), with the postal
    code and town when they follow; a postal code with a town on its own ("15140 Lahti") is not personal."""
    for m in _ADDRESS_RE.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in " ,":
            end -= 1
        yield Entity(m.start(), end, ADDRESS)
    for m in _ADDRESS_EN_RE.finditer(text):
        yield Entity(m.start(), m.end(), ADDRESS)


def find_plate(text: str) -> Iterator[Entity]:
    """Finnish vehicle registration numbers: "ABC-123" anywhere; "abc-123", "ABC123", "ABC 123", "FN4" after a word
    that names a plate or a car ("auto", "rek.", "rekisteritunnus on", "registreringsnummer", "registration")."""
    spans = [Entity(m.start(), m.end(), PLATE) for m in _PLATE_RE.finditer(text)
             if m.group().split("-")[0] not in _PLATE_NOT]
    for m in _PLATE_LOOSE_RE.finditer(text):
        if (_PLATE_CUE.search(text[max(0, m.start() - 40):m.start()])
                and not any(e.start < m.end() and m.start() < e.end for e in spans)):
            spans.append(Entity(m.start(), m.end(), PLATE))
    yield from sorted(spans)
