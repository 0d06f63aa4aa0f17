"""Signal reasons as published: in the report's language, and with every count below the minimum written ``<N``.

The signal step stores its reason as English text with exact counts (``"2 recent reports in 90 days ...
reports per 30-day window [0, 0, 1, 1] ..."``). Counts of 1 or 2 reports are as disclosive in a reason as in a
table, so the export rebuilds the text from the numbers in it: counts below ``min_cell`` become ``<N``, the share of
recent reports in the neighbourhood (a ratio of two small counts) is left out, and the words are Finnish or
English. A reason in another shape is replaced by a short generic one built from the signal's own fields.
"""

from __future__ import annotations

import re

from pipeline.export.records import SignalRow

_REASON = re.compile(
    r"(?P<members>\d+) recent reports in (?P<days>\d+) days form a group whose neighbourhood is (?P<share>\d+)% "
    r"recent \((?P<older>\d+) older similar reports\); reports per (?P<window>\d+)-day window \[(?P<counts>[\d, ]*)\]"
    r" \(oldest first\); popularity (?P<pop>[\d.]+) \((?P<rel>\d+)% of all\), growth (?P<growth>[+-]?[\d.]+); "
    r"novelty (?P<novelty>[\d.]+)")

_TEXT = {
    "fi": ("{members} tuoretta raporttia {days} päivän ajalta muodostaa ryhmän, jolle löytyy {older} vanhempaa "
           "samankaltaista raporttia; raportteja {window} päivän jaksoissa (vanhin ensin): {counts}; "
           "suosio {pop} ({rel} % kaikista), kasvu {growth}, uutuus {novelty}"),
    "en": ("{members} recent reports in {days} days form a group with {older} older similar reports; reports per "
           "{window}-day window (oldest first): {counts}; popularity {pop} ({rel}% of all), growth {growth}, "
           "novelty {novelty}"),
}
_GENERIC = {
    "fi": "{members} raporttia, ensihavainto {first_seen}, kasvu {growth}",
    "en": "{members} reports, first seen {first_seen}, growth {growth}",
}


def masked(count: int, min_cell: int) -> str:
    """``count`` as text, or ``<N`` when it is between 1 and N-1 (0 is no one and stays 0)."""
    return f"<{min_cell}" if 0 < count < min_cell else str(count)


def publishable_reason(signal: SignalRow, min_cell: int, lang: str = "fi") -> str:
    """The reason of ``signal`` for publication (see the module notes)."""
    lang = lang if lang in _TEXT else "fi"
    m = _REASON.search(signal.reason or "")
    growth = f"{signal.growth:+.2f}"
    if not m:
        return _GENERIC[lang].format(members=masked(len(signal.report_ids), min_cell),
                                     first_seen=signal.first_seen.isoformat(), growth=growth)
    counts = [int(c) for c in m["counts"].replace(" ", "").split(",") if c]
    return _TEXT[lang].format(
        members=masked(int(m["members"]), min_cell), days=m["days"], older=masked(int(m["older"]), min_cell),
        window=m["window"], counts=", ".join(masked(c, min_cell) for c in counts), pop=m["pop"], rel=m["rel"],
        growth=m["growth"], novelty=m["novelty"])
