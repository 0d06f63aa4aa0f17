"""Pattern detectors for identifiers with a fixed shape: personal identity codes, phone numbers, e-mail addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.pseudonymise.entities import Entity

HETU = "HENKILÖTUNNUS"
PHONE = "PUHELIN"
EMAIL = "SÄHKÖPOSTI"

# DDMMYY, century sign (- + A-F for 2000s, U-Y for the 1900s' 2023 additions), individual number, check character.
# The check character is matched by shape only: real exports carry codes with a wrong one (typos, invented examples),
# and those are just as personal.
_HETU_RE = re.compile(
    r"(?<![\w-])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-+A-FU-Y]\d{3}[0-9A-Z](?![\w])"
)

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


def find_hetu(text: str) -> Iterator[Entity]:
    """Personal identity codes (henkilötunnus) in `text`, by format; the checksum is not validated."""
    for m in _HETU_RE.finditer(text):
        yield Entity(m.start(), m.end(), HETU)


def find_email(text: str) -> Iterator[Entity]:
    """E-mail addresses in `text`."""
    for m in _EMAIL_RE.finditer(text):
        yield Entity(m.start(), m.end(), EMAIL)


def _digits(s: str) -> int:
    return sum(ch.isdigit() for ch in s)


def find_phone(text: str) -> Iterator[Entity]:
    """Phone numbers in `text`: Finnish mobile and landline numbers, +358 and other international forms.

    A match whose digit count is too large (a number followed by an unrelated count, "040 123 4567 12") is cut back
    group by group until it has the length of a phone number.
    """
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
