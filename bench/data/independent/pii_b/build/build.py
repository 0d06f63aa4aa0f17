# -*- coding: utf-8 -*-
"""Build /work/indep2/pii_b/cases.jsonl from hand-written markup.
Markup: [[value|kind]] or [[value|person|tradition]] = span to remove; {{value|kind}} = keep."""
import json, random, re, sys, os, datetime
sys.path.insert(0, os.path.dirname(__file__))
from data import NAMES, PLACES_DOM, PLACES_FOR, ORGS, SV_PLACES, SV_ORGS, EN_PLACES, EN_ORGS, SV_PLACES_DOM, EN_PLACES_DOM
from texts import (FI_TEMPLATES, FI_SECOND, SV_TEMPLATES, EN_TEMPLATES, WORD_SENTENCES,
                   EN_WORD_SENTENCES)
from special import SPECIAL

rng = random.Random(20261202)
VOW = "aeiouyäöAEIOUYÄÖıõüÜëêîâăéÉ"
BACK = set("aouAOUıõ")

def is_back(w):
    part = w.split("-")[-1]
    return any(c in BACK for c in part)

def harm(s, back):
    return s if back else s.replace("a", "ä").replace("o", "ö").replace("u", "y")

def inflect(word, case, trad):
    """Inflect the last token (after the last space) of a name string."""
    if case in ("nom", "sv", "en"):
        return word
    if case == "svgen":
        return word if word[-1] in "sxz" else word + "s"
    pre, _, last = word.rpartition(" ")
    pre = pre + " " if pre else ""
    back = is_back(last)
    low = last.lower()
    if trad == "finnish" and low.endswith("nen"):
        st = last[:-3] + "se"
        forms = dict(gen=st + "n", par=last[:-3] + "sta", all=st + "lle", ade=st + "lla", abl=st + "lta",
                     ill=st + "en", ine=st + "ssa", ela=st + "sta", ess=st + "na", tra=st + "ksi")
    elif low[-1] in VOW.lower():
        lv = low[-1]
        DIPH = ("ai","ei","oi","ui","yi","äi","öi","au","eu","ou","iu","ey","äy","öy","ie","uo","yö",
                "aa","ee","ii","oo","uu","yy","ää","öö")
        if len(low) >= 2 and low[-2:] in DIPH:  # long vowel / diphthong
            par, ill = last + "ta", last + "h" + lv + "n"
        else:
            par, ill = last + "a", last + lv + "n"
        st = last
        forms = dict(gen=st + "n", par=par, all=st + "lle", ade=st + "lla", abl=st + "lta", ill=ill,
                     ine=st + "ssa", ela=st + "sta", ess=st + "na", tra=st + "ksi")
    else:
        st = last + "i"
        forms = dict(gen=st + "n", par=st + "a", all=st + "lle", ade=st + "lla", abl=st + "lta", ill=st + "in",
                     ine=st + "ssa", ela=st + "sta", ess=st + "na", tra=st + "ksi")
    c = "gen" if case == "com" else case
    f = forms[c]
    # harmonise only the ending part
    base_len = len(last) if not (trad == "finnish" and low.endswith("nen")) else len(last) - 3
    f = f[:base_len] + harm(f[base_len:], back)
    return pre + f

# ---------- identifiers ----------
CHK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENT = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
        "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}

def hetu(sign, valid=True):
    base = CENT[sign]
    while True:
        y = rng.randint(0, 99) if base != 2000 else rng.randint(0, 24)
        try:
            d = datetime.date(base + y, rng.randint(1, 12), rng.randint(1, 28))
        except ValueError:
            continue
        break
    n = rng.randint(2, 899)
    ds = d.strftime("%d%m") + "%02d" % (d.year % 100)
    c = CHK[int(ds + "%03d" % n) % 31]
    if not valid:
        c = CHK[(CHK.index(c) + 7) % 31]
    return ds + sign + "%03d" % n + c

def hetu_ok(h):
    return CHK[int(h[:6] + h[7:10]) % 31] == h[10]

def iban(cc, length):
    bban = "".join(str(rng.randint(0, 9)) for _ in range(length))
    num = "".join(str(int(ch, 36)) for ch in bban + cc + "00")
    k = 98 - int(num) % 97
    return cc + "%02d" % k + bban

def iban_ok(s):
    s = s.replace(" ", "")
    r = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in r)) % 97 == 1

def spaced(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))

# ---------- slot filling ----------
def cyc(lst):
    i = [rng.randrange(len(lst))]
    def nxt():
        i[0] = (i[0] + 1) % len(lst)
        return lst[i[0]]
    return nxt
nxt_pd, nxt_pf, nxt_o = cyc(PLACES_DOM), cyc(PLACES_FOR), cyc(ORGS)
nxt_sp, nxt_so, nxt_ep, nxt_eo = cyc(SV_PLACES), cyc(SV_ORGS), cyc(EN_PLACES), cyc(EN_ORGS)
nxt_spd, nxt_epd = cyc(SV_PLACES_DOM), cyc(EN_PLACES_DOM)
HELP = {"Kela","Vantaan kaupunki","Lahden kaupunki","TE-palvelut","Päijät-Hämeen hyvinvointialue","Kymenlaakson hyvinvointialue","A-klinikka","Suomen Punainen Risti","SPR","Takuusäätiö","Mannerheimin Lastensuojeluliitto","Ensi- ja turvakotien liitto","Ohjaamo","Lahden Diakonialaitos","Diakonissalaitos","Kansaneläkelaitos","Pelastakaa Lapset","Mielenterveystalo"}
FORMI = dict(nom=0, gen=1, **{"in": 2}, **{"from": 3}, to=4)

def fill(tpl, name_for, cases_used):
    def rep(m):
        tag, arg = m.group(1), m.group(2)
        if tag in ("N", "S"):
            val, trad = name_for(tag, arg)
            cases_used.append(arg)
            v, c = val.split("|"); return "[[%s|person|%s|%s]]" % (v, trad, c)
        if tag == "PD":
            return "{{%s|place}}" % nxt_pd()[FORMI[arg]]
        if tag == "PF":
            return "{{%s|place}}" % nxt_pf()[FORMI[arg]]
        if tag in ("O", "OH", "OM", "OK"):
            while True:
                o = nxt_o()
                if tag == "OH" and o[0] not in HELP:
                    continue
                if tag == "OM" and o[0] not in ("Maahanmuuttovirasto", "Migri"):
                    continue
                if tag == "OK" and o[0] not in ("Kela", "Kansaneläkelaitos", "TE-palvelut", "Maahanmuuttovirasto", "Migri", "Takuusäätiö", "Ulosottolaitos", "Digi- ja väestötietovirasto"):
                    continue
                if o[FORMI[arg]]:
                    return "{{%s|org}}" % o[FORMI[arg]]
        raise ValueError(tag)
    def rep0(m):
        t = m.group(1)
        return "{{%s|%s}}" % ({"SP": nxt_sp, "SO": nxt_so, "EP": nxt_ep, "EO": nxt_eo, "SPD": nxt_spd, "EPD": nxt_epd}[t](),
                              "org" if t in ("SO", "EO") else "place")
    tpl = re.sub(r"<(SPD|EPD|SP|SO|EP|EO)>", rep0, tpl)
    return re.sub(r"<(N|S|PD|PF|O|OH|OM|OK):(\w+)>", rep, tpl)

# ---------- parser ----------
MK = re.compile(r"\[\[([^\]|]+)\|(\w+)(?:\|(\w+))?(?:\|(\w+))?\]\]|\{\{([^}|]+)\|(\w+)\}\}")

CASES = []
def parse(marked):
    out, spans, keep, pos = [], [], [], 0
    L = 0
    for m in MK.finditer(marked):
        out.append(marked[pos:m.start()]); L += m.start() - pos
        if m.group(1) is not None:
            v = m.group(1); d = {"start": L, "end": L + len(v), "kind": m.group(2)}
            if m.group(2) == "person":
                d["tradition"] = m.group(3)
            d["value"] = v; spans.append(d)
            CASES.append((m.group(3), m.group(4) or "nom"))
        else:
            v = m.group(5); keep.append({"start": L, "end": L + len(v), "kind": m.group(6), "value": v})
        out.append(v); L += len(v); pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    assert "[[" not in text and "{{" not in text and "]]" not in text and "}}" not in text, marked
    return text, spans, keep

# ---------- identifier sentences ----------
def id_sentences():
    S = []
    signs = list(CENT)
    hs = [hetu(s) for s in signs] + [hetu(rng.choice(signs)) for _ in range(20)]
    bad = [hetu(s, valid=False) for s in ("-", "A", "Y", "+")]
    hetu_t = ["Asiakkaan henkilötunnus on [[{}|hetu]].", "Lapsen hetu: [[{}|hetu]].",
              "Päätös koskee henkilöä (hetu [[{}|hetu]]), joka asuu tuetussa asunnossa.",
              "Henkilötunnus [[{}|hetu]] oli kirjattu väärin Kelan järjestelmään.",
              "Isän henkilötunnukseksi merkittiin [[{}|hetu]].",
              "Tietojärjestelmästä löytyi kaksi asiakasta, joista toisen tunnus on [[{}|hetu]]."]
    for i, h in enumerate(hs):
        S.append(("fi", hetu_t[i % len(hetu_t)].format(h)))
    for h in bad:
        S.append(("fi", "Hakemukseen oli kirjoitettu henkilötunnus [[{}|hetu]], jonka tarkistusmerkki ei täsmää.".format(h)))
    S.append(("sv", "Klientens personbeteckning är [[{}|hetu]].".format(hetu("-"))))
    S.append(("en", "The child's personal identity code is [[{}|hetu]].".format(hetu("A"))))
    phones = ["040 123 4567", "0401234567", "+358 40 123 4567", "+358401234567", "09 1234 5678", "(09) 123 456",
              "03-781 2345", "044-555 66 77", "050 987 6543", "045 7812 3304", "+358 50 441 2290", "0449876120",
              "03 8192 440", "(03) 814 2211", "046 588 1290", "+358 44 771 0032", "041-772 3018", "05 3329 874",
              "0400 618 203", "+35845 1234 567", "040-831 7762", "09-310 44 221", "050-66 77 889", "+358 3 812 4455",
              "0505512734", "044 302 1187"]
    ph_t = ["Asiakkaan puhelinnumero on [[{}|phone]].", "Äidin tavoittaa numerosta [[{}|phone]] arkisin.",
            "Soita tarvittaessa numeroon [[{}|phone]].", "Isän uusi numero: [[{}|phone]].",
            "Tukihenkilön puhelin [[{}|phone]] on päivitetty asiakastietoihin."]
    for i, p in enumerate(phones):
        S.append(("fi", ph_t[i % len(ph_t)].format(p)))
    for p in ["070 123 45 67", "+46 70 555 12 34", "040 221 9087"]:
        S.append(("sv", "Klienten nås på telefonnummer [[{}|phone]].".format(p)))
    for p in ["+358 40 765 4321", "+44 7700 900123", "050 318 2276"]:
        S.append(("en", "Her mobile number is [[{}|phone]].".format(p)))
    emails = ["hodan.warsame@gmail.com", "rania.haddad84@hotmail.com", "t.hyvarinen@lahti.fi",
              "ksenia.voronova@mail.ru", "oksana_nekrasova@yandex.ru", "s.kaewkham@outlook.com",
              "nhung.phan1990@gmail.com", "dilan.barzani@yahoo.com", "eetu.rautiainen@phhyky.fi",
              "anna-liisa.partanen@kouvola.fi", "g.whitfield@btinternet.com", "emine.yildirim@gmail.com",
              "valbona.kelmendi@live.com", "selam.tesfamariam@gmail.com", "agnieszka.wroblewska@wp.pl",
              "florin.dumitrescu@yahoo.ro", "reet.kivisild@hot.ee", "shirin.farahani@gmail.com",
              "zarghona.popal@outlook.com", "hjalmar.sjoberg@vanda.fi", "yaryna.hnatiuk@ukr.net",
              "ebba.lindqvist@folkhalsan.fi"]
    em_t = ["Asiakas pyysi lähettämään päätöksen sähköpostiin [[{}|email]].",
            "Äidin sähköposti on [[{}|email]].", "Yhteydenotot työntekijälle osoitteeseen [[{}|email]].",
            "Viesti lähetettiin osoitteeseen [[{}|email]], mutta vastausta ei tullut."]
    for i, e in enumerate(emails[:-3]):
        S.append(("fi", em_t[i % len(em_t)].format(e)))
    S.append(("sv", "Handläggarens e-post är [[hjalmar.sjoberg@vanda.fi|email]]."))
    S.append(("sv", "Skicka beslutet till [[ebba.lindqvist@folkhalsan.fi|email]]."))
    S.append(("en", "Please send the documents to [[yaryna.hnatiuk@ukr.net|email]]."))
    addrs = ["Kauppakatu 12 B 7", "Rinnetie 4 as 3", "Vapaudenkatu 31 A 12", "Harjukatu 8", "Mannerheimintie 102 C 45",
             "Koivistontie 17 as 2", "Kirkkokatu 4 as 12", "Saimaankatu 23 D 51", "Männistönkatu 6 B", "Tapiolankatu 9 A 4",
             "Jalkarannantie 44", "Vesijärvenkatu 15 B 22", "Pohjoiskaari 3 E 61", "Mukkulankatu 19 as 7",
             "Liipolankatu 2 C 33", "Kymenlaaksonkatu 11 A 9", "Tikkurilantie 130 B 14", "Sammonkatu 5 as 18",
             "Paimelantie 27", "Hennalankatu 40 A 3", "Lokkitie 6 F 88", "Nastolantie 12 B 10"]
    ad_t = ["Perhe asuu osoitteessa [[{}|address]].", "Uusi osoite on [[{}|address]].",
            "Kotikäynti tehtiin osoitteeseen [[{}|address]].", "Asiakas on ilmoittanut osoitteekseen [[{}|address]]."]
    for i, a in enumerate(addrs):
        S.append(("fi", ad_t[i % len(ad_t)].format(a)))
    S.append(("fi", "Asiakas asuu [[Kirkkokatu 4 as 12|address]]:ssa yhdessä veljensä kanssa."))
    S.append(("fi", "Muutto [[Rautatienkatu 21 B 8|address]]:aan on sovittu maaliskuulle."))
    S.append(("fi", "Tavarat haettiin [[Aleksanterinkatu 6 A 2|address]]:sta."))
    for a in ["Storgatan 5 A 3", "Mannerheimvägen 44 B 17", "Kyrkogatan 9", "Strandvägen 12 as 4",
              "Backasgatan 3 C 21", "Åbovägen 28 A 6"]:
        S.append(("sv", "Familjen bor på [[{}|address]].".format(a)))
    for a in ["Vuorikatu 14 B 9", "Sibeliuksenkatu 3 A 1"]:
        S.append(("en", "The family lives at [[{}|address]].".format(a)))
    ibans = [iban("FI", 14) for _ in range(13)] + [iban("SE", 20), iban("SE", 20), iban("DE", 18), iban("DE", 18)]
    ib_t = ["Toimeentulotuki maksetaan tilille [[{}|iban]].", "Asiakkaan tilinumero: [[{}|iban]].",
            "Vuokranantajan tili [[{}|iban]] on merkitty maksusitoumukseen.",
            "Äiti ilmoitti uudeksi tilinumeroksi [[{}|iban]]."]
    for i, b in enumerate(ibans):
        v = spaced(b) if i % 2 == 0 else b
        lang = "fi"
        t = ib_t[i % len(ib_t)].format(v)
        S.append((lang, t))
    S.append(("sv", "Stödet betalas till konto [[{}|iban]].".format(spaced(iban("FI", 14)))))
    S.append(("en", "Her bank account is [[{}|iban]].".format(iban("FI", 14))))
    plates = ["JKL-482", "BT-512", "ZOX-91", "KHM-7", "AXE-330", "RIT-806", "LUV-24", "CE-118", "NMO-572",
              "TYP-9", "GRS-640", "OLA-213", "VMK-77", "IUP-405", "FEX-862", "HAA-131", "SOT-58"]
    pl_t = ["Asiakas ajoi autolla, jonka rekisterinumero on [[{}|vehicle]].",
            "Pihalla oli auto [[{}|vehicle]], jonka isä kertoi lainanneensa.",
            "Ajoneuvo [[{}|vehicle]] on ulosmitattu.", "Perheen auton rekisteritunnus on [[{}|vehicle]]."]
    for i, p in enumerate(plates[:-1]):
        S.append(("fi", pl_t[i % len(pl_t)].format(p)))
    S.append(("sv", "Bilen med registernummer [[{}|vehicle]] står på gården.".format(plates[-1])))
    return S

# ---------- assemble ----------
def main():
    cases = []   # (lang, marked, meta)
    ids = id_sentences()
    rng.shuffle(ids)
    words = WORD_SENTENCES[:] + WORD_SENTENCES[:30]
    rng.shuffle(words)
    allcases = [c for c in FI_TEMPLATES]
    tpl_iters = {c: cyc(FI_TEMPLATES[c]) for c in FI_TEMPLATES}
    ci = 0
    second_i = 0
    for trad, names in NAMES.items():
        for k, (full, given, sur) in enumerate(names):
            alone = given if (trad in ("vietnamese", "thai") or k % 2 == 0) else sur
            other = sur if alone == given else given
            if trad == "vietnamese" and other == sur:
                other = given
            for use in ("full", "alone"):
                case = allcases[ci % len(allcases)]; ci += 1
                tpl = tpl_iters[case]()
                cu = []
                nm = full if use == "full" else alone
                def name_for(tag, arg, nm=nm, trad=trad, alone=alone):
                    if tag == "N":
                        return inflect(nm, arg, trad) + "|" + arg, trad
                    return inflect(alone, arg, trad) + "|" + arg, trad
                marked = fill(tpl, name_for, cu)
                if use == "full" and k % 3 == 0:
                    sc, st = FI_SECOND[second_i % len(FI_SECOND)]; second_i += 1
                    marked += " " + fill(st, name_for, cu)
                r = rng.random()
                if r < 0.35 and words:
                    marked += " " + words.pop()
                elif r < 0.6 and ids:
                    l, s = ids[0]
                    if l == "fi":
                        ids.pop(0); marked += " " + s
                cases.append(("fi", marked))
    # Swedish and English name sentences, drawn across traditions
    pool = [(t, n) for t, ns in NAMES.items() for n in ns]
    rng.shuffle(pool)
    p = iter(pool * 2)
    sv_it, en_it = cyc(SV_TEMPLATES), cyc(EN_TEMPLATES)
    for i in range(42):
        trad, (full, given, sur) = next(p)
        tpl = sv_it()
        nm = [full, given, sur][i % 3] if trad not in ("vietnamese",) else full
        marked = fill(tpl, lambda tag, arg, nm=nm, trad=trad: (inflect(nm, arg, trad) + "|" + arg, trad), [])
        if i % 5 == 0:
            l, s = next(((l, s) for l, s in ids if l == "sv"), (None, None))
            if s:
                ids.remove((l, s)); marked += " " + s
        cases.append(("sv", marked))
    enw = EN_WORD_SENTENCES[:]
    for i in range(32):
        trad, (full, given, sur) = next(p)
        tpl = en_it()
        nm = [full, given, full][i % 3]
        marked = fill(tpl, lambda tag, arg, nm=nm, trad=trad: (inflect(nm, arg, trad) + "|" + arg, trad), [])
        if i % 3 == 0 and enw:
            marked += " " + enw.pop()
        elif i % 3 == 1:
            l, s = next(((l, s) for l, s in ids if l == "en"), (None, None))
            if s:
                ids.remove((l, s)); marked += " " + s
        cases.append(("en", marked))
    for l, s in ids:  # leftover identifier sentences, prefixed with a keep-bearing context
        if l == "fi":
            pl = nxt_pd()
            s = "Asiakas asuu {{%s|place}}. " % pl[2] + s if rng.random() < 0.5 else s
        cases.append((l, s))
    for s in words:
        cases.append(("fi", s))
    for s in enw:
        cases.append(("en", s))
    for l, s in SPECIAL:
        cases.append((l, s))
    rng.shuffle(cases)
    out = []
    for i, (l, m) in enumerate(cases):
        text, spans, keep = parse(m)
        out.append({"id": "pb-%04d" % (i + 1), "lang": l, "text": text, "spans": spans, "keep": keep})
    with open(os.path.join(os.path.dirname(__file__), "..", "cases.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print("wrote", len(out))
    json.dump(CASES, open(os.path.join(os.path.dirname(__file__), "person_cases.json"), "w"))

if __name__ == "__main__":
    main()
