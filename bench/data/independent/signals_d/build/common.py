"""Shared helpers for the hand-written entries (no text generation here)."""
TG = {"L": "lapset, nuoret ja perheet", "T": "työikäiset", "I": "ikääntyneet",
      "V": "vammaiset", "A": "asuminen", "O": "omaishoito", "M": "muu"}
PT = {"n": "negatiivinen", "p": "positiivinen", "e": "ei osaa sanoa"}
TH = {"mh": "mental_health", "su": "substance_use", "int": "integration", "sa": "service_access",
      "hou": "housing", "car": "carers_support", "cf": "children_families", "dis": "disability",
      "age": "ageing", "inc": "income_employment", "lang": "language_inclusion", "wf": "workforce",
      "gp": "good_practice"}


def R(when, area, tg, pt, unit, obs, voice, prop, th, lang="fi", style="narrative", decoy=None, odd=None):
    """when = ISO week number (background) or ISO date string (phenomena)."""
    return dict(when=when, area=area, target_group=TG[tg], phenomenon_type=PT[pt], unit=unit,
                observation=obs, client_voice=voice, proposal=prop,
                themes=";".join(TH[t] for t in th.split(";")), language=lang, style=style,
                decoy=decoy, odd=odd)
