"""Builds pipeline/pseudonymise/data/name_shape.json.gz: the character n-gram name-likelihood model (shape.py).

Names (label 1): every Latin-script first and last name in Faker's person providers (60+ locales; Cyrillic ones
transliterated, Vietnamese ones also without diacritics) plus the packaged first_names/surnames lists, each in the
nominative and two Finnish case forms. Words (label 0): a seeded sample of simplemma's Finnish dictionary forms that
Voikko knows as common words only (no etunimi/sukunimi/paikannimi reading), and of its Swedish and English
dictionaries, lower-case entries only. Names no list holds are what the model is for, so nothing from the
evaluation sets (bench/data) is used. Prints a held-out check per locale group.

Run (needs the dev extras faker, scikit-learn):  .venv/bin/python scripts/build_name_shape.py [--check]
(--check first refits with each locale group held out and prints its recall: slow.)
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.pseudonymise.ner import voikko_classes  # noqa: E402
from pipeline.pseudonymise.shape import WEIGHTS_FILE, NameShapeModel  # noqa: E402

SEED = 7
_CYR = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
                "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya i ye yi g".split()))
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žȘ-țẠ-ỹ'’-]{2,}$")
_FI_ENDINGS_V = ("n", "lle", "lla", "sta", "a", "ksi", "lta", "ssa")
_FI_ENDINGS_C = ("in", "ille", "illa", "ista", "ia", "iksi", "ilta", "issa")


def _translit(word: str) -> str:
    out = []
    for ch in word:
        low = ch.lower()
        if low in _CYR:
            t = _CYR[low].replace("-", "")
            out.append(t.capitalize() if ch.isupper() else t)
        else:
            out.append(ch)
    return "".join(out)


def _ascii(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).replace("đ", "d")


def faker_names() -> dict[str, set[str]]:
    """{locale: names} from Faker's person providers, Latin script only."""
    import faker.providers.person as person

    out: dict[str, set[str]] = {}
    for mod in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{mod.name}").Provider
        names: set[str] = set()
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names", "last_names_male",
                     "last_names_female"):
            value = provider.__dict__.get(attr)
            if value is None:
                for base in provider.__mro__[1:]:
                    if attr in base.__dict__:
                        value = base.__dict__[attr]
                        break
            if not isinstance(value, (list, tuple, dict, set, frozenset)):
                continue
            for entry in value:
                for part in re.split(r"[\s]+", str(entry)):
                    part = _translit(part.strip(".,"))
                    if _LATIN.match(part) and part[0].isupper():
                        names.add(part)
                        if mod.name.startswith("vi"):
                            names.add(_ascii(part))
        if names:
            out[mod.name] = names
    return out


def _inflect(name: str, rng: random.Random) -> list[str]:
    endings = _FI_ENDINGS_V if name[-1].lower() in "aeiouyäö" else _FI_ENDINGS_C
    return [name] + [name + e for e in rng.sample(endings, 2)]


def _list(name: str) -> set[str]:
    path = ROOT / "pipeline" / "pseudonymise" / "data" / name
    return {w.strip().capitalize() for w in path.read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")}


def common_words(rng: random.Random, n_fi: int = 60000, n_other: int = 15000) -> list[str]:
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory()
    out: list[str] = []
    fi = [w for w in factory.get_dictionary("fi") if w.isalpha() and w.islower() and len(w) >= 3]
    rng.shuffle(fi)
    bad = {"etunimi", "sukunimi", "paikannimi", "nimi"}
    for w in fi:
        classes = voikko_classes(w)
        if classes and not classes & bad:
            out.append(w)
            if len(out) >= n_fi:
                break
    # Short words are where names and common words meet (names are short): all of them, not a sample, so the model
    # does not learn "short = name" ("Kun", "Jos", "Mää").
    for w in fi:
        if len(w) <= 6 and w not in out:
            classes = voikko_classes(w)
            if classes and not classes & bad:
                out.append(w)
    from pipeline.lemmas.spacy_fi import colloquial_lexicon

    out += list(colloquial_lexicon())
    # Word types of the shared dev corpus (social-report Finnish), lower-case ones that Voikko reads as common words.
    corpus = ROOT.parent / "shared" / "data" / "reports_dev.csv"
    if corpus.exists():
        for w in set(re.findall(r"(?<![\w-])[a-zåäö]{2,}(?![\w-])", corpus.read_text(encoding="utf-8"))):
            classes = voikko_classes(w)
            if classes and not classes & bad:
                out.append(w)
    for lang in ("sv", "en"):
        words = [w for w in factory.get_dictionary(lang) if w.isalpha() and w.islower() and len(w) >= 3]
        out += rng.sample(words, min(n_other, len(words)))
    return out


def main() -> int:
    rng = random.Random(SEED)
    by_locale = faker_names()
    by_locale["signaali_lists"] = _list("first_names.txt") | _list("surnames.txt")
    words = common_words(rng)
    word_set = set(words)
    # Locale groups held out in turn for the check below (how the model does on traditions it has not seen).
    groups = {"slavic": ("ru_", "uk_", "bg_", "pl_", "cs_", "sk_"), "turkic/persian": ("tr_", "az_", "uz_"),
              "african": ("en_KE", "en_NG", "ha_", "sw", "yo_", "ig_", "zu_", "tw_"), "south asian": ("en_IN", "en_PK"),
              "thai": ("en_TH",), "vietnamese": ("vi_",), "nordic": ("sv_", "no_", "da_", "fi_", "et_", "is_")}
    names_all: list[str] = []
    for names in by_locale.values():
        for n in sorted(names):
            if n.lower() not in word_set:
                names_all += _inflect(n, rng)
    names_all = sorted(set(names_all))
    print(f"{len(names_all)} name forms from {len(by_locale)} sources, {len(words)} common words", file=sys.stderr)

    from sklearn.model_selection import train_test_split

    w_tr, w_te = train_test_split(words, test_size=0.1, random_state=SEED)
    for gname, prefixes in groups.items() if "--check" in sys.argv else ():
        held = {n for loc, ns in by_locale.items() if loc.startswith(prefixes) for n in ns}
        others = {n for loc, ns in by_locale.items() if not loc.startswith(prefixes) for n in ns} - held
        train_names = [f for n in sorted(others) for f in _inflect(n, rng)]
        m = NameShapeModel().fit(train_names + w_tr, [1] * len(train_names) + [0] * len(w_tr))
        test = sorted(held)
        rec = sum(m.score(n) > 0.5 for n in test) / max(1, len(test))
        fp = sum(m.score(w) > 0.5 for w in w_te) / len(w_te)
        print(f"held out {gname:<15} names {len(test):>5}: recall@0.5 {rec:.3f}; words > 0.5: {fp:.3f}", file=sys.stderr)
    model = NameShapeModel().fit(names_all + words, [1] * len(names_all) + [0] * len(words))
    out = ROOT / "pipeline" / "pseudonymise" / "data" / WEIGHTS_FILE
    model.save(out)
    print(f"{len(model.weights_)} n-gram weights -> {out} ({out.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
