"""Write ../README.md from the rules below + build/stats.json (run validate.py first)."""
import json
from pathlib import Path

HERE = Path(__file__).parent
s = json.loads((HERE / "stats.json").read_text(encoding="utf-8"))

RULES = """# pii_c — evaluation cases for the social-work report pseudonymiser

Independent test data (written without looking at the tool, its tests or any name list/data set).
All names are invented combinations from hand-written pools (`build/pools.py`); identifiers are random
(hetu with mod-31 check characters, IBANs with mod-97 check digits).  Nothing refers to a real person.

## Files

* `cases.jsonl` — one case per line:
  `{"id", "lang": "fi"|"sv"|"en", "text", "spans": [...], "keep": [...]}`;
  span/keep objects have `start`, `end` (Python str offsets, end exclusive), `kind`, `value`
  (`text[start:end] == value` always).  Extra fields: persons carry `tradition` and `form`
  (`<case>:<style>`, e.g. `ade:full`, `par:given`, `plural_gen`); hetus carry `checksum_valid`;
  35 hand-written hard cases carry `"handcrafted": true` (ids pc-0661…pc-0695).
* `build/` — generator and checks: `inflect.py` (hand-written Finnish name inflection + self-test),
  `pools.py` (invented name pools per tradition), `lexicon.py` (places/organisations/streets with
  hand-written case forms), `ident.py` (identifier generators, checksums), `templates.py` (sentence
  templates), `handcrafted.py`, `gen.py`, `validate.py` (offsets, overlaps, word boundaries, hetu and
  IBAN checksums, formats, minimum counts), `readme.py`.
  Rebuild: `cd build && python3 inflect.py && python3 gen.py && python3 validate.py && python3 readme.py`.

## Span rules (what must be removed)

* **person** — the whole name *as written* is ONE span: given name(s) + middle/father names + surname,
  including particles that are part of the surname (`al-Hashimi`, `bin Khalid`, `ibn Saleh`, `van der Meer`,
  `de Vries`, `von Essen`, `af Hällström`, `Dela Cruz`, `de los Santos`), hyphenated parts
  (`Anna-Liisa`, `Korhonen-Ali`), initials with their dots (`M. Korhonen`, `U.-B. Strandberg`,
  `Ma. Lourdes Dela Cruz`) and the **case ending** (`Aino Virtaselle`, `Mäen`, `Hassaneilla`,
  `Korhosten`).  Swedish genitive `-s` (`Anna Lindholms`) and English possessive `'s` (`Rasha Saleh's`)
  are inside the span.  First name alone, surname alone, nickname alone (`Pate`, `Dima`, `Ploy`,
  `Dheere`) and lower-case names in sloppy notes (`matti virralle`) are spans too.
* Outside a person span: titles and roles before the name (`sosiaalityöntekijä`, `lääkäri`, `tulkki`,
  `huoltaja`, `Socialarbetare`, `Dr`), postpositions (`kanssa`, `kans`, `luona`, `mukaan`), quotation
  marks, brackets, commas, `ja`/`och`/`and` in lists, age notes like `(8 v)`.  Each family member in a list
  is its own span.  Family plurals (`Korhoset`, `Hassanien luona`) are one person span.
* **hetu** — the 11-character code only (`DDMMYY` + century sign + `NNN` + check).  All 13 century signs
  (`+ - Y X W V U A B C D E F`) occur; a few codes have a wrong check character (`checksum_valid: false`)
  and must still be removed.  Lead words (`hetu`, `henkilötunnus`, `sotu`, `personbeteckning`) are outside.
* **phone** — the number as written incl. `+358`, `(0)`, brackets, spaces and hyphens; lead words
  (`puh.`, `p.`, `tfn`, `Phone:`) outside.  Finnish mobiles, landlines `(09)`, `03`, service-style `020`,
  and foreign numbers (+46, +7, +380, +252, +44).
* **email** — the whole address.  A name inside an e-mail is not a separate span.
* **address** — street name + house number + staircase/flat (`Hämeenkatu 5 B 12`, `Rantatie 3 as 4`,
  `Vuorikatu 20 as. 5`, `Kiveriönkatu 59-61`, `Storgatan 7`); when a postal code and town follow directly
  after a comma (`…, 15100 Lahti`) they belong to the same span.  Street names *without* a number are keeps.
* **iban** — whole IBAN, grouped or compact; FI plus SE, DE, EE, NO, TR, PL, GB; all with valid mod-97.
* **vehicle** — Finnish-style plates `ABC-123`, `AB-12`, `ABC-1`, also lower-case, without hyphen or with a
  space; `rek.`/`rekisteritunnus` outside.
* Spans and keeps never overlap; every span starts and ends on a word boundary.

## Keep rules (must stay)

`place` (Finnish and foreign towns, regions, countries in all local cases: `Lahdessa`, `Mogadishusta`,
`Kabuliin`, `Päijät-Hämeessä`, `Filippiineiltä`; Swedish/English place names), `org` (Kela, HUS,
TE-palvelut, SPR, Diakonissalaitos, A-klinikka, Ohjaamo, Migri, MLL / Mannerheimin Lastensuojeluliitto,
Lahden Talot, Folkhälsan, FPA, Röda Korset … in case forms), `street` (street names without a number, incl.
ones that contain a person's name: `Aleksis Kiven kadulla`, `Runebergintiellä`, `Tuulikujan`), `word`
(ordinary words that are also names: toivo, usko, onni/onneksi, ainoa, lahja, armas, into, ilta, rauha, kivi,
mäki, tuuli, valo, virta; sv hopp/frid/tro; en hope/will/grace/joy), `date`, `money`, `case_number`
(`Dnro 123/2026`, `D/456/02.07.01/2025`, `LS-2026-00123` — the number only), `service_number` (`112`,
`116 117`), `time`, `number`, `code` (ICD-10).  Keeps are a representative sample of look-alikes, not an
exhaustive list of every non-PII token.

## Finnish inflection

Only the last word of a name inflects (`Aino Virtaselle`, `Fadumo Ali Hassanille`, `Nguyen Thi Lanin`).
Rules (`build/inflect.py`, with a self-test of hand-checked forms): `-nen` names (Korhonen → Korhosen,
Korhosta, Korhoseen); old Finnish e-stems incl. compounds (Mäki → Mäen/Mäkeä/Mäkeen, Lampi → Lammen,
Lahti → Lahden, Näkkäläjärvi → Näkkäläjärven, Sammallahti → Sammallahden); hand tables for Laine, Virta,
Kangas, Armas; consonant gradation kk/tt/pp for Finnish names (Pekka → Pekan, Heikki → Heikille); `-io`
names take `-ta` (Rautio → Rautiota); diphthong/long-vowel endings take `-ta` and `-hVn` (Mihai → Mihaita,
Mihaihin; Malee → Maleehen); foreign consonant-final names add `-i-` (Ahmed → Ahmedin, Ahmedia, Ahmediin);
vowel harmony from the last back/front vowel (foreign `y` treated as a consonant, Turkish `ı` as back).
Names whose Finnish inflection is uncertain (silent final `-e`, accented final vowel, two-letter names like
Li, Na, Vu, Do) are only used in the nominative.  Words that are also names keep their *name* inflection
(Tuuli → Tuulin, Onni → Onnin), common-noun inflection is used for the keeps (tuuli, kiven, mäen).

## Counts
"""

lines = [RULES]
lines.append(f"* cases: **{s['cases']}** — " + ", ".join(f"{k}: {v} ({100 * v / s['cases']:.1f} %)"
                                                      for k, v in s['langs'].items()))
lines.append("* spans: " + ", ".join(f"{k}: **{v}**" for k, v in s['spans'].items())
             + f" (total {sum(s['spans'].values())})")
lines.append(f"* keeps: **{s['keeps_total']}** — " + ", ".join(f"{k}: {v}" for k, v in s['keeps'].items()))
lines.append("* hetu century signs: " + ", ".join(f"`{k}` {v}" for k, v in s['hetu_signs'].items())
             + f"; wrong check character: {s['hetu_wrong_checksum']}")
lines.append("\n### Person spans per tradition\n")
lines.append("| tradition | spans |\n|---|---|")
for k, v in s["traditions"].items():
    lines.append(f"| {k} | {v} |")
lines.append("\n### Person spans per grammatical form and style\n")
lines.append("Case (fi: Finnish case; sv/en spans are `nom` or `gen`):\n")
lines.append("| form | spans |\n|---|---|")
for k, v in s["person_forms"].items():
    if not k.startswith("style:"):
        lines.append(f"| {k} | {v} |")
lines.append("\nStyle:\n")
lines.append("| style | spans |\n|---|---|")
for k, v in s["person_forms"].items():
    if k.startswith("style:"):
        lines.append(f"| {k[6:]} | {v} |")
lines.append("\nContexts (heuristic counts from `validate.py`; a span can be in several):\n")
lines.append("| context | spans |\n|---|---|")
for k, v in s["person_contexts"].items():
    lines.append(f"| {k} | {v} |")
lines.append("""
Comitative is written as genitive + `kanssa` (`Halynan kanssa`), `kanssa` outside the span.

## Known limits

* Cases are template-generated (about 290 templates) plus 35 hand-written ones; sentences repeat in
  structure, names and identifiers vary.
* Gender is not modelled; role words next to names are gender-neutral (`huoltaja`, `tulkki`).
* Foreign-name inflection follows common Finnish practice; a few forms (e.g. vowel harmony of Nguyen,
  Melnyk) are defensible choices rather than norms.
""")
(HERE.parent / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
print("README written")
