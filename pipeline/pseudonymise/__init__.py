"""Pseudonymisation of personal data in report text before it is stored.

Personal identity codes, phone numbers, e-mail addresses and person names are replaced with typed placeholders
(`[HENKILÖTUNNUS]`, `[PUHELIN]`, `[SÄHKÖPOSTI]`, `[NIMI]`). Everything runs offline on precompiled regular
expressions and in-memory name sets, so ingest can call it once per report.

    >>> from pipeline.pseudonymise import pseudonymise
    >>> pseudonymise("Asiakkaamme Eija Hakalan puhelin on 040 123 4567.").text
    'Asiakkaamme [NIMI] puhelin on [PUHELIN].'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.pseudonymise.entities import Entity
from pipeline.pseudonymise.names import NAME, find_names
from pipeline.pseudonymise.patterns import EMAIL, HETU, PHONE, find_email, find_hetu, find_phone

__all__ = ["KINDS", "Entity", "Pseudonymised", "detect", "pseudonymise"]

KINDS: tuple[str, ...] = (HETU, PHONE, EMAIL, NAME)


@dataclass(frozen=True)
class Pseudonymised:
    """A pseudonymised text.

    Attributes:
        text: the input with every detected piece of personal data replaced by `[KIND]`.
        counts: placeholders inserted per kind; only kinds that were found appear.
    """

    text: str
    counts: dict[str, int] = field(default_factory=dict)


def _merge(entities: list[Entity], text: str) -> list[Entity]:
    """Non-overlapping entities in text order; pattern hits win over names, touching name tokens become one name."""
    out: list[Entity] = []
    for e in sorted(entities, key=lambda e: (e.start, -(e.end - e.start))):
        if out and e.start < out[-1].end:
            prev = out[-1]
            if e.end > prev.end and prev.kind == e.kind:
                out[-1] = Entity(prev.start, e.end, prev.kind)
            continue
        if out and e.kind == NAME and out[-1].kind == NAME and text[out[-1].end : e.start] == " ":
            # "Aune" and "Salminen" found separately are one person.
            out[-1] = Entity(out[-1].start, e.end, NAME)
            continue
        out.append(e)
    return out


def detect(text: str) -> list[Entity]:
    """Personal data in `text`, as non-overlapping spans in text order.

    Arguments:
        text: any report text (Finnish, Swedish or English).

    Returns:
        Entities with character offsets into `text` and their placeholder kind.
    """
    if not text:
        return []
    found = [*find_email(text), *find_hetu(text)]
    found += [p for p in find_phone(text) if not any(p.start < e.end and e.start < p.end for e in found)]
    found += find_names(text, taken=found)
    return _merge(found, text)


def pseudonymise(text: str) -> Pseudonymised:
    """Replace personal data in `text` with typed placeholders.

    Arguments:
        text: report text; None or empty gives an empty result.

    Returns:
        The pseudonymised text and the number of placeholders per kind. Running it again on its own output changes
        nothing.
    """
    if not text:
        return Pseudonymised(text or "", {})
    entities = detect(text)
    if not entities:
        return Pseudonymised(text, {})
    parts: list[str] = []
    counts: dict[str, int] = {}
    pos = 0
    for e in entities:
        parts.append(text[pos : e.start])
        parts.append(f"[{e.kind}]")
        counts[e.kind] = counts.get(e.kind, 0) + 1
        pos = e.end
    parts.append(text[pos:])
    return Pseudonymised("".join(parts), counts)
