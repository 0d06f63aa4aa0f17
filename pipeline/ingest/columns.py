"""Map export headers (Finnish, English, Webropol-style) onto record fields, case-insensitively."""

from __future__ import annotations

import re

# field -> accepted header spellings (lower case, whitespace collapsed)
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "report_id": ("report_id", "report id", "id", "raportin tunnus", "tunnus", "raportti", "raportin id",
                  "vastaustunnus", "vastauksen tunnus", "response id"),
    "submitted": ("submitted", "date", "submitted at", "päivämäärä", "pvm", "päiväys", "lähetetty",
                  "vastausaika", "vastauspäivä", "ilmoituspäivä", "raportointipäivä", "datum"),
    "area": ("area", "alue", "kunta", "kunta/alue", "alue/kunta", "municipality", "område"),
    "target_group": ("target_group", "target group", "kohderyhmä", "asiakasryhmä", "målgrupp"),
    "phenomenon_type": ("phenomenon_type", "phenomenon type", "ilmiön luonne", "ilmiön tyyppi", "ilmiö",
                        "positiivinen/negatiivinen", "luonne", "type"),
    "unit": ("unit", "yksikkö", "raportoijan yksikkö", "työyksikkö", "enhet"),
    "observation": ("observation", "havainto", "kuvaus ilmiöstä", "ilmiön kuvaus", "kuvaus", "havainto / kuvaus ilmiöstä",
                    "observation text", "iakttagelse"),
    "client_voice": ("client_voice", "client voice", "asiakkaan ääni", "asiakkaan kokemus", "klientens röst"),
    "proposal": ("proposal", "ratkaisuehdotus", "kehittämisehdotus", "ratkaisu- tai kehittämisehdotus",
                 "ratkaisuehdotus / kehittämisehdotus", "förslag"),
    "themes": ("themes", "teemat", "teema", "theme", "tarkistetut teemat", "reviewed themes"),
}

_LOOKUP = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
_WS = re.compile(r"\s+")


def clean_header(header: object) -> str:
    """Lower-cased, BOM-free, whitespace-collapsed header; trailing ':' and '*' (required marks) dropped."""
    text = str(header or "").replace("\ufeff", "")
    return _WS.sub(" ", text).strip().strip(":*").strip().lower()


def map_headers(headers: list[object]) -> dict[int, str]:
    """Column index → field name for recognised headers; unknown headers map to ``extra:<header>``."""
    mapping: dict[int, str] = {}
    seen: set[str] = set()
    for i, h in enumerate(headers):
        key = clean_header(h)
        name = _LOOKUP.get(key)
        if name and name not in seen:
            mapping[i] = name
            seen.add(name)
        elif key:
            mapping[i] = f"extra:{str(h).replace(chr(0xFEFF), '').strip()}"
    return mapping
