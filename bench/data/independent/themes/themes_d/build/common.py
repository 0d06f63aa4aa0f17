# Shared helpers for hand-written report data. Each report is written individually;
# this only expands short codes for target group / phenomenon type.
TG = {
    "lnp": "lapset, nuoret ja perheet",
    "ti": "työikäiset",
    "ik": "ikääntyneet",
    "va": "vammaiset",
    "as": "asuminen",
    "oh": "omaishoito",
    "muu": "muu",
}
PH = {"n": "negatiivinen", "p": "positiivinen", "e": "ei osaa sanoa"}

def R(area, tg, ph, unit, obs, cv, prop, themes, lang, style):
    return dict(area=area, target_group=TG[tg], phenomenon_type=PH[ph], unit=unit,
                observation=obs.strip("\n"), client_voice=cv, proposal=prop,
                themes=themes, language=lang, style=style)
