"""Writes cases_b.jsonl: the second part of the developer's tuning set (names picked by the developer, none from the
independent sets): fifteen naming traditions, new positions (quotes, elative, "kanssa", brackets, after a colon,
"nimeltä"), Swedish and English sentences, look-alikes that must stay (places in case forms, organisations, common
words that are also names) and street addresses in the forms reports use. Run: python bench/data/pii_dev/make_b.py

Each line: {"tradition", "language", "text", "persons": [spans], "keep": [spans], "addresses": [spans]}.
"""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bench.data.pii_dev.make import _form  # noqa: E402

NAMES = {
    "somali": [("Khadra", "Osman"), ("Abshir", "Guleed"), ("Nimco", "Hirsi"), ("Ayaan", "Muse"), ("Yasmin", "Cabdi"),
               ("Guled", "Xasan")],
    "arabic": [("Yousef", "Al-Najjar"), ("Rania", "Haddad"), ("Khaled", "bin Saleh"), ("Fatima", "Zahran"),
               ("Mahmoud", "Abu-Salem"), ("Noor", "Al-Khatib")],
    "kurdish": [("Zana", "Abdulla"), ("Goran", "Salih"), ("Hêvî", "Zebari"), ("Aras", "Baban"), ("Nishtiman", "Karim"),
                ("Rawand", "Jaff")],
    "persian": [("Mehdi", "Karimi"), ("Shadi", "Tehrani"), ("Babak", "Ghasemi"), ("Parisa", "Sadeghi"),
                ("Arash", "Jafarzadeh"), ("Roya", "Mirzaei")],
    "russian": [("Sergei", "Volkov"), ("Irina", "Smirnova"), ("Alexei", "Kuznetsov"), ("Tatiana", "Morozova"),
                ("Nikolai", "Sokolov"), ("Yelena", "Pavlova")],
    "ukrainian": [("Oksana", "Tkachenko"), ("Taras", "Melnyk"), ("Iryna", "Bondarenko"), ("Yurii", "Shevchuk"),
                  ("Halyna", "Koval"), ("Vasyl", "Boyko")],
    "estonian": [("Kadri", "Tamm"), ("Margus", "Saar"), ("Liis", "Mägi"), ("Priit", "Kask"), ("Kersti", "Oja"),
                 ("Jaanus", "Pärn")],
    "vietnamese": [("Linh", "Tran"), ("Minh", "Hoang"), ("Huong", "Phan"), ("Tuan", "Do"), ("Thuy", "Dinh"),
                   ("Khoa", "Lam")],
    "thai": [("Narong", "Saetang"), ("Ratana", "Chaiyasit"), ("Kittisak", "Wongsuwan"), ("Malai", "Inthasorn"),
             ("Chalerm", "Sombat"), ("Kanya", "Boonmee")],
    "english": [("Emily", "Hughes"), ("James", "O'Connor"), ("Sarah", "Whitfield"), ("Daniel", "McKenzie"),
                ("Grace", "Thornton"), ("Oliver", "Brennan")],
    "swedish": [("Ebba", "Lindqvist"), ("Gustav", "af Ekenstam"), ("Maja", "Sjöberg"), ("Nils", "Holmström"),
                ("Astrid", "Bergkvist"), ("Henrik", "Wallin")],
    "finnish": [("Pirjo", "Kärkkäinen"), ("Eino", "Rautiainen"), ("Sanna", "Tiainen"), ("Jere", "Huttunen"),
                ("Elina", "Pylväs"), ("Tapio", "Honkaniemi")],
    "turkish": [("Mehmet", "Yılmaz"), ("Ayşe", "Demir"), ("Emre", "Çelik"), ("Zeynep", "Aydın"), ("Burak", "Öztürk"),
                ("Elif", "Kaya")],
    "albanian": [("Arben", "Krasniqi"), ("Blerina", "Hoxha"), ("Dritan", "Gashi"), ("Mirela", "Berisha"),
                 ("Fatos", "Shala"), ("Vjosa", "Morina")],
    "tigrinya": [("Tesfay", "Gebremedhin"), ("Senait", "Tekle"), ("Yonas", "Haile"), ("Mebrat", "Kidane"),
                 ("Filmon", "Berhane"), ("Saba", "Weldemariam")],
}
TEMPLATES = {
    "fi": [
        '"Minä olen {F} ja tämä on tyttäreni {F2}", asiakas kertoi.',
        "{FS:ela} tehtiin lastensuojeluilmoitus.",
        "Keskustelimme {FS:gen} kanssa tulevasta muutosta.",
        "{F:gen} mielestä tuki ei riitä.",
        "Tulkki oli paikalla, kun {F} kertoi tilanteestaan.",
        "Lapsen isä {FS} ei osallistunut tapaamiseen.",
        "Sovimme {F:lle} uuden ajan ensi viikolle.",
        "Hakemus saapui {FS:lta} vasta perjantaina.",
        "{FS} (s. 1984) asuu yksin.",
        "Asiakas kertoi: {F} ei ole käynyt koulussa.",
        "Asiakkaan nimi on {FS}.",
        "Naapuri, nimeltä {F}, ilmoitti tilanteesta.",
        "{S:gen} perheessä on neljä lasta.",
        "Kotikäynnillä {FS:ade} oli kylmä asunto.",
    ],
    "sv": [
        "Klienten {FS} har bott i Lahtis i tre år.",
        "{F} sade att hon behöver hjälp med hyran.",
        "Mötet med {FS} hölls på tisdagen.",
    ],
    "en": [
        "{F} told us she needs help with the rent.",
        "Client {FS} has lived in Lahti for three years.",
        "A meeting with {FS} was held on Tuesday.",
    ],
}
# Look-alikes that must stay: places in case forms (Finnish and foreign), organisations, common words that are also
# names, nationalities and languages; [[...]] marks the span.
KEEP = [
    "Perhe muutti [[Mogadishusta]] [[Lahteen]] vuonna 2016.", "Hän asui aiemmin [[Kabulissa]] ja [[Teheranissa]].",
    "Veli asuu edelleen [[Bagdadissa]].", "Perhe pakeni [[Kiovasta]] keväällä 2022.",
    "Asiakas on kotoisin [[Harkovasta]].", "Äiti kävi [[Tallinnassa]] sukulaisten luona.",
    "Tytär opiskelee [[Tartossa]].", "Perhe lensi [[Bangkokista]] [[Helsinkiin]].",
    "Isä on syntynyt [[Hanoissa]].", "Serkku asuu [[Ankarassa]].", "Suku on kotoisin [[Tiranasta]].",
    "Perhe tuli [[Asmarasta]] [[Eritreasta]] pakolaisleirin kautta.", "Tytär muutti [[Lontooseen]].",
    "He vierailivat [[Tukholmassa]] kesällä.", "Asiakas on kotoisin [[Somaliasta]].",
    "Hän on asunut [[Heinolassa]] ja [[Orimattilassa]].", "Asunto löytyi [[Hollolasta]].",
    "Perhe asui ennen [[Erbilissä]] [[Irakissa]].", "Veli on jäänyt [[Herat]]iin.",
    "Asiakas muutti [[Mosulista]] [[Suomeen]].", "Tapaaminen oli [[Kouvolassa]].",
    "Hän odottaa päätöstä [[Kelalta]].", "Asia siirrettiin [[Maahanmuuttovirastolle]].",
    "Asiakas ohjattiin [[TE-toimistoon]].", "[[Päijät-Hämeen hyvinvointialue]] myönsi tukea.",
    "[[Punainen Risti]] auttoi perhettä.", "Hän kävi [[A-klinikalla]] viikoittain.",
    "Lapset ovat [[Diakonissalaitoksen]] kerhossa.", "Hän sai tukea [[Vantaan kaupungilta]].",
    "[[Toivo]] paremmasta on vahva.", "[[Onni]] oli, että tulkki pääsi paikalle.",
    "[[Usko]] omiin kykyihin on palannut.", "[[Into]] opiskeluun on kasvanut.",
    "[[Armas]] koti tuntuu turvalliselta.", "[[Lempi]] lapsiin näkyy arjessa.",
    "Hän puhuu [[somalia]] ja [[arabiaa]].", "Asiakas puhuu [[kurdia]] ja vähän [[persiaa]].",
    "Lahden kaupunki myönsi [[Kela]]n lisäksi tukea.",
    "[[Kiova]] on perheelle tärkeä kaupunki.", "[[Mogadishu]] oli vaarallinen.",
    "Familjen bodde tidigare i [[Stockholm]].", "Hon pratar [[somaliska]] och [[arabiska]].",
    "The family came from [[Mogadishu]] to [[Lahti]].", "She speaks [[Somali]] and [[Arabic]].",
    "The meeting was on [[Monday]] in [[Helsinki]].",
]
# Street addresses (all must be removed); [[...]] marks the span.
ADDRESSES = [
    "Asiakas asuu osoitteessa [[Kauppakatu 12 B 7]].", "Uusi osoite on [[Vesijärvenkatu 5 as. 3]].",
    "Perhe muutti osoitteeseen [[Rautatienkatu 3 C 21, 15110 Lahti]].", "Hän asuu [[Harjukatu 8:ssa]].",
    "Kotikäynti tehtiin osoitteeseen [[Aleksanterinkatu 20 A 5]].", "Asunto on [[Koulutie 4]].",
    "Asiakas asuu [[Saimaankatu 22 b 5]].", "Osoite: [[Rantatie 3-5 A]].", "Hän asuu [[Lehtikuja 2]].",
    "Asiakas asuu [[Kauppakadulla 12]].", "Perhe asuu [[Vanha Viipurintie 12]].",
    "Uusi osoite on [[Iso Roobertinkatu 5 A 3]].", "Hän asuu [[Kaarlo Sarkian katu 4]].",
    "Asiakas muutti [[Mäkelänrinne 3]]:een.", "Osoite on [[Honkapolku 3 D 45]].",
    "Asunto sijaitsee [[Kartanontie 11]]:ssä.", "Hon bor på [[Storgatan 5 B]].",
    "He lives at [[221 Baker Street]].", "She moved to [[12 Main Road]].", "Adressen är [[Strandvägen 7 A 2]].",
    "Asiakas asuu [[Torikatu 3 a 1]].", "Hän asuu [[Ruusupolku 5 as 4]].",
    "Postit menevät osoitteeseen [[Sibeliuksenkatu 8 A 12, 15100 LAHTI]].",
    "Asiakas asuu [[Eliel Saarisen tie 3]].", "Perhe asuu [[Kivikonkaari 2 B 14]].",
]


def _marked(s: str) -> tuple[str, list[dict]]:
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\[\[(.+?)\]\]", s):
        text += s[pos:m.start()]
        spans.append({"start": len(text), "end": len(text) + len(m.group(1)), "text": m.group(1)})
        text += m.group(1)
        pos = m.end()
    return text + s[pos:], spans


def main() -> None:
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
                        head, last = sur.rsplit(" ", 1) if " " in sur else ("", sur)
                        sform = (head + " " if head else "") + _form(last, case)
                        value = {"FS": f"{first} {sform}", "S": sform, "F": _form(first, case),
                                 "F2": first2}[m.group(1)]
                        spans.append({"start": len(text), "end": len(text) + len(value), "text": value})
                        text += value
                        i = m.end()
                    text += tpl[i:]
                    out.append({"tradition": trad, "language": lang, "text": text, "persons": spans})
    for s in KEEP:
        text, spans = _marked(s)
        lang = "sv" if "Familjen" in s or "Hon " in s else "en" if s.startswith(("The", "She")) else "fi"
        out.append({"tradition": "-", "language": lang, "text": text, "persons": [], "keep": spans})
    for s in ADDRESSES:
        text, spans = _marked(s)
        lang = "sv" if s.startswith(("Hon", "Adressen")) else "en" if s.startswith(("He ", "She")) else "fi"
        out.append({"tradition": "-", "language": lang, "text": text, "persons": [], "addresses": spans})
    path = Path(__file__).with_name("cases_b.jsonl")
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in out), encoding="utf-8")
    print(f"{len(out)} cases, {sum(len(c['persons']) for c in out)} person spans -> {path}")


if __name__ == "__main__":
    main()
