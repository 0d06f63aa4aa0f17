"""Identifier generators with checksums (hetu mod 31, IBAN mod 97)."""
import random

HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
SIGNS = ["+", "-", "Y", "X", "W", "V", "U", "A", "B", "C", "D", "E", "F"]
CENT = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
        "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def hetu_check(dd, mm, yy, nnn):
    return HETU_CHECK[int(f"{dd:02d}{mm:02d}{yy:02d}{nnn:03d}") % 31]


def hetu_valid(s):
    if len(s) != 11 or s[6] not in CENT:
        return False
    try:
        dd, mm, yy, nnn = int(s[0:2]), int(s[2:4]), int(s[4:6]), int(s[7:10])
    except ValueError:
        return False
    return hetu_check(dd, mm, yy, nnn) == s[10]


class Hetu:
    def __init__(self, rng):
        self.rng = rng
        self.i = 0

    def __call__(self):
        r = self.rng
        sign = SIGNS[self.i % len(SIGNS)] if self.i < 39 else r.choice(SIGNS)
        self.i += 1
        base = CENT[sign]
        yy = r.randint(60, 99) if base == 1800 else (r.randint(30, 99) if base == 1900 else r.randint(0, 25))
        mm = r.randint(1, 12)
        dd = r.randint(1, MDAYS[mm - 1])
        nnn = r.randint(2, 899)
        chk = hetu_check(dd, mm, yy, nnn)
        valid = True
        if r.random() < 0.08:
            chk = r.choice([c for c in HETU_CHECK if c != chk])
            valid = False
        return f"{dd:02d}{mm:02d}{yy:02d}{sign}{nnn:03d}{chk}", valid


def iban_checkdigits(cc, bban):
    s = bban + cc + "00"
    num = "".join(str(int(ch, 36)) for ch in s)
    return f"{98 - int(num) % 97:02d}"


def iban_valid(s):
    s = s.replace(" ", "")
    r = s[4:] + s[:4]
    num = "".join(str(int(ch, 36)) for ch in r)
    return int(num) % 97 == 1


IBAN_SPEC = {"FI": 14, "SE": 20, "DE": 18, "EE": 16, "NO": 11, "TR": 22, "PL": 24, "GB": 14}


def iban(rng):
    cc = rng.choice(["FI"] * 6 + ["SE", "DE", "EE", "NO", "TR", "PL", "GB"])
    n = IBAN_SPEC[cc]
    digits = "".join(str(rng.randint(0, 9)) for _ in range(n))
    if cc == "GB":
        bban = "".join(rng.choice("ABCDEFGHJKLMNPRSTUWXYZ") for _ in range(4)) + digits
    elif cc == "TR":
        bban = digits[:5] + "0" + digits[6:]
    else:
        bban = digits
    full = cc + iban_checkdigits(cc, bban) + bban
    if rng.random() < 0.65:
        full = " ".join(full[i:i + 4] for i in range(0, len(full), 4))
    return full


def phone(rng, i):
    d = lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))
    mob = rng.choice(["40", "41", "44", "45", "46", "50"])
    fmts = [
        lambda: f"0{mob} {d(3)} {d(4)}",
        lambda: f"0{mob}-{d(7)}",
        lambda: f"0{mob}{d(7)}",
        lambda: f"+358 {mob} {d(3)} {d(4)}",
        lambda: f"+358{mob}{d(7)}",
        lambda: f"+358 (0){mob} {d(3)} {d(4)}",
        lambda: f"(09) {d(3)} {d(4)}",
        lambda: f"09-{d(3)} {d(4)}",
        lambda: f"03 {d(3)} {d(4)}",
        lambda: f"(03) {d(3)} {d(4)}",
        lambda: f"0{mob} {d(3)} {d(2)} {d(2)}",
        lambda: f"020{d(7)}",
        lambda: f"020 {d(3)} {d(4)}",
        lambda: f"+46 70 {d(3)} {d(2)} {d(2)}",
        lambda: f"+7 921 {d(3)}-{d(2)}-{d(2)}",
        lambda: f"+380 67 {d(3)} {d(4)}",
        lambda: f"+252 61 {d(3)} {d(4)}",
        lambda: f"+44 7700 {d(6)}",
        lambda: f"0{mob} {d(4)} {d(3)}",
        lambda: f"+358-{mob}-{d(7)}",
    ]
    return fmts[i % len(fmts)]() if i < 60 else rng.choice(fmts)()


DOMAINS = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "luukku.com", "phnet.fi", "kolumbus.fi",
           "hyvinvointialue.fi", "welho.com", "suomi24.fi", "yandex.ru", "ukr.net", "icloud.com", "elisanet.fi"]


def email(rng, firsts, lasts):
    f, l = rng.choice(firsts), rng.choice(lasts)
    pat = rng.choice(["{f}.{l}", "{f}{l}", "{f0}.{l}", "{f}_{l}", "{f}.{l}{n}", "{l}.{f}", "{f}{n}",
                      "{F}.{L}"])
    local = pat.format(f=f, l=l, f0=f[0], n=rng.randint(1, 99), F=f.capitalize(), L=l.capitalize())
    return local + "@" + rng.choice(DOMAINS)


PLATE_LETTERS = "ABCDEFGHIJKLMNOPRSTUVXYZ"


def vehicle(rng):
    nl = rng.choice([3, 3, 3, 2])
    nd = rng.choice([3, 3, 2, 1])
    letters = "".join(rng.choice(PLATE_LETTERS) for _ in range(nl))
    digits = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(nd - 1))
    r = rng.random()
    if r < 0.78:
        return f"{letters}-{digits}"
    if r < 0.88:
        return f"{letters.lower()}-{digits}"
    if r < 0.95:
        return f"{letters}{digits}"
    return f"{letters} {digits}"


def address(rng, streets, postal=None):
    s = rng.choice(streets)
    n = rng.randint(1, 120)
    L = rng.choice("ABCDEFG")
    m = rng.randint(1, 80)
    pat = rng.choice(["{s} {n}", "{s} {n} {L} {m}", "{s} {n} as {m}", "{s} {n} as. {m}", "{s} {n} {L}",
                      "{s} {n} {l} {m}", "{s} {n} {L} {m}", "{s} {n}-{n2}"])
    a = pat.format(s=s, n=n, L=L, l=L.lower(), m=m, n2=n + 2)
    if postal and rng.random() < 0.2:
        pc, city = rng.choice(postal)
        a += f", {pc} {city}"
    return a
