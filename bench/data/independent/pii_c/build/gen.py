"""Generate cases.jsonl.  Run: python3 gen.py  (deterministic seed)."""
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from inflect import inflect_word, can_inflect, plural, can_plural, sv_gen, NOM_ONLY  # noqa
from pools import TRAD, WEIGHTS, WORDNAME_GIVEN, WORDNAME_SUR, TITLES_FI, TITLES_SV, TITLES_EN, \
    FIRSTNAMES_FOR_EMAIL, SURNAMES_FOR_EMAIL  # noqa
import lexicon as L  # noqa
import ident  # noqa
from templates import FI_PERSON, FI_FAMILY, FI_IDENT, FI_KEEP, SV_PERSON, SV_IDENT, SV_KEEP, EN_PERSON, \
    EN_IDENT, EN_KEEP  # noqa

rng = random.Random(20261202)
OUT = Path(__file__).resolve().parent.parent / "cases.jsonl"
PLACE_IDX = {"nom": 0, "gen": 1, "in": 2, "at": 2, "from": 3, "to": 4}


class Person:
    def __init__(self, trad, given, mid, sur, nick):
        self.trad, self.given, self.mid, self.sur, self.nick = trad, given, mid, sur, nick

    def full(self):
        t = TRAD[self.trad]
        if t.get("order") == "sg":
            parts = [self.sur] + ([self.mid] if self.mid else []) + [self.given]
        else:
            parts = [self.given] + ([self.mid] if self.mid else []) + [self.sur]
        return " ".join(parts)


def pick_trad():
    ks = list(WEIGHTS)
    return rng.choices(ks, weights=[WEIGHTS[k] for k in ks])[0]


def make_person(trad, sur=None, wordname=False):
    t = TRAD[trad]
    given = rng.choice(t["given"])
    if wordname and trad == "finnish":
        if rng.random() < 0.6:
            given = rng.choice(WORDNAME_GIVEN)
        else:
            sur = rng.choice(WORDNAME_SUR)
    mid = None
    if "mid" in t and (trad == "vietnamese" or rng.random() < 0.5):
        mid = rng.choice([m for m in t["mid"] if m != given and m not in given.split(" ")])
    sur = sur or rng.choice(t["sur"])
    nick = rng.choice(t["nick"]) if "nick" in t and rng.random() < 0.5 else None
    return Person(trad, given, mid, sur, nick)


def fi_inflect_name(name, case, trad):
    if case == "nom":
        return name
    words = name.split(" ")
    return " ".join(words[:-1] + [inflect_word(words[-1], case, trad)])


def initial_of(p):
    g = p.given.split(" ")[0]
    if "-" in g:
        a, b = g.split("-", 1)
        return f"{a[0]}.-{b[0]}."
    return g[0] + "."


def render(p, case, lang, style):
    """returns surface form (raises ValueError when a form is not safe)"""
    if style == "full":
        base = p.full()
    elif style == "given":
        base = p.given
    elif style == "surname":
        base = p.sur
    elif style == "initial":
        if TRAD[p.trad].get("order") == "sg":
            raise ValueError
        base = initial_of(p) + " " + p.sur
    elif style == "nick":
        if not p.nick:
            raise ValueError
        base = p.nick
    elif style == "lower":
        base = p.full().lower()
    else:
        raise KeyError(style)
    if lang == "fi":
        if style == "lower":
            s = fi_inflect_name(p.full(), case, p.trad).lower()
        else:
            s = fi_inflect_name(base, case, p.trad)
    elif lang == "sv":
        s = sv_gen(base) if case == "gen" else base
    else:
        s = base + "'s" if case == "gen" else base
    return s


STYLE_W = [("full", 44), ("given", 20), ("surname", 12), ("initial", 7), ("nick", 6), ("lower", 5)]


class Ctx:
    def __init__(self, lang, trad, wordname=False):
        self.lang, self.trad, self.wordname = lang, trad, wordname
        self.people = {}
        self.family_sur = None

    def person(self, key):
        if key.startswith("PX") and key not in self.people:
            trad = rng.choice(["arabic", "arabic", "finland_swedish", "filipino", "dutch"])
            sur = rng.choice([x for x in TRAD[trad]["sur"] if re.match(r"(al-|Al-|bin |ibn |van |von |af |de |Dela |De )", x)])
            self.people[key] = make_person(trad, sur=sur)
        if key not in self.people:
            trad = self.trad
            if key not in ("P", "G", "S", "PL", "N") and not key.startswith("G") and rng.random() < 0.35:
                trad = pick_trad()
            sur = self.family_sur if key.startswith("G") and self.family_sur else None
            used = {q.given for q in self.people.values()}
            for _ in range(15):
                p = make_person(trad, sur=sur, wordname=self.wordname and key in ("P", "G", "S"))
                if p.given not in used:
                    break
            self.people[key] = p
            if key == "P":
                self.family_sur = self.people[key].sur
        return self.people[key]


def person_slot(ctx, key, case):
    letter = re.match(r"[A-Z]+", key).group(0)
    for attempt in range(40):
        p = ctx.person(key)
        if letter == "PL":
            if not can_plural(p.sur.split(" ")[-1], p.trad):
                t = p.trad if attempt < 4 else rng.choice(["finnish", "finland_swedish", "somali", "arabic",
                                                           "kurdish", "turkish", "roma", "english", "estonian"])
                ctx.people[key] = make_person(t)
                continue
            w = p.sur.split(" ")
            s = " ".join(w[:-1] + [plural(w[-1], case, p.trad)])
            return s, p, f"plural_{case}"
        if letter == "G":
            styles = ["given"]
        elif letter == "S":
            styles = ["surname"]
        elif letter == "N":
            if not p.nick:
                t = p.trad if "nick" in TRAD[p.trad] else rng.choice([k for k in TRAD if "nick" in TRAD[k]])
                p = make_person(t)
                p.nick = rng.choice(TRAD[t]["nick"])
                ctx.people[key] = p
            styles = ["nick"]
        elif letter in ("PF", "PX"):
            styles = ["full"] if letter == "PF" or rng.random() < 0.7 else ["surname"]
        elif letter == "PI":
            styles = ["initial"]
        elif letter == "PW":
            styles = ["lower"]
        else:
            styles = [rng.choices([s for s, _ in STYLE_W], weights=[w for _, w in STYLE_W])[0]]
            if attempt > 10:
                styles = ["full"]
        try:
            s = render(p, case, ctx.lang, styles[0])
            return s, p, f"{case}:{styles[0]}"
        except (ValueError, KeyError):
            if attempt > 5:
                ctx.people.pop(key)
            continue
    raise RuntimeError("cannot render person " + key)


_hetu = ident.Hetu(rng)
_phone_i = [0]


def fill(template, ctx):
    text, spans, keeps = "", [], []
    pos = 0
    for m in re.finditer(r"\{([A-Z]+[0-9]?)(?::([a-z_]+))?\}|\[\[(.+?)\|(\w+)\]\]", template):
        text += template[pos:m.start()]
        pos = m.end()
        if m.group(3) is not None:
            v, kind = m.group(3), m.group(4)
            keeps.append(dict(start=len(text), end=len(text) + len(v), kind=kind, value=v))
            text += v
            continue
        key, arg = m.group(1), m.group(2)
        letter = re.match(r"[A-Z]+", key).group(0)
        extra = {}
        if letter in ("P", "G", "S", "PL", "N", "PF", "PI", "PW", "PX"):
            v, p, form = person_slot(ctx, key, arg or "nom")
            span = dict(kind="person", tradition=p.trad, form=form)
        elif letter == "T":
            v = rng.choice({"fi": TITLES_FI, "sv": TITLES_SV, "en": TITLES_EN}[ctx.lang])
            text += v
            continue
        elif letter == "HETU":
            v, ok = _hetu()
            span = dict(kind="hetu", checksum_valid=ok)
        elif letter == "PHONE":
            v = ident.phone(rng, _phone_i[0]); _phone_i[0] += 1
            span = dict(kind="phone")
        elif letter == "EMAIL":
            v = ident.email(rng, FIRSTNAMES_FOR_EMAIL, SURNAMES_FOR_EMAIL)
            span = dict(kind="email")
        elif letter == "ADDR":
            if ctx.lang == "sv":
                v = ident.address(rng, L.ADDR_STREETS_SV, L.POSTAL_SV)
            else:
                v = ident.address(rng, L.ADDR_STREETS_FI, L.POSTAL_FI)
            span = dict(kind="address")
        elif letter == "IBAN":
            v = ident.iban(rng)
            span = dict(kind="iban")
        elif letter == "VEH":
            v = ident.vehicle(rng)
            span = dict(kind="vehicle")
        else:
            v, kind = keep_value(letter, arg, ctx)
            keeps.append(dict(start=len(text), end=len(text) + len(v), kind=kind, value=v))
            text += v
            continue
        span.update(start=len(text), end=len(text) + len(v), value=v)
        if span["kind"] != "person":
            span.pop("form", None)
        spans.append(span)
        text += v
    text += template[pos:]
    return text, spans, keeps


MONTHS = ["tammikuussa", "helmikuussa", "maaliskuussa", "huhtikuussa", "toukokuussa", "kesäkuussa",
          "elokuussa", "syyskuussa", "lokakuussa", "marraskuussa", "joulukuussa"]


def date_val(lang):
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2024, 2025, 2026])
    r = rng.random()
    if lang == "fi" and r < 0.12:
        return f"{rng.choice(MONTHS)} {y}"
    if r < 0.55:
        return f"{d}.{m}.{y}"
    if r < 0.75:
        return f"{d:02d}.{m:02d}.{y}"
    return f"{y}-{m:02d}-{d:02d}"


def money_val(lang):
    a = rng.choice([38, 45, 120, 250, 450, 620, 720, 980, 1250, 3200, 15000, 85])
    cents = rng.choice(["", "", ",50", ",90"])
    amt = (f"{a:,}".replace(",", " ")) + cents
    if lang == "en":
        return rng.choice([f"€{amt.replace(' ', ',').replace(',50', '.50').replace(',90', '.90')}",
                           f"{amt} euros", f"EUR {amt}"])
    if lang == "sv":
        return rng.choice([f"{amt} euro", f"{amt} €"])
    return rng.choice([f"{amt} euroa", f"{amt} €", f"{amt} e", f"{amt} €/kk"])


def caseno_val():
    n = rng.randint(10, 9999)
    y = rng.choice([2024, 2025, 2026])
    return rng.choice([f"{n}/{y}", f"D/{n}/02.07.01/{y}", f"LS-{y}-{n:05d}", f"{y}/{n}", f"PH/{n}/{y}",
                       f"THL/{n}/5.09.00/{y}", f"{n}/00.04.01/{y}"])


def keep_value(letter, arg, ctx):
    if letter == "CITY":
        pool = L.CITIES_FI + L.CITIES_FOREIGN
        return rng.choice(pool)[PLACE_IDX[arg]], "place"
    if letter == "FCITY":
        return rng.choice(L.CITIES_FOREIGN)[PLACE_IDX[arg]], "place"
    if letter == "HCITY":
        return rng.choice(L.CITIES_FI)[PLACE_IDX[arg]], "place"
    if letter == "CNTRY":
        return rng.choice(L.COUNTRIES[:-3])[PLACE_IDX[arg]], "place"
    if letter == "ORG":
        return rng.choice(L.ORGS_FI)[PLACE_IDX[arg]], "org"
    if letter == "STREET":
        return rng.choice(L.STREETS_FI)[PLACE_IDX[arg]], "street"
    if letter == "SVCITY":
        return rng.choice(L.SV_CITIES), "place"
    if letter == "SVCNTRY":
        return rng.choice(L.SV_COUNTRIES), "place"
    if letter == "SVORG":
        return rng.choice(L.SV_ORGS), "org"
    if letter == "SVSTREET":
        return rng.choice(L.SV_STREETS), "street"
    if letter == "ENCITY":
        return rng.choice(L.EN_CITIES), "place"
    if letter == "ENCNTRY":
        return rng.choice(L.EN_COUNTRIES), "place"
    if letter == "ENORG":
        return rng.choice(L.EN_ORGS), "org"
    if letter == "DATE":
        return date_val(ctx.lang), "date"
    if letter == "MONEY":
        return money_val(ctx.lang), "money"
    if letter == "CASENO":
        return caseno_val(), "case_number"
    raise KeyError(letter)


def join(parts):
    text, spans, keeps = "", [], []
    for t, s, k in parts:
        if text:
            text += " "
        off = len(text)
        for x in s:
            x["start"] += off; x["end"] += off
        for x in k:
            x["start"] += off; x["end"] += off
        text += t
        spans += s
        keeps += k
    return text, spans, keeps


def choose(pool_by_key, key=None):
    if key is None:
        key = rng.choice(list(pool_by_key))
    return rng.choice(pool_by_key[key])


# Finnish person case schedule: cycle so every case form is well represented
FI_CASE_CYCLE = ["nom", "gen", "par", "all", "ade", "abl", "ela", "ill", "nom", "gen", "all", "ade", "ess",
                 "tra", "ine", "gen", "nom", "pl"]


_cyc = [0]


def pick_unique(pool, used):
    for _ in range(20):
        t = rng.choice(pool)
        if t not in used:
            break
    used.add(t)
    return t


def make_case(i, lang):
    trad = pick_trad()
    wordname = lang == "fi" and rng.random() < 0.16
    if wordname:
        trad = "finnish"
    ctx = Ctx(lang, trad, wordname)
    used = set()
    parts = []
    r = rng.random()
    if lang == "fi":
        npers = 0 if r < 0.08 else (2 if r > 0.8 else 1)
        for j in range(npers):
            if rng.random() < 0.1:
                parts.append(fill(pick_unique(FI_FAMILY, used), ctx))
            else:
                c = FI_CASE_CYCLE[_cyc[0] % len(FI_CASE_CYCLE)]
                _cyc[0] += 1
                parts.append(fill(pick_unique(FI_PERSON[c], used), ctx))
        nid = rng.choice([0, 0, 1, 1, 1, 2])
        for _ in range(nid):
            parts.append(fill(pick_unique(FI_IDENT[rng.choice(list(FI_IDENT))], used), ctx))
        nk = rng.choice([0, 1, 1, 2]) if parts else rng.choice([1, 2, 3])
        for _ in range(nk):
            parts.append(fill(pick_unique(FI_KEEP, used), ctx))
    else:
        P, I, K = (SV_PERSON, SV_IDENT, SV_KEEP) if lang == "sv" else (EN_PERSON, EN_IDENT, EN_KEEP)
        npers = 0 if r < 0.08 else (2 if r > 0.75 else 1)
        for _ in range(npers):
            parts.append(fill(pick_unique(P, used), ctx))
        for _ in range(rng.choice([0, 1, 1, 2])):
            parts.append(fill(pick_unique(I[rng.choice(list(I))], used), ctx))
        for _ in range(rng.choice([0, 1, 1, 2]) if parts else 2):
            parts.append(fill(pick_unique(K, used), ctx))
    if len(parts) > 2 and rng.random() < 0.4:
        head, rest = parts[0], parts[1:]
        rng.shuffle(rest)
        parts = [head] + rest
    text, spans, keeps = join(parts)
    return dict(id=f"pc-{i + 1:04d}", lang=lang, text=text, spans=spans, keep=keeps)


def parse_hand(i, lang, src):
    text, spans, keeps, pos = "", [], [], 0
    for m in re.finditer(r"<<(.+?)\|(\w+)(?:\|(\w+)\|([\w:]+))?>>|\[\[(.+?)\|(\w+)\]\]", src):
        text += src[pos:m.start()]
        pos = m.end()
        if m.group(1) is not None:
            v = m.group(1)
            s = dict(start=len(text), end=len(text) + len(v), kind=m.group(2), value=v)
            if s["kind"] == "person":
                s["tradition"], s["form"] = m.group(3), m.group(4)
            if s["kind"] == "hetu":
                s["checksum_valid"] = ident.hetu_valid(v)
            spans.append(s)
        else:
            v = m.group(5)
            keeps.append(dict(start=len(text), end=len(text) + len(v), kind=m.group(6), value=v))
        text += v
    text += src[pos:]
    return dict(id=f"pc-{i + 1:04d}", lang=lang, text=text, spans=spans, keep=keeps, handcrafted=True)


def main(n=660):
    langs = ["fi"] * 80 + ["sv"] * 12 + ["en"] * 8
    cases = []
    for i in range(n):
        lang = langs[(i * 37) % 100]
        cases.append(make_case(i, lang))
    from handcrafted import HAND
    for lang, src in HAND:
        cases.append(parse_hand(len(cases), lang, src))
    with OUT.open("w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print("wrote", len(cases), "cases to", OUT)


if __name__ == "__main__":
    main()
