"""Writes cases.jsonl: the developer's own tuning set for person names from the weak traditions (names picked by the
developer, none taken from the independent set), in Finnish case forms and positions, plus Swedish and English
sentences. Run: python bench/data/pii_dev/make.py"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.pseudonymisation import inflect  # noqa: E402

NAMES = {
    "thai": [("Prasert", "Thongchai"), ("Wanida", "Sukprasert"), ("Anan", "Charoenrat"), ("Pornthip", "Kaewkla"),
             ("Somsak", "Phromsiri"), ("Jintana", "Srisawat")],
    "estonian": [("Tõnu", "Kuusk"), ("Mari", "Rebane"), ("Peeter", "Sepp"), ("Kristi", "Ilves"), ("Andres", "Lepik"),
                 ("Reet", "Kivimäe")],
    "persian": [("Reza", "Hosseinzadeh"), ("Maryam", "Ahmadi"), ("Farhad", "Rostami"), ("Leila", "Moradi"),
                ("Kaveh", "Ghorbani"), ("Nasrin", "Bagheri")],
    "kurdish": [("Azad", "Rashid"), ("Berivan", "Kakai"), ("Shilan", "Mahmoudi"), ("Hawre", "Qadir"),
                ("Soran", "Barzinji"), ("Nizar", "Sindi")],
    "ukrainian": [("Olena", "Hrytsenko"), ("Andriy", "Kravchuk"), ("Svitlana", "Moroz"), ("Dmytro", "Savchenko"),
                  ("Nataliya", "Lysenko"), ("Bohdan", "Rudenko")],
    "vietnamese": [("Trang", "Vo"), ("Quang", "Dang"), ("Mai", "Bui"), ("Duc", "Ngo"), ("Hanh", "Duong"),
                   ("Thao", "Vu")],
    "arabic": [("Omar", "Abdelrahman"), ("Layla", "Nasser"), ("Hamza", "Qasim"), ("Amira", "Khalaf"),
               ("Tariq", "Obeid"), ("Samira", "Darwish")],
    "somali": [("Ilhan", "Farah"), ("Abdirahman", "Cali"), ("Sahra", "Xirsi"), ("Mukhtar", "Jama"),
               ("Hibaaq", "Dirie"), ("Deeqa", "Samatar")],
}
TEMPLATES = {
    "fi": [
        "{S:gen} perhe muutti kaupunkiin keväällä.",
        "{F:gen} äiti kertoi, että rahat eivät riitä.",
        "{S:gen} lapset ovat päiväkodissa.",
        "{F:gen} puoliso on työtön.",
        "{F:gen} veli asuu Ruotsissa.",
        "{F:gen} huoltaja ei vastannut puhelimeen.",
        "{S:gen} asiakkuus alkoi syksyllä.",
        "{F} kertoi, ettei hän ole saanut päätöstä.",
        "{F} sanoi, että asunto on liian pieni.",
        "{F} soitti toimistoon maanantaina.",
        "{F} kävi vastaanotolla tiistaina.",
        "{FS} on odottanut tulkkia kolme viikkoa.",
        "{FS:ade} ei ole vakituista asuntoa.",
        "Äiti sanoi {F:lle}, että kaikki järjestyy.",
        "Perheeseen kuuluvat {F}, {F2} ja kaksi lasta.",
        "Tapaamisessa olivat {FS} ja tulkki.",
        "Työntekijä lähetti kirjeen {S:all}.",
        "Asiakas {FS} toivoo kotipalvelua.",
        "Kysyin {F:lta}, miten arki sujuu.",
    ],
    "sv": [
        "{FS} berättade att hyran är obetald.",
        "Vi träffade {F} på kontoret i går.",
        "Socialarbetaren ringde till {FS} på måndagen.",
        "Familjen {S} flyttade till staden i våras.",
    ],
    "en": [
        "{FS} said that the rent is unpaid.",
        "We met {F} at the office yesterday.",
        "The social worker called {FS} on Monday.",
        "The {S} family moved to the city in spring.",
    ],
}
FI_CASE = {"lle": "all", "lta": "abl"}


def _form(name: str, case: str) -> str:
    case = FI_CASE.get(case, case)
    if case == "abl":
        return inflect(name, "all")[:-3] + ("lta" if inflect(name, "ade").endswith("a") else "ltä")
    return inflect(name, case)


def main() -> None:
    import re

    out = []
    for trad, names in NAMES.items():
        for k, (first, sur) in enumerate(names):
            first2 = names[(k + 1) % len(names)][0]
            for lang, tpls in TEMPLATES.items():
                for tpl in tpls:
                    text, spans, i = "", [], 0
                    for m in re.finditer(r"\{(FS|F2|F|S)(?::(\w+))?\}", tpl):
                        text += tpl[i:m.start()]
                        case = m.group(2) or "nom"
                        value = {"FS": f"{first} {_form(sur, case)}", "S": _form(sur, case),
                                 "F": _form(first, case), "F2": first2}[m.group(1)]
                        spans.append({"start": len(text), "end": len(text) + len(value), "text": value})
                        text += value
                        i = m.end()
                    text += tpl[i:]
                    out.append({"tradition": trad, "language": lang, "text": text, "persons": spans})
    path = Path(__file__).with_name("cases.jsonl")
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in out), encoding="utf-8")
    print(f"{len(out)} cases, {sum(len(c['persons']) for c in out)} person spans -> {path}")


if __name__ == "__main__":
    main()
