import json, random, re, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from core import *
from templates import FI, SV, EN, HARD

rng = random.Random(20261202)

PL_FI = [l.split(",") for l in """Lahti,Lahden,Lahdessa,Lahdesta,Lahteen
Helsinki,Helsingin,Helsingissä,Helsingistä,Helsinkiin
Tampere,Tampereen,Tampereella,Tampereelta,Tampereelle
Turku,Turun,Turussa,Turusta,Turkuun
Oulu,Oulun,Oulussa,Oulusta,Ouluun
Jyväskylä,Jyväskylän,Jyväskylässä,Jyväskylästä,Jyväskylään
Heinola,Heinolan,Heinolassa,Heinolasta,Heinolaan
Hollola,Hollolan,Hollolassa,Hollolasta,Hollolaan
Orimattila,Orimattilan,Orimattilassa,Orimattilasta,Orimattilaan
Asikkala,Asikkalan,Asikkalassa,Asikkalasta,Asikkalaan
Kuopio,Kuopion,Kuopiossa,Kuopiosta,Kuopioon
Vantaa,Vantaan,Vantaalla,Vantaalta,Vantaalle
Espoo,Espoon,Espoossa,Espoosta,Espooseen
Kouvola,Kouvolan,Kouvolassa,Kouvolasta,Kouvolaan
Joensuu,Joensuun,Joensuussa,Joensuusta,Joensuuhun
Porvoo,Porvoon,Porvoossa,Porvoosta,Porvooseen
Hämeenlinna,Hämeenlinnan,Hämeenlinnassa,Hämeenlinnasta,Hämeenlinnaan
Sysmä,Sysmän,Sysmässä,Sysmästä,Sysmään
Padasjoki,Padasjoen,Padasjoella,Padasjoelta,Padasjoelle
Kärkölä,Kärkölän,Kärkölässä,Kärkölästä,Kärkölään
Iitti,Iitin,Iitissä,Iitistä,Iittiin
Päijät-Häme,Päijät-Hämeen,Päijät-Hämeessä,Päijät-Hämeestä,Päijät-Hämeeseen
Uusimaa,Uudenmaan,Uudellamaalla,Uudeltamaalta,Uudellemaalle
Lappi,Lapin,Lapissa,Lapista,Lappiin
Pirkanmaa,Pirkanmaan,Pirkanmaalla,Pirkanmaalta,Pirkanmaalle""".split("\n")]
CO_FI = [l.split(",") for l in """Somalia,Somalian,Somaliassa,Somaliasta,Somaliaan
Irak,Irakin,Irakissa,Irakista,Irakiin
Syyria,Syyrian,Syyriassa,Syyriasta,Syyriaan
Afganistan,Afganistanin,Afganistanissa,Afganistanista,Afganistaniin
Iran,Iranin,Iranissa,Iranista,Iraniin
Venäjä,Venäjän,Venäjällä,Venäjältä,Venäjälle
Ukraina,Ukrainan,Ukrainassa,Ukrainasta,Ukrainaan
Viro,Viron,Virossa,Virosta,Viroon
Ruotsi,Ruotsin,Ruotsissa,Ruotsista,Ruotsiin
Vietnam,Vietnamin,Vietnamissa,Vietnamista,Vietnamiin
Thaimaa,Thaimaan,Thaimaassa,Thaimaasta,Thaimaahan
Englanti,Englannin,Englannissa,Englannista,Englantiin
Turkki,Turkin,Turkissa,Turkista,Turkkiin
Eritrea,Eritrean,Eritreassa,Eritreasta,Eritreaan
Kosovo,Kosovon,Kosovossa,Kosovosta,Kosovoon
Mogadishu,Mogadishun,Mogadishussa,Mogadishusta,Mogadishuun
Kabul,Kabulin,Kabulissa,Kabulista,Kabuliin
Bagdad,Bagdadin,Bagdadissa,Bagdadista,Bagdadiin
Teheran,Teheranin,Teheranissa,Teheranista,Teheraniin
Erbil,Erbilin,Erbilissä,Erbilistä,Erbiliin
Mosul,Mosulin,Mosulissa,Mosulista,Mosuliin
Kiova,Kiovan,Kiovassa,Kiovasta,Kiovaan
Harkova,Harkovan,Harkovassa,Harkovasta,Harkovaan
Tallinna,Tallinnan,Tallinnassa,Tallinnasta,Tallinnaan
Narva,Narvan,Narvassa,Narvasta,Narvaan
Pietari,Pietarin,Pietarissa,Pietarista,Pietariin
Bangkok,Bangkokin,Bangkokissa,Bangkokista,Bangkokiin
Hanoi,Hanoin,Hanoissa,Hanoista,Hanoihin
Lontoo,Lontoon,Lontoossa,Lontoosta,Lontooseen
Tukholma,Tukholman,Tukholmassa,Tukholmasta,Tukholmaan
Hargeisa,Hargeisan,Hargeisassa,Hargeisasta,Hargeisaan
Damaskos,Damaskoksen,Damaskoksessa,Damaskoksesta,Damaskokseen
Herat,Heratin,Heratissa,Heratista,Heratiin""".split("\n")]
ORG_FI = [l.split(",") for l in """Kela,Kelan,Kelassa,Kelasta,Kelaan
HUS,HUS:n,HUS:ssa,HUS:sta,HUS:iin
TE-palvelut,TE-palvelujen,TE-palveluissa,TE-palveluista,TE-palveluihin
SPR,SPR:n,SPR:ssä,SPR:stä,SPR:ään
Ohjaamo,Ohjaamon,Ohjaamossa,Ohjaamosta,Ohjaamoon
Migri,Migrin,Migrissä,Migristä,Migriin
Maahanmuuttovirasto,Maahanmuuttoviraston,Maahanmuuttovirastossa,Maahanmuuttovirastosta,Maahanmuuttovirastoon
A-klinikka,A-klinikan,A-klinikalla,A-klinikalta,A-klinikalle
DigiFinland,DigiFinlandin,DigiFinlandissa,DigiFinlandista,DigiFinlandiin
Folkhälsan,Folkhälsanin,Folkhälsanissa,Folkhälsanista,Folkhälsaniin
Verohallinto,Verohallinnon,Verohallinnossa,Verohallinnosta,Verohallintoon
Takuusäätiö,Takuusäätiön,Takuusäätiössä,Takuusäätiöstä,Takuusäätiöön
Diakonissalaitos,Diakonissalaitoksen,Diakonissalaitoksella,Diakonissalaitokselta,Diakonissalaitokselle
MIELI ry,MIELI ry:n,MIELI ry:ssä,MIELI ry:stä,MIELI ry:hyn
Y-Säätiö,Y-Säätiön,Y-Säätiössä,Y-Säätiöstä,Y-Säätiöön
Päijät-Hämeen hyvinvointialue,Päijät-Hämeen hyvinvointialueen,Päijät-Hämeen hyvinvointialueella,Päijät-Hämeen hyvinvointialueelta,Päijät-Hämeen hyvinvointialueelle
Ensi- ja turvakotien liitto,Ensi- ja turvakotien liiton,Ensi- ja turvakotien liitossa,Ensi- ja turvakotien liitosta,Ensi- ja turvakotien liittoon
Omnia,Omnian,Omniassa,Omniasta,Omniaan
Salpaus,Salpauksen,Salpauksessa,Salpauksesta,Salpaukseen
Kansaneläkelaitos,Kansaneläkelaitoksen,Kansaneläkelaitoksessa,Kansaneläkelaitoksesta,Kansaneläkelaitokseen""".split("\n")]
ST_FI = [l.split(",") for l in """Kauppakatu,Kauppakadun,Kauppakadulla
Rantatie,Rantatien,Rantatiellä
Aleksanterinkatu,Aleksanterinkadun,Aleksanterinkadulla
Hämeenkatu,Hämeenkadun,Hämeenkadulla
Asemantie,Asemantien,Asemantiellä
Vesijärvenkatu,Vesijärvenkadun,Vesijärvenkadulla
Koulukatu,Koulukadun,Koulukadulla
Myllytie,Myllytien,Myllytiellä
Puistokatu,Puistokadun,Puistokadulla
Rautatienkatu,Rautatienkadun,Rautatienkadulla
Mäkitie,Mäkitien,Mäkitiellä
Koivukuja,Koivukujan,Koivukujalla
Rauhankatu,Rauhankadun,Rauhankadulla""".split("\n")]
PL_SV = ["Helsingfors", "Åbo", "Borgå", "Vasa", "Esbo", "Vanda", "Lahtis", "Jakobstad", "Karleby", "Stockholm",
         "Somalia", "Irak", "Syrien", "Afghanistan", "Ryssland", "Ukraina", "Estland", "Vietnam", "Thailand",
         "Mogadishu", "Kabul", "Ekenäs", "Lovisa", "Kyrkslätt", "Nyland", "Österbotten"]
ORG_SV = ["FPA", "Folkhälsan", "HUS", "Röda Korset", "Migrationsverket", "TE-byrån", "Luckan", "Kyrkans diakoni",
          "Ohjaamo", "Arcada", "Svenska Finlands folkting"]
ST_SV = ["Storgatan", "Skolvägen", "Strandvägen", "Kyrkogatan", "Ågatan", "Nygatan", "Järnvägsgatan"]
PL_EN = ["Helsinki", "Lahti", "Finland", "Somalia", "Iraq", "Syria", "Kabul", "Mogadishu", "Kyiv", "Tallinn",
         "Bangkok", "Hanoi", "London", "Baghdad", "Tehran", "Estonia", "Ukraine", "Vietnam", "Thailand",
         "Päijät-Häme", "Tampere", "Espoo", "Manchester", "Russia"]
ORG_EN = ["Kela", "HUS", "the Finnish Red Cross", "Migri", "TE Services", "Ohjaamo", "the A-Clinic",
          "DigiFinland", "the Finnish Immigration Service", "Folkhälsan", "MIELI Mental Health Finland"]
PLIDX = {"nom": 0, "gen": 1, "loc": 2, "from": 3, "to": 4}
STIDX = {"nom": 0, "gen": 1, "loc": 2}
MONTHS_FI = ["tammikuussa", "helmikuussa", "maaliskuussa", "huhtikuussa", "toukokuussa", "kesäkuussa"]

TRAD_MAIN = ["finnish", "finland_swedish", "somali", "arabic", "kurdish", "persian", "russian", "ukrainian",
             "estonian", "vietnamese", "thai", "english"]
TRAD_OTHER = ["turkish", "albanian", "tigrinya", "filipino", "polish", "chinese", "dutch", "portuguese"]
_tq = []


def next_trad(lang):
    global _tq
    if not _tq:
        _tq = TRAD_MAIN * 2 + ["finnish", "finnish", "finland_swedish"] + rng.sample(TRAD_OTHER, 5)
        rng.shuffle(_tq)
    if lang == "sv" and rng.random() < 0.35:
        return rng.choice(["finland_swedish", "finnish"])
    return _tq.pop()


BAD_RATE = 0.08
_signs = []
_hn = 0


def next_sign():
    global _signs
    if not _signs:
        _signs = list(CENT)
        rng.shuffle(_signs)
    return _signs.pop()


TOK = re.compile(r"\{([^{}]+)\}|<<([^<>]+)>>|\[\[([^\[\]]+)\]\]")


def fill(tpl, lang):
    persons = {}
    text = ""
    spans, keeps = [], []

    def add(v, kind, meta=None, keep=False):
        nonlocal text
        s = len(text)
        text += v
        o = {"kind": kind, "start": s, "end": len(text), "value": v}
        if meta:
            o.update(meta)
        (keeps if keep else spans).append(o)

    pos = 0
    for m in TOK.finditer(tpl):
        text += tpl[pos:m.start()]
        pos = m.end()
        if m.group(2):  # literal span
            parts = m.group(2).split("|")
            if parts[0] == "person":
                add(parts[3], "person", {"tradition": parts[1], "form": parts[2]})
            elif parts[0] == "hetu":
                add(parts[1], "hetu", {"check_valid": hetu_ok(parts[1])})
            else:
                add(parts[1], parts[0])
            continue
        if m.group(3):
            k, v = m.group(3).split("|", 1)
            add(v, k, keep=True)
            continue
        ph = m.group(1)
        if re.match(r"P\d", ph):
            head, *rest = ph.split(":")
            pin = None
            if "@" in head:
                head, pin = head.split("@")
            if head not in persons:
                trad = pin if pin in TRADS else next_trad(lang)
                if pin in ("finword", "finnen"):
                    trad = "finnish"
                persons[head] = Person(rng, trad, pin if pin in ("finword", "finnen") else None)
            p = persons[head]
            case, part = rest[0], rest[1]
            lower = len(rest) > 2 and rest[2] == "l"
            if case.startswith("pl") and not p.surname.endswith("nen"):
                case = "gen"
            if part == "initial" and p.trad in ("vietnamese", "chinese"):
                part = "surname"
            com = case == "com"
            v, form, c = p.render(lang, "gen" if com else case, part, lower)
            if com and lang == "fi":
                form = form.replace("gen:", "com:")
            if lower and v[:1].isupper():
                v = v.lower()
            add(v, "person", {"tradition": p.trad, "form": form})
            continue
        name, _, arg = ph.partition(":")
        if name == "HETU":
            global _hn
            _hn += 1
            valid = _hn % 12 != 0
            h = hetu(rng, next_sign(), valid)
            add(h, "hetu", {"check_valid": valid})
        elif name == "HETUBAD":
            add(hetu(rng, next_sign(), False), "hetu", {"check_valid": False})
        elif name == "PHONE":
            add(phone(rng, arg or None), "phone")
        elif name == "EMAIL":
            add(email(rng, persons.get(arg)), "email")
        elif name == "ADDR":
            add(address(rng, sv=(arg == "sv")), "address")
        elif name == "IBAN":
            add(iban(rng, arg or None), "iban")
        elif name == "VEH":
            add(vehicle(rng), "vehicle")
        elif name == "PL":
            add(rng.choice(PL_FI)[PLIDX[arg]], "place", keep=True)
        elif name == "CO":
            add(rng.choice(CO_FI)[PLIDX[arg]], "place", keep=True)
        elif name == "ORG":
            add(rng.choice(ORG_FI)[PLIDX[arg]], "org", keep=True)
        elif name == "ST":
            add(rng.choice(ST_FI)[STIDX[arg]], "street", keep=True)
        elif name == "PLS":
            add(rng.choice(PL_SV), "place", keep=True)
        elif name == "ORGS":
            add(rng.choice(ORG_SV), "org", keep=True)
        elif name == "STS":
            add(rng.choice(ST_SV), "street", keep=True)
        elif name == "PLE":
            add(rng.choice(PL_EN), "place", keep=True)
        elif name == "ORGE":
            add(rng.choice(ORG_EN), "org", keep=True)
        elif name == "DATE":
            dd, mm = rng.randint(1, 28), rng.randint(1, 12)
            yy = rng.choice([2024, 2025, 2026])
            v = rng.choice([f"{dd}.{mm}.{yy}", f"{dd:02d}.{mm:02d}.{yy}", f"{dd}.{mm}.", f"{yy}-{mm:02d}-{dd:02d}"])
            if arg == "en":
                v = rng.choice([f"{dd} March {yy}", f"{dd}.{mm}.{yy}", f"{yy}-{mm:02d}-{dd:02d}"])
            add(v, "date", keep=True)
        elif name == "MONEY":
            a = rng.choice([35, 120, 240, 540, 780, 1200, 1850, 3400, 62])
            if arg == "en":
                v = rng.choice([f"{a} euros", f"€{a}", f"{a} EUR"])
            elif arg == "sv":
                v = rng.choice([f"{a} euro", f"{a} €"])
            else:
                v = rng.choice([f"{a} €", f"{a} euroa", f"{a},50 €", f"{a} e", f"{a:,}".replace(",", " ") + " euroa"])
            add(v, "money", keep=True)
        elif name == "DNRO":
            v = rng.choice([f"Dnro {rng.randint(10, 9999)}/{rng.choice([2025, 2026])}",
                            f"{rng.randint(100, 9999)}/{rng.choice([2025, 2026])}",
                            f"PHHYKY/{rng.randint(100, 9999)}/2026", f"D/{rng.randint(1000, 99999)}/05.01/2026"])
            add(v, "case_number", keep=True)
        elif name == "AGE":
            add(str(rng.randint(2, 94)), "number", keep=True)
        elif name == "YEAR":
            add(str(rng.randint(1988, 2025)), "number", keep=True)
        elif name == "ROOM":
            add(str(rng.choice([rng.randint(101, 450), rng.randint(1, 30)])), "number", keep=True)
        elif name == "SVC":
            add(rng.choice(["112", "116 111", "116 000", "116 117"]), "service_number", keep=True)
        elif name == "MONTH":
            text += rng.choice(MONTHS_FI)
        else:
            raise ValueError(ph)
    text += tpl[pos:]
    return text, spans, keeps


def main():
    out = []
    N = 700
    n_hard = len(HARD)
    n_sv = round(N * 0.12)
    n_en = round(N * 0.08)
    hard_langs = [h[0] for h in HARD]
    n_sv_t = n_sv - hard_langs.count("sv")
    n_en_t = n_en - hard_langs.count("en")
    n_fi_t = N - n_hard - n_sv_t - n_en_t
    specs = []
    for lang, pool, n in (("fi", FI, n_fi_t), ("sv", SV, n_sv_t), ("en", EN, n_en_t)):
        seq = []
        while len(seq) < n:
            p = pool[:]
            rng.shuffle(p)
            seq += p
        specs += [(lang, t) for t in seq[:n]]
    specs += [(l, t) for l, t in HARD]
    rng.shuffle(specs)
    for i, (lang, t) in enumerate(specs, 1):
        text, spans, keeps = fill(t, lang)
        out.append({"id": f"pd-{i:04d}", "lang": lang, "text": text, "spans": spans, "keep": keeps})
    path = os.path.join(os.path.dirname(__file__), "..", "cases.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print("wrote", len(out))


if __name__ == "__main__":
    main()
