ROWS = []
PT = {"n": "negatiivinen", "p": "positiivinen", "e": "ei osaa sanoa"}
def R(date, area, tg, pt, unit, obs, voice, prop, themes, lang, style):
    ROWS.append(dict(submitted=date, area=area, target_group=tg, phenomenon_type=PT[pt], unit=unit,
                     observation=obs, client_voice=voice, proposal=prop, themes=themes, language=lang,
                     style=style, emerging=""))
LN = "lapset, nuoret ja perheet"; TY = "työikäiset"; IK = "ikääntyneet"; VA = "vammaiset"; AS = "asuminen"; OH = "omaishoito"; MU = "muu"
