"""Guess the nominative of an inflected Finnish proper noun, so "Hakalan", "Virtaselle" or "Lahdessa" match a list entry.

This is deliberately a generator of *candidates*, not a morphological analyser: a token counts as a known name or place
when any candidate is in the list. Over-generation is harmless because the candidates are only ever looked up in
curated sets; it never turns an unknown word into a name.
"""

from __future__ import annotations

from functools import lru_cache

# Case endings (and a few possessive / clitic forms) that proper nouns take in reports; longest first, so the loop
# below tries "ssa" before "a". The empty ending keeps the nominative itself.
_ENDINGS = sorted(
    {
        "", "n", "a", "ä", "ta", "tä", "na", "nä", "ksi",
        "lla", "llä", "lta", "ltä", "lle", "ssa", "ssä", "sta", "stä",
        "an", "en", "in", "on", "un", "yn", "än", "ön", "hin", "han", "hen", "hon", "hun", "seen",
        "ineen", "tta", "ttä",
        # Consonant-final names take a linking i: Johanssonia, Smithille, Lindholmista.
        "ia", "iä", "ille", "illa", "illä", "ilta", "iltä", "ista", "istä", "issa", "issä", "iin", "ina", "inä",
        "iksi",
        "nsa", "nsä", "mme", "nne", "ni", "si",
        "kin", "kaan", "kään",
    },
    key=len,
    reverse=True,
)
_LINKING_I = frozenset(
    {"ia", "iä", "ille", "illa", "illä", "ilta", "iltä", "ista", "istä", "issa", "issä", "iin", "ina", "inä", "iksi"}
)
# Clitics and possessives stack on a case ending ("Virtaselle kin" is rare, "Matillekin" is not).
_CLITICS = ("kin", "kaan", "kään", "han", "hän", "nsa", "nsä", "mme", "nne")

_VOWELS = set("aeiouyäöå")
# Consonant gradation seen from the weak (inflected) side: weak -> strong grade of the nominative.
_GRADATION = (
    ("hd", "ht"),
    ("nn", "nt"),
    ("ll", "lt"),
    ("rr", "rt"),
    ("mm", "mp"),
    ("ng", "nk"),
    ("lj", "lk"),
    ("rj", "rk"),
    ("d", "t"),
    ("k", "kk"),
    ("p", "pp"),
    ("t", "tt"),
    ("v", "p"),
)


def _strengthen(stem: str) -> set[str]:
    """Undo consonant gradation in the last syllable boundary of `stem` (Mati -> Matti, Lahde -> Lahte)."""
    out: set[str] = set()
    # The graded consonant(s) sit right before the stem's final vowel.
    if len(stem) < 3 or stem[-1] not in _VOWELS:
        return out
    head, last = stem[:-1], stem[-1]
    for weak, strong in _GRADATION:
        if not head.endswith(weak) or len(head) == len(weak):
            continue
        # Single d / v only alternate after a vowel (Lahde is handled by "hd"); k, p, t double after anything.
        if weak in ("d", "v") and head[-2] not in _VOWELS:
            continue
        out.add(head[: -len(weak)] + strong + last)
    return out


def _nominatives(stem: str, e_stems: bool) -> set[str]:
    """Nominative candidates for an inflection stem (lower case); `e_stems` allows Kive-n -> Kivi."""
    cands = {stem}
    if stem.endswith("se"):  # Virtase-n -> Virtanen
        cands.add(stem[:-2] + "nen")
    if stem.endswith("s"):  # Virtas-ta -> Virtanen
        cands.add(stem[:-1] + "nen")
    if stem.endswith("kse"):  # Tuomakse-n -> Tuomas
        cands.add(stem[:-3] + "s")
    if e_stems and stem.endswith("e"):  # Kive-n -> Kivi, Lahde-ssa -> Lahti
        cands.add(stem[:-1] + "i")
    if e_stems and stem.endswith("ee"):  # Lahtee-n (illative) -> Lahti; Hämee-ssä -> Häme
        cands.add(stem[:-2] + "i")
        cands.add(stem[:-1])
    if e_stems and len(stem) >= 3 and stem[-1] == "e" and stem[-2] in _VOWELS:  # Mäe-n -> Mäki (k drops out)
        cands.add(stem[:-1] + "ki")
    for c in list(cands):
        cands |= _strengthen(c)
        if e_stems and c.endswith("i"):
            cands |= {s[:-1] + "i" for s in _strengthen(c[:-1] + "e")}
    return cands


@lru_cache(maxsize=65536)
def lemma_candidates(word: str, e_stems: bool = True) -> frozenset[str]:
    """Possible nominatives of a (capitalised) word, lower-cased; always includes the word itself.

    Arguments:
        word: one token, e.g. "Hakalan", "Virtaselle", "Iitissä", "Matillekin".
        e_stems: also undo the old i-noun stem (Kiven -> Kivi, Lahdessa -> Lahti). Right for surnames and places
            that are old nouns; wrong for given names, which keep their i (Toini -> Toinin, not "Toinen").

    Returns:
        Lower-cased candidate base forms, e.g. {"hakalan", "hakala", ...}.
    """
    w = word.lower()
    forms = {w}
    for clitic in _CLITICS:
        if w.endswith(clitic) and len(w) - len(clitic) >= 3:
            forms.add(w[: -len(clitic)])
    out: set[str] = set()
    for form in forms:
        for ending in _ENDINGS:
            if ending and not form.endswith(ending):
                continue
            stem = form[: len(form) - len(ending)] if ending else form
            if len(stem) < 2:
                continue
            if ending in _LINKING_I and stem[-1] in _VOWELS:
                continue  # only consonant-final names link with i ("Millaista" is not "Milla" + ista)
            out |= _nominatives(stem, e_stems)
            if ending and len(ending) == 2 and ending[0] in _VOWELS and stem.endswith(ending[0]):
                # Illative "Hakalaan": the stem's vowel is doubled, so the stem itself is the nominative.
                out.add(stem)
    out.add(w)
    return frozenset(out)
