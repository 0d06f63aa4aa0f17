import json, os
K = dict(mh="mental_health", su="substance_use", int="integration", sa="service_access", hou="housing",
         car="carers_support", cf="children_families", dis="disability", age="ageing", inc="income_employment",
         lang="language_inclusion", wf="workforce", gp="good_practice")
TG = dict(L="lapset, nuoret ja perheet", T="työikäiset", I="ikääntyneet", V="vammaiset", A="asuminen", O="omaishoito", M="muu")
PT = dict(n="negatiivinen", p="positiivinen", e="ei osaa sanoa")
def R(batch, m, area, tg, pt, unit, lang, style, themes, obs, cv="", prop="", em="", decoy="", day=None):
    return dict(batch=batch, month=m, day=day, area=area, target_group=TG[tg], phenomenon_type=PT[pt], unit=unit,
                language=lang, style=style, themes=";".join(K[t] for t in themes.split()), observation=obs.strip(),
                client_voice=cv.strip(), proposal=prop.strip(), emerging=em, decoy=decoy)
def save(name, rows):
    with open(name + ".json", "w", encoding="utf-8") as f:
        json.dump(rows, f, ensure_ascii=False, indent=1)
    print(name, len(rows))
