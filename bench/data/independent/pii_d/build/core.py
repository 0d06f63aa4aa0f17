import random, re
from pools import *

VOW = set("aeiouyäöåAEIOUYÄÖÅ")
DIPH = {"ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu", "ou", "iu", "ey", "äy", "öy", "ie", "uo", "yö",
        "aa", "ee", "ii", "oo", "uu", "yy", "ää", "öö"}
END = {"gen": "n", "all": "lle", "ade": "llA", "abl": "ltA", "ela": "stA", "ine": "ssA", "ess": "nA", "tra": "ksi"}
CASES = ["nom", "gen", "par", "all", "ade", "abl", "ela", "ill", "ine", "ess", "tra"]


def front(w):
    import unicodedata
    w = "".join(c for c in unicodedata.normalize("NFD", w.split(" ")[-1].split("-")[-1])
                if not unicodedata.combining(c) or c in "\u0308")
    w = unicodedata.normalize("NFC", w)
    return not any(c in "aouAOU" for c in w)


def gradate(w):
    if len(w) >= 3 and w[-3:-1] in ("kk", "pp", "tt"):
        return w[:-2] + w[-1]
    return w


def inflect_word(w, case, grad=False):
    """Finnish case form of a single (possibly hyphenated) name word."""
    if case == "nom":
        return w
    if w in EXPLICIT:
        return EXPLICIT[w][case]
    if "-" in w:  # hyphenated: inflect last part
        head, last = w.rsplit("-", 1)
        if last[:1].isupper() or head.islower():
            return head + "-" + inflect_word(last, case, grad)
    A = "ä" if front(w) else "a"
    if w.endswith("nen") and len(w) > 5:
        st = w[:-3] + "se"
        if case == "par":
            return w[:-3] + "st" + A
        if case == "ill":
            return st + "en"
        return st + END[case].replace("A", A)
    if w[-1] in VOW:
        long_ = w[-2:].lower() in DIPH
        weak = gradate(w) if grad else w
        if case == "par":
            return w + ("t" + A if long_ else A)
        if case == "ill":
            return w + ("h" + w[-1] + "n" if long_ else w[-1] + "n")
        if case == "ess":
            return w + "n" + A
        return weak + END[case].replace("A", A)
    st = w + "i"
    if case == "par":
        return st + A
    if case == "ill":
        return st + "in"
    return st + END[case].replace("A", A)


def inflect_name(name, case, grad=False):
    if case == "nom":
        return name
    parts = name.split(" ")
    parts[-1] = inflect_word(parts[-1], case, grad)
    return " ".join(parts)


def plural(surname, form):
    assert surname.endswith("nen")
    b = surname[:-3]
    A = "ä" if front(surname) else "a"
    return {"plnom": b + "set", "plgen": b + "sten", "plall": b + "sille", "plade": b + "silla",
            "plela": b + "sist" + A, "plpar": b + "si" + A}[form]


def sv_gen(name):
    return name if name[-1] in "sxzSXZ" else name + "s"


TRADS = {
    "finnish": (FIN_GIVEN_M, FIN_GIVEN_F, FIN_SURNAMES, None, FIN_NICKS),
    "finland_swedish": (FSW_GIVEN_M, FSW_GIVEN_F, FSW_SURNAMES, None, FSW_NICKS),
    "somali": (SOM_GIVEN_M, SOM_GIVEN_F, SOM_FATHER, None, SOM_NICKS),
    "arabic": (ARA_GIVEN_M, ARA_GIVEN_F, ARA_SURNAMES, None, ARA_NICKS),
    "kurdish": (KUR_GIVEN_M, KUR_GIVEN_F, KUR_SURNAMES, None, {}),
    "persian": (PER_GIVEN_M, PER_GIVEN_F, PER_SURNAMES, None, {}),
    "russian": (RUS_GIVEN_M, RUS_GIVEN_F, RUS_SURNAMES_M, "rus", RUS_NICKS),
    "ukrainian": (UKR_GIVEN_M, UKR_GIVEN_F, UKR_SURNAMES, None, UKR_NICKS),
    "estonian": (EST_GIVEN_M, EST_GIVEN_F, EST_SURNAMES, None, {}),
    "vietnamese": (VIE_GIVEN_M, VIE_GIVEN_F, VIE_FAMILY, "vie", {}),
    "thai": (THA_GIVEN_M, THA_GIVEN_F, THA_SURNAMES, None, THA_NICKS),
    "english": (ENG_GIVEN_M, ENG_GIVEN_F, ENG_SURNAMES, None, ENG_NICKS),
    "turkish": (TUR_GIVEN_M, TUR_GIVEN_F, TUR_SURNAMES, None, {}),
    "albanian": (ALB_GIVEN_M, ALB_GIVEN_F, ALB_SURNAMES, None, {}),
    "tigrinya": (TIG_GIVEN_M, TIG_GIVEN_F, TIG_SURNAMES, None, {}),
    "filipino": (FIL_GIVEN_M, FIL_GIVEN_F, FIL_SURNAMES, None, {}),
    "polish": (POL_GIVEN_M, POL_GIVEN_F, POL_SURNAMES_M, "pol", {}),
    "chinese": (CHN_GIVEN_M, CHN_GIVEN_F, CHN_FAMILY, "chn", {}),
    "dutch": (NLD_GIVEN_M, NLD_GIVEN_F, NLD_SURNAMES, None, {}),
    "portuguese": (POR_GIVEN_M, POR_GIVEN_F, POR_SURNAMES, None, {}),
}


class Person:
    def __init__(self, rng, trad, pin=None):
        self.trad = trad
        gm, gf, sn, special, nicks = TRADS[trad]
        self.female = rng.random() < 0.5
        self.given = rng.choice(gf if self.female else gm)
        self.surname = rng.choice(sn)
        self.family_first = False
        self.middle = None
        if pin == "finword":
            self.trad = "finnish"
            if rng.random() < 0.6:
                self.female = rng.random() < 0.4
                self.given = rng.choice(FIN_WORD_GIVEN_F if self.female else FIN_WORD_GIVEN_M)
                self.surname = rng.choice(FIN_SURNAMES + FIN_WORD_SURNAMES)
            else:
                self.given = rng.choice(FIN_GIVEN_F if self.female else FIN_GIVEN_M)
                self.surname = rng.choice(FIN_WORD_SURNAMES)
        if pin == "finnen":
            self.surname = rng.choice([s for s in FIN_SURNAMES if s.endswith("nen") and "-" not in s])
        if trad == "somali":
            while self.surname == self.given:
                self.surname = rng.choice(sn)
            if rng.random() < 0.4:
                self.middle = rng.choice([x for x in SOM_FATHER if x not in (self.given, self.surname)])
        if special == "rus" and self.female:
            self.surname = self.surname + "a"
        if special == "rus" and rng.random() < 0.15:
            self.middle = rng.choice(RUS_PATRON_F if self.female else RUS_PATRON_M)
        if special == "pol" and self.female:
            s = self.surname
            self.surname = s[:-1] + "a" if s.endswith("i") else s
        if special in ("vie", "chn"):
            self.family_first = True
            if special == "vie":
                self.middle = rng.choice(VIE_MIDDLE_F if self.female else VIE_MIDDLE_M)
        self.nick = nicks.get(self.given)
        self.grad_given = self.given in GRAD or self.given.split("-")[-1] in ("Pekka",)
        self.nom_only = self.given in NOM_ONLY

    def base(self, part):
        g, s = self.given, self.surname
        if part == "full":
            if self.family_first:
                return " ".join(x for x in (s, self.middle, g) if x)
            return " ".join(x for x in (g, self.middle, s) if x)
        if part == "given":
            return g
        if part == "surname":
            return s
        if part == "nick":
            return self.nick or g
        if part == "initial":
            ini = ".-".join(p[0] for p in g.split("-")) + "."
            if " " in g:
                ini = " ".join(p[0] + "." for p in g.split(" "))
            return ini + " " + s
        raise ValueError(part)

    def render(self, lang, case, part, lower=False):
        if part == "nick" and not self.nick:
            part = "given"
        if part == "initial" and self.family_first:
            part = "full"
        if case.startswith("pl"):
            v = plural(self.surname, case)
            form = "plural"
        else:
            b = self.base(part)
            if lang == "fi":
                if self.nom_only and part in ("given",) and case not in ("nom",):
                    case = "nom"
                grad = self.grad_given and part in ("given", "nick")
                if self.nom_only and part == "full" and case != "nom":
                    # surname carries the ending, the given name is untouched
                    pass
                v = inflect_name(b, case, grad)
            elif lang == "sv":
                v = sv_gen(b) if case == "gen" else b
            else:
                v = b
                case = "nom"
            form = f"{case}:{part}"
        if lower:
            v = v.lower()
            form = "lower:" + form
        return v, form, case


# ---------------------------------------------------------------- identifiers
HETU_ALPHA = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENT = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
        "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def hetu(rng, sign=None, valid=True):
    sign = sign or rng.choice(list(CENT))
    base = CENT[sign]
    yy = rng.randint(0, 25) if base == 2000 else rng.randint(60 if base == 1800 else 20, 99)
    mm = rng.randint(1, 12)
    dd = rng.randint(1, MDAYS[mm - 1])
    nnn = rng.randint(2, 899)
    digits = f"{dd:02d}{mm:02d}{yy:02d}{nnn:03d}"
    c = HETU_ALPHA[int(digits) % 31]
    if not valid:
        c = rng.choice([x for x in HETU_ALPHA if x != c])
    return f"{dd:02d}{mm:02d}{yy:02d}{sign}{nnn:03d}{c}"


def hetu_ok(h):
    m = re.fullmatch(r"(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])", h)
    if not m:
        return False
    return HETU_ALPHA[int(m.group(1) + m.group(3)) % 31] == m.group(4)


IBAN_SPEC = {"FI": "n14", "SE": "n20", "DE": "n18", "EE": "n16", "NO": "n11", "GB": "a4n14", "DK": "n14",
             "LT": "n16", "NL": "a4n10", "FR": "n23"}


def iban_num(s):
    return int("".join(str(int(c, 36)) for c in s))


def iban(rng, cc=None, grouped=None):
    cc = cc or rng.choice(["FI"] * 5 + ["SE", "DE", "EE", "NO", "GB", "DK", "LT", "NL", "FR"])
    spec = IBAN_SPEC[cc]
    bban = ""
    for kind, n in re.findall(r"([an])(\d+)", spec):
        for _ in range(int(n)):
            bban += rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") if kind == "a" else str(rng.randint(0, 9))
    chk = 98 - iban_num(bban + cc + "00") % 97
    s = f"{cc}{chk:02d}{bban}"
    if grouped is None:
        grouped = rng.random() < 0.65
    if grouped:
        s = " ".join(s[i:i + 4] for i in range(0, len(s), 4))
    return s


def iban_ok(s):
    s = s.replace(" ", "")
    return iban_num(s[4:] + s[:4]) % 97 == 1


def d(rng, n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def phone(rng, kind=None):
    kind = kind or rng.choice(["mob"] * 5 + ["land"] * 2 + ["svc", "for", "for"])
    if kind == "mob":
        p = rng.choice(["040", "041", "044", "045", "050", "046", "049"])
        a, b = d(rng, 3), d(rng, 4)
        b2 = b[:2] + " " + b[2:]
        return rng.choice([f"{p} {a} {b}", f"{p}{a}{b}", f"{p}-{a} {b}", f"{p}-{a}{b}", f"{p} {a}{b}",
                           f"{p} {a} {b2}", f"+358 {p[1:]} {a} {b}", f"+358{p[1:]}{a}{b}", f"+358 {p[1:]} {a}{b}",
                           f"+358-{p[1:]}-{a}{b}", f"+358 (0){p[1:]} {a} {b}", f"{p} {a[:2]} {a[2]}{b[:1]} {b[1:]}"])
    if kind == "land":
        ac = rng.choice(["09", "02", "03", "013", "014", "015", "017", "019", "05", "06", "08"])
        n = d(rng, 7 if ac == "09" else rng.choice([6, 7]))
        sp = n[:3] + " " + n[3:]
        return rng.choice([f"({ac}) {sp}", f"{ac} {sp}", f"{ac}-{sp}", f"{ac} {n}", f"+358 {ac[1:]} {sp}",
                           f"{ac}-{n}"])
    if kind == "svc":
        return rng.choice([f"020 {d(rng, 3)} {d(rng, 4)}", f"0800 {d(rng, 3)} {d(rng, 3)}",
                           f"0800-{d(rng, 5)}", f"020{d(rng, 6)}", f"029 {d(rng, 3)} {d(rng, 4)}"])
    return rng.choice([f"+46 70 {d(rng, 3)} {d(rng, 2)} {d(rng, 2)}", f"+46 8 {d(rng, 3)} {d(rng, 3)} {d(rng, 2)}",
                       f"+7 9{d(rng, 2)} {d(rng, 3)}-{d(rng, 2)}-{d(rng, 2)}", f"+380 {rng.choice(['67','50','63','97'])} {d(rng, 3)} {d(rng, 4)}",
                       f"+252 61 {d(rng, 7)}", f"+44 7700 {d(rng, 6)}", f"+49 151 {d(rng, 8)}",
                       f"+372 5{d(rng, 3)} {d(rng, 4)}", f"+964 750 {d(rng, 3)} {d(rng, 4)}",
                       f"+98 912 {d(rng, 3)} {d(rng, 4)}", f"+93 70 {d(rng, 3)} {d(rng, 4)}",
                       f"+84 91 {d(rng, 3)} {d(rng, 4)}", f"+66 81 {d(rng, 3)} {d(rng, 4)}",
                       f"00252 {d(rng, 9)}", f"+90 532 {d(rng, 3)} {d(rng, 2)} {d(rng, 2)}",
                       f"+47 {d(rng, 3)} {d(rng, 2)} {d(rng, 3)}", f"+380{d(rng, 9)}"])


ASCII = str.maketrans({"ä": "a", "ö": "o", "å": "a", "ü": "u", "é": "e", "š": "s", "ž": "z", "õ": "o",
                       "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ł": "l", "ś": "s", "ó": "o", "ą": "a", "ę": "e",
                       "ễ": "e", "ầ": "a", "ạ": "a", "ị": "i", "ă": "a", "ù": "u", "í": "i", "ã": "a", "'": ""})
DOMAINS = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "hotmail.fi", "phhyky.fi", "lahti.fi",
           "luukku.com", "suomi24.fi", "icloud.com", "jippii.fi", "example.org", "mail.ru", "ukr.net", "telia.com"]


def email(rng, p=None):
    if p is None:
        g, s = rng.choice(FIN_GIVEN_F + ENG_GIVEN_M), rng.choice(FIN_SURNAMES)
    else:
        g, s = p.given, p.surname
    g = g.lower().translate(ASCII).replace(" ", "").replace("-", "")
    s = s.lower().translate(ASCII).replace(" ", "").replace("-", "")
    dom = rng.choice(DOMAINS)
    return rng.choice([f"{g}.{s}@{dom}", f"{g[0]}.{s}@{dom}", f"{g}{s}{rng.randint(1, 99)}@{dom}",
                       f"{g}_{s}@{dom}", f"{s}.{g}@{dom}", f"{g}.{s[:1]}{rng.randint(60, 99)}@{dom}",
                       f"{g.capitalize()}.{s.capitalize()}@{dom}"])


STREETS_FI = ["Kauppakatu", "Rantatie", "Aleksanterinkatu", "Vesijärvenkatu", "Koivukuja", "Mäkitie",
              "Kirkkokatu", "Hämeenkatu", "Asemantie", "Puistokatu", "Koulukatu", "Myllytie", "Saimaankatu",
              "Harjutie", "Kivimiehenkatu", "Rautatienkatu", "Sibeliuksenkatu", "Laaksotie", "Niittykatu",
              "Ahtialantie", "Jalkarannantie", "Rauhankatu", "Toivonkatu", "Onnelantie", "Kivikkotie",
              "Lahdenkatu", "Virtakatu", "Koivistontie"]
STREETS_SV = ["Storgatan", "Skolvägen", "Strandvägen", "Kyrkogatan", "Ågatan", "Nygatan", "Järnvägsgatan",
              "Brunnsgatan", "Sjögatan", "Biskopsgatan"]


def address(rng, sv=False):
    st = rng.choice(STREETS_SV if sv else STREETS_FI)
    n = rng.randint(1, 68)
    L = rng.choice("ABCDEF")
    f = rng.randint(1, 48)
    opts = [f"{st} {n}", f"{st} {n} {L} {f}", f"{st} {n} {L}", f"{st} {n} {L}{f}", f"{st} {n} as {f}",
            f"{st} {n} as. {f}", f"{st} {n}-{n + 2} {L} {f}", f"{st} {n} {L.lower()} {f}", f"{st} {n}{L.lower()}",
            f"{st} {n} {L} {f}"]
    if sv:
        opts = [f"{st} {n}", f"{st} {n} {L} {f}", f"{st} {n} {L}", f"{st} {n} bost. {f}"]
    return rng.choice(opts)


def vehicle(rng):
    L = "ABCEFGHIJKLMNOPRSTUVXYZ"
    a = "".join(rng.choice(L) for _ in range(3 if rng.random() < 0.85 else 2))
    n = str(rng.randint(1, 999)) if rng.random() < 0.7 else str(rng.randint(1, 99))
    r = rng.random()
    if r < 0.6:
        return f"{a}-{n}"
    if r < 0.75:
        return f"{a.lower()}-{n}"
    if r < 0.88:
        return f"{a} {n}"
    return f"{a}{n}"
