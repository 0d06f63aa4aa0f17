"""The record every detector returns: a span of the input text and the kind of personal data in it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Entity:
    """One piece of personal data found in a text.

    Attributes:
        start: offset of the first character in the input text.
        end: offset just past the last character.
        kind: placeholder kind, one of `pipeline.pseudonymise.KINDS` ("NIMI", "HENKILÖTUNNUS", "PUHELIN", ...).
    """

    start: int
    end: int
    kind: str
