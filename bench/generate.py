"""Seeded synthetic social reports for scale benchmarks (10k–100k rows in seconds).

Usage:
    .venv/bin/python bench/generate.py --n 10000 --seed 1 --out /tmp/reports_10k.csv \
        [--start 2022-01-01 --end 2025-12-31] [--with-themes]

Each report is put together from Finnish sentence fragments: one to three of the 13 themes of DESIGN §6, random
areas, target groups and units that fit the theme, and an optional client voice and proposal. About 3 % of the
reports are Swedish or English. An emerging topic that belongs to no theme appears only in the last four months of
the range, and its share grows towards the end. The topic is AI voice-clone phone scams aimed at older people
("tekoälyhuijaus", "ääniklooni"). It is deliberately not the demo corpus's topic, so a signal detector tuned on one
is tested on the other.

The output has the English CSV headers `report_id,submitted,area,target_group,phenomenon_type,unit,observation,
client_voice,proposal`. With `--with-themes` it adds a `themes` column (keys joined by ";", `new` for the emerging
topic). That column is the generator's ground truth. Ingesting it would import it as reviewed labels, so leave it
out of files you ingest. Text is made up; it contains no personal data.

The same seed and arguments always give byte-identical output.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import time
from pathlib import Path

FIELDS = ["report_id", "submitted", "area", "target_group", "phenomenon_type", "unit", "observation",
          "client_voice", "proposal"]
THEMES = ["mental_health", "substance_use", "integration", "service_access", "housing", "carers_support",
          "children_families", "disability", "ageing", "income_employment", "language_inclusion", "workforce",
          "good_practice"]
EMERGING = "new"

MUNICIPALITIES = ["Lahti", "Heinola", "Hollola", "Orimattila", "Asikkala", "Sysmä", "Hartola", "Padasjoki",
                  "Kärkölä", "Iitti"]
# Lahti holds about half of the county's people; the weights follow that roughly.
MUNICIPALITY_WEIGHTS = [40, 9, 10, 8, 4, 2, 2, 2, 2, 3]
TARGET_GROUPS = ["lapset, nuoret ja perheet", "työikäiset", "ikääntyneet", "vammaiset", "asuminen", "omaishoito",
                 "muu"]
UNITS = {
    "lapset, nuoret ja perheet": ["lastensuojelu", "perhesosiaalityö", "koulukuraattori", "etsivä nuorisotyö",
                                  "neuvola ja perhekeskus", "sosiaalipäivystys"],
    "työikäiset": ["aikuissosiaalityö", "työllisyyspalvelut", "päihde- ja mielenterveyspalvelut",
                   "kuntouttava työtoiminta", "maahanmuuttajapalvelut", "talous- ja velkaneuvonta"],
    "ikääntyneet": ["kotihoito", "gerontologinen sosiaalityö", "ikääntyneiden palveluohjaus"],
    "vammaiset": ["vammaispalvelut", "vammaisten asumispalvelut"],
    "asuminen": ["asumisneuvonta", "sosiaalipäivystys", "aikuissosiaalityö"],
    "omaishoito": ["omaishoidon tuki", "kotihoito"],
    "muu": ["järjestöyhteistyö", "sosiaalityön kehittämisryhmä", "sosiaalipäivystys"],
}
# Which target groups a theme's reports usually come from (the rest are drawn at random).
THEME_GROUPS = {
    "mental_health": ["työikäiset", "lapset, nuoret ja perheet"],
    "substance_use": ["työikäiset", "asuminen"],
    "integration": ["työikäiset", "muu"],
    "service_access": ["ikääntyneet", "työikäiset"],
    "housing": ["asuminen"],
    "carers_support": ["omaishoito"],
    "children_families": ["lapset, nuoret ja perheet"],
    "disability": ["vammaiset"],
    "ageing": ["ikääntyneet"],
    "income_employment": ["työikäiset"],
    "language_inclusion": ["työikäiset", "lapset, nuoret ja perheet"],
    "workforce": ["muu", "ikääntyneet"],
    "good_practice": TARGET_GROUPS,
    EMERGING: ["ikääntyneet", "omaishoito"],
}

# Finnish place names inflect irregularly (Lahti -> Lahdessa, Padasjoki -> Padasjoella), so the locative forms
# are listed rather than built with a suffix: (inessive "where", elative "from where").
LOCATIVES = {
    "Lahti": ("Lahdessa", "Lahdesta"), "Heinola": ("Heinolassa", "Heinolasta"), "Hollola": ("Hollolassa", "Hollolasta"),
    "Orimattila": ("Orimattilassa", "Orimattilasta"), "Asikkala": ("Asikkalassa", "Asikkalasta"),
    "Sysmä": ("Sysmässä", "Sysmästä"), "Hartola": ("Hartolassa", "Hartolasta"),
    "Padasjoki": ("Padasjoella", "Padasjoelta"), "Kärkölä": ("Kärkölässä", "Kärkölästä"),
    "Iitti": ("Iitissä", "Iitistä"),
    "": ("Päijät-Hämeessä", "Päijät-Hämeestä"),
}

# Sentence fragments per theme. Slots: {kunta_ine} / {kunta_ela} a municipality in the inessive / elative,
# {n} a small count, {ika} an old age, {nuori} a teenage age, {ika_tt} a working age, {kk} months.
FRAGMENTS: dict[str, list[str]] = {
    "mental_health": [
        "Asiakkailla on aiempaa enemmän ahdistusta, univaikeuksia ja masennusoireita.",
        "Perustason mielenterveyspalveluihin on jonoa noin {kk} kuukautta.",
        "Psykiatrian poliklinikalta kotiutetaan asiakkaita ilman sovittua jatkohoitoa.",
        "Itsetuhoisia ajatuksia kertovia asiakkaita on ollut viime viikkoina {n}.",
        "Terapiaan pääsy venyy, ja omavastuu on pienituloisille liian suuri.",
        "Mielenterveyskuntoutujien arki kaatuu, kun tuki päättyy äkillisesti.",
        "Nuorten paniikkioireet ja koulu-uupumus näkyvät jokaisella viikolla.",
        "Kriisiapua ei ole saatavilla iltaisin eikä viikonloppuisin.",
        "Asiakas kertoo, ettei ole nukkunut kunnolla viikkoihin eikä jaksa lähteä kotoa.",
        "Masennus jää tunnistamatta, koska vastaanottoajat ovat lyhyitä.",
        "Psykiatrisen sairaanhoitajan konsultaatiota joutuu odottamaan viikkoja.",
    ],
    "substance_use": [
        "Päihteiden sekakäyttö on lisääntynyt erityisesti nuorilla aikuisilla.",
        "Katkaisuhoitoon pääsyä joutuu odottamaan, ja motivaatio ehtii hiipua.",
        "Korvaushoidon jonossa on {n} asiakasta, jotka käyttävät katukaupan aineita.",
        "Alkoholinkäyttö on lisääntynyt yksin asuvilla ja työttömillä.",
        "Yliannostustilanteita on ollut {kunta_ine} tavallista enemmän.",
        "Päihdekuntoutuksen jälkeen asiakas palaa samaan ympäristöön ja retkahtaa.",
        "Huumeita tilataan viestipalveluiden kautta, ja ne toimitetaan pakettiautomaattiin.",
        "Nuorille sopivaa päihdehoitoa ei ole tarjolla lähialueella.",
        "Päihteitä käyttävien vanhempien lapset jäävät vaille huolenpitoa.",
        "Terveysneuvontapisteen aukioloajat ovat liian suppeat.",
    ],
    "integration": [
        "Tieto ei kulje sosiaalityön, terveydenhuollon ja Kelan välillä.",
        "Asiakas joutuu kertomaan tilanteensa uudelleen jokaiselle uudelle työntekijälle.",
        "Kenelläkään ei ole kokonaisvastuuta asiakkaan palveluista.",
        "Verkostopalavereja on vaikea saada sovittua, kun kukin yksikkö tekee omaa osuuttaan.",
        "Palvelupolku katkeaa siirryttäessä lasten palveluista aikuisten palveluihin.",
        "Ohjauksissa ei ole tietoa siitä, mitä asiakkaan kanssa on jo selvitetty.",
        "Asiakas pompottelee palvelusta toiseen, ja jokainen sanoo, ettei asia kuulu heille.",
        "Yhteistyökumppaneilla ei ole ajantasaisia yhteystietoja.",
        "Kotiutuksessa sairaalasta ei välitetä tietoa lääkemuutoksista.",
        "Poliisin, koulun ja lastensuojelun tiedonvaihto on hidasta.",
    ],
    "service_access": [
        "Jonot palveluun ovat venyneet {kk} kuukauteen.",
        "{kunta_ela} ei pääse julkisilla liikennevälineillä palveluihin saman päivän aikana.",
        "Sähköinen asiointi on monelle ylivoimaista ilman laitetta ja tunnuksia.",
        "Terveysaseman aukiolopäiviä on vähennetty, ja asiakkaat jättävät käyntejä väliin.",
        "Kuljetuspalvelun kyytiä odotetaan jopa tunti.",
        "Puhelinpalveluun ei pääse läpi, ja takaisinsoittoa odotetaan päiviä.",
        "Palvelupiste suljettiin, eikä korvaavaa asiointiapua ole järjestetty.",
        "Apuvälineiden toimitus kestää viikkoja.",
        "Lääkärin kotikäyntejä on vaikea saada pienempiin kuntiin.",
        "Asiakkaat luopuvat hakemasta etuuksia, joihin heillä olisi oikeus.",
    ],
    "housing": [
        "Häätöuhan alla olevien asiakkaiden määrä on kasvanut.",
        "Vuokrarästit ovat ehtineet kasvaa usean kuukauden vuokran suuruisiksi.",
        "Ensisuojan paikat ovat olleet täynnä useana yönä.",
        "Edullisia pieniä vuokra-asuntoja on liian vähän.",
        "Vuokranantajat vaativat luottotietoja ja suuria vakuuksia.",
        "Tukiasuntoihin jonotetaan noin {kk} kuukautta.",
        "Asunnossa on kosteusvaurio, mutta asukas ei uskalla valittaa.",
        "Perhe asuu liian ahtaasti, eikä isompaa asuntoa löydy.",
        "Asunnottomat yöpyvät tuttavien luona, autoissa tai rappukäytävissä.",
        "Asumistuen muutokset ovat pienentäneet monen asiakkaan tukea.",
    ],
    "carers_support": [
        "Omaishoitajat eivät pysty pitämään lakisääteisiä vapaitaan.",
        "Lyhytaikaishoitoa on tarjolla vain kaukana, eikä hoidettava halua lähteä.",
        "Omaishoitaja on itse yli {ika}-vuotias ja väsynyt.",
        "Hoitopalkkio on laskenut uudelleenarvioinnissa, vaikka hoidettavan kunto ei ole parantunut.",
        "Omaishoidon tuen päätöstä on odotettu {kk} kuukautta.",
        "Sijaishoitajia kotiin ei löydy.",
        "Työssäkäyvät omaishoitajat eivät pääse päiväsaikaan kokoontuviin ryhmiin.",
        "Omaishoitajien terveystarkastukset ovat jääneet tekemättä.",
        "Omaishoitaja kertoo nukkuvansa vain muutaman tunnin yössä.",
        "Puoliso hoitaa ympäri vuorokauden tietämättä omaishoidon tuesta.",
    ],
    "children_families": [
        "Lastensuojeluilmoitusten määrä on kasvanut syksyn aikana.",
        "Koulupoissaolot ovat lisääntyneet, ja osa oppilaista ei tule kouluun lainkaan.",
        "Sijaisperheitä ja sijaishuoltopaikkoja on liian vähän.",
        "Vanhemmat ovat uupuneita eivätkä tiedä, mistä hakea apua.",
        "Lapsiperheiden kotipalvelua saa vasta, kun tilanne on jo vaikea.",
        "Nuoria on kohdattu iltaisin keskustassa ilman aikuisia.",
        "Perheissä riidat ovat lisääntyneet taloudellisen ahdingon vuoksi.",
        "Lapset jäävät pois harrastuksista, koska maksuihin ei ole varaa.",
        "{nuori}-vuotiaiden nuorten huumekokeiluja on tullut tietoon useita.",
        "Neuvolassa tunnistetaan vauvaperheiden vanhempien väsymystä aiempaa useammin.",
    ],
    "disability": [
        "Henkilökohtaisia avustajia on vaikea löytää iltoihin ja viikonloppuihin.",
        "Vammaispalvelulain muutokset ovat lisänneet epävarmuutta asiakkaiden keskuudessa.",
        "Kehitysvammaisille aikuisille ei ole sopivia asumispaikkoja.",
        "Päätöksiä asunnonmuutostöistä odotetaan kuukausia.",
        "Nuori jää ilman palveluita täyttäessään 18 vuotta.",
        "Kommunikaatio-opetukseen on yli puolen vuoden jono.",
        "Päivätoiminnan maksut ovat nousseet, ja osa asiakkaista jättää toiminnan väliin.",
        "Sähköiset palvelut eivät toimi ruudunlukuohjelmilla.",
        "Vammaisten lasten perheillä on kymmenen eri työntekijää eikä ketään, joka koordinoi.",
        "Asumisyksikössä on iltaisin vain yksi ohjaaja.",
    ],
    "ageing": [
        "Yksin asuvien muistisairaiden turvallisuus öisin huolestuttaa.",
        "Ikääntyneet kaatuilevat odottaessaan ympärivuorokautisen hoidon paikkaa.",
        "Yksinäisyys näkyy kotihoidon asiakkaiden mielialassa.",
        "Ikäihmisiin kohdistuneet puhelinhuijaukset ovat lisääntyneet.",
        "Yli {ika}-vuotiaat asiakkaat eivät pärjää enää kotona edes useilla käynneillä päivässä.",
        "Ikääntyneet jäävät asumaan huonokuntoisiin omakotitaloihin.",
        "Kotihoidon käynnit ovat lyhyitä, eikä keskusteluun jää aikaa.",
        "Ikääntyneiden alkoholinkäyttö on lisääntynyt puolison kuoleman jälkeen.",
        "Palveluasumisen paikkoja on vähennetty {kunta_ine}.",
        "Omaiset soittavat huolestuneina päivittäin.",
    ],
    "income_employment": [
        "Toimeentulotuen hakijoiden määrä on kasvanut.",
        "Asiakkaan tulot eivät riitä ruokaan ja lääkkeisiin kuun loppuun asti.",
        "Ruoka-avun jonoissa näkyy uusia ryhmiä, kuten eläkeläisiä ja työssäkäyviä.",
        "Pitkäaikaistyöttömien määrä on kasvanut erityisesti yli {ika_tt}-vuotiailla.",
        "Kuntouttavan työtoiminnan paikkoja on liian vähän.",
        "Velat ovat menneet ulosottoon, ja maksuhäiriömerkintä estää asunnon saamisen.",
        "Etuuksien maksukatkokset johtavat suoraan vuokrarästeihin.",
        "Kelan päätöksiä odotetaan viikkoja.",
        "Keikkatyön vastaanottaminen ei kannata, koska se vähentää etuutta.",
        "Lomautukset ja irtisanomiset ovat koskettaneet useita perheitä.",
    ],
    "language_inclusion": [
        "Tulkkia ei saada kaikkiin tapaamisiin, ja lapset toimivat tulkkeina.",
        "Lomakkeet ja ohjeet ovat vain suomeksi, eikä asiakas ymmärrä, mitä häneltä pyydetään.",
        "Kotoutujat eivät tiedä, mihin palveluun heidän asiansa kuuluu.",
        "Ruotsinkielistä palvelua ei ole saatavilla, vaikka asiakkaalla on siihen oikeus.",
        "Etätulkkauksen yhteydet katkeilevat.",
        "Selkokielistä tietoa palveluista ei ole.",
        "Maahan muuttaneet perheet jäävät osallisuuden ulkopuolelle.",
        "Kansainväliset opiskelijat eivät löydä tietoa paikallisista palveluista englanniksi.",
        "Väärinkäsitysten vuoksi hakemuksia hylätään puutteellisina.",
        "Kieliryhmille suunnatut ryhmät ovat loppuneet rahoituksen päätyttyä.",
    ],
    "workforce": [
        "Työntekijöiden asiakasmäärät ovat kasvaneet yli suositusten.",
        "Sijaisia ei saada, ja vakituiset tekevät ylitöitä.",
        "Työnohjausta on karsittu säästösyistä.",
        "Uusia sosiaalityöntekijöitä on vaikea rekrytoida.",
        "Vuokratyövoiman käyttö on lisääntynyt, eivätkä työntekijät tunne asiakkaita.",
        "Sairauspoissaolot ovat lisääntyneet, mikä kasvattaa muiden kuormaa.",
        "Kirjaamiset jäävät rästiin.",
        "Tiimiin on kolmessa vuodessa vaihtunut {n} työntekijää.",
        "Työntekijöihin kohdistuvat uhkaukset ovat lisääntyneet.",
        "Perehdytykseen ei ole aikaa, koska kaikki ovat kiireisiä.",
    ],
    "good_practice": [
        "Kokeiltu toimintamalli on tuottanut hyviä tuloksia.",
        "Jalkautuva työpari tapaa asiakkaan kotona ennen kuin tilanne kriisiytyy.",
        "Yhteinen vastaanotto ilman ajanvarausta on tavoittanut {n} asiakasta kuukaudessa.",
        "Vertaisryhmä on koonnut säännöllisesti osallistujia, jotka eivät ole aiemmin käyneet missään.",
        "Järjestön ja hyvinvointialueen yhteistyö on sujunut erinomaisesti.",
        "Asiakkaat ovat antaneet toiminnasta kiittävää palautetta.",
        "Mallin ansiosta häätöjä ja päivystyskäyntejä on ollut vähemmän.",
        "Työntekijöiden mentorimalli on parantanut pysyvyyttä.",
        "Digitukipisteessä asiakkaat ovat oppineet hoitamaan asiansa itse.",
        "Toiminta kannattaisi vakiinnuttaa ja levittää muihin kuntiin.",
    ],
    EMERGING: [
        "Ikäihmisille on soitettu puheluita, joissa lapsenlapsen tekoälyllä kloonattu ääni pyytää rahaa "
        "hätään.",
        "Asiakas kertoi kuulleensa puhelimessa poikansa äänen, joka pyysi maksamaan takuurahan heti.",
        "Huijarit käyttävät somevideoista kopioitua äänikloonia, jota omainen ei erota aidosta.",
        "Tekoälyhuijauksissa on menetetty säästöjä, {n} tapausta viime viikkoina.",
        "Deepfake-videopuhelussa tuttu kasvo ja ääni pyysivät siirtämään rahat uudelle tilille.",
        "Ikääntyneet eivät enää luota yhteenkään puheluun, ja osa on lakannut vastaamasta omaisilleen.",
        "Ääniklooni-huijaus tapahtuu usein iltaisin, kun pankin puhelinpalvelu on kiinni.",
        "Omaiset ovat sopineet tunnussanoja, joilla tekoälyllä tehdyn äänen voi paljastaa.",
        "Huijauksen jälkeen ikäihminen häpeää ja eristäytyy.",
        "Kukaan ei tunnu tietävän, kuuluuko tekoälyhuijausten uhrien tukeminen poliisille, pankille vai "
        "sosiaalityölle.",
    ],
}
OPENERS = [
    "{kunta_ine} on viime aikoina havaittu seuraavaa.",
    "Tiimissämme on keskusteltu ilmiöstä, joka toistuu.",
    "Asiakastyössä on tullut esiin huoli.",
    "Olemme kohdanneet viimeisen kuukauden aikana {n} tilannetta, joissa toistuu sama ongelma.",
    "Haluamme nostaa esiin tilanteen, joka koskee useita asiakkaita.",
    "",
    "",
]
# A detail sentence built from independent parts gives every report some words of its own, so that reports
# sharing fragments stay below the ingest near-duplicate threshold (token Jaccard 0.85).
DETAIL_WHEN = ["Maanantaina", "Viime viikolla", "Alkuvuodesta", "Kesän jälkeen", "Lokakuussa", "Tällä viikolla",
               "Kuluneen kuukauden aikana", "Syyslomien jälkeen", "Joulun alla", "Pääsiäisen aikaan", "Eilen",
               "Helmikuussa"]
DETAIL_WHO = ["tiimin sosiaaliohjaaja", "työparini", "päivystävä sosiaalityöntekijä", "kotihoidon lähihoitaja",
              "perheohjaaja", "esihenkilömme", "järjestön vapaaehtoinen", "palveluohjaaja", "terveydenhoitaja",
              "kuraattori", "uusi työntekijämme", "asumisneuvoja"]
DETAIL_WHAT = ["kirjasi {n} samankaltaista yhteydenottoa", "tapasi {n} asiakasta, joiden tilanne oli tämä",
               "sai asiasta {n} puhelua omaisilta", "otti asian esiin tiimipalaverissa",
               "teki asian vuoksi {n} ylimääräistä kotikäyntiä", "kuuli saman huolen {n} asiakkaalta",
               "kokosi tapauksista muistiinpanot", "konsultoi asiasta yhteistyökumppania",
               "selvitti asiaa puhelimitse lähes koko päivän", "ohjasi {n} asiakasta eteenpäin"]
CLOSERS = [
    "Tilanne on pahentunut edellisvuodesta.",
    "Asiakkaat kokevat, ettei heitä kuunnella.",
    "Ilmiö näkyy myös muissa kunnissa.",
    "Pelkona on, että tilanne kriisiytyy talven aikana.",
    "Emme pysty yksin ratkaisemaan tätä.",
    "Asiasta on keskusteltu myös yhteistyökumppaneiden kanssa.",
]
PROPOSALS = {
    "mental_health": ["Matalan kynnyksen mielenterveysvastaanotto ilman lähetettä.",
                      "Psykiatrisen sairaanhoitajan konsultaatio suoraan sosiaalityöhön."],
    "substance_use": ["Katkaisuhoitoon pääsy samana päivänä.", "Päihteettömiä tukiasuntoja lisää."],
    "integration": ["Nimetty vastuutyöntekijä ja yhteinen suunnitelma.",
                    "Yhteinen konsultaatiolinja ammattilaisille."],
    "service_access": ["Liikkuva palvelupiste pienempiin kuntiin.", "Asiointiapua kasvokkain kerran viikossa."],
    "housing": ["Varhainen ilmoitusmalli vuokranantajien kanssa.", "Lisää tuettua asumista."],
    "carers_support": ["Kotiin annettava sijaishoito ja vapaiden seuranta.", "Ilta- ja etäryhmiä omaishoitajille."],
    "children_families": ["Perhetyön lisäresurssi ja nopea myöntäminen.", "Jalkautuva nuorisotyö iltaisin."],
    "disability": ["Siirtymävaiheen suunnitelma ajoissa.", "Selkokielinen ohje uusista palveluista."],
    "ageing": ["Turvateknologian arviointi kaikille yksin asuville.", "Yksinäisyyttä vähentävät ryhmät."],
    "income_employment": ["Talous- ja velkaneuvonnan yhteisvastaanotto.",
                          "Kuntouttavan työtoiminnan paikkoja lisää."],
    "language_inclusion": ["Käännetyt ja selkokieliset ohjeet.", "Tulkkauksen saatavuuden seuranta."],
    "workforce": ["Asiakasmäärille enimmäisraja.", "Työnohjauksen palauttaminen ja mentorimalli."],
    "good_practice": ["Mallin vakiinnuttaminen ja levittäminen.", "Rahoituksen turvaaminen jatkossa."],
    EMERGING: ["Tekoälyhuijauksista tiedottaminen ikäihmisille yhdessä poliisin ja pankkien kanssa.",
               "Sovittu toimintamalli huijausten uhrien tukemiseen."],
}
VOICES = [
    "Kukaan ei kerro, kuka minua nyt auttaa.", "En jaksa enää odottaa.",
    "Joka paikassa sanotaan, ettei kuulu heille.", "Mä en tiedä mihin mä meen.", "Tämä auttoi oikeasti.",
    "Ei täällä kukaan käy.", "Mistä mä vielä säästän?",
    "Täällä minua kuunneltiin.", "Mä oon kertonu tän jo kolme kertaa.", "Pelottaa, mitä seuraavaksi tapahtuu.",
]
EMERGING_VOICES = ["Se oli ihan pojan ääni, miten olisin voinut epäillä?", "En uskalla enää vastata puhelimeen."]
SWEDISH = [
    "Klienterna får nästan all service enbart på finska.", "Väntetiderna har blivit längre under hösten.",
    "Anhöriga fungerar som tolkar per telefon.", "Besluten är långa och svåra att förstå.",
    "Det finns ingen kontaktperson som talar svenska.", "Familjen känner sig utanför.",
    "Flera äldre bor ensamma och har ingen att prata med.", "Stödet borde finnas nära hemmet.",
    "Blanketterna finns inte på svenska.", "Hemvårdens personal hinner inte stanna och prata.",
    "Föräldrarna söker hjälp i Helsingfors på egen bekostnad.", "Tolk har inte alltid funnits till hands.",
    "Eleverna vill inte tala om svåra saker på finska.", "Dagverksamheten fungerar helt på finska.",
    "Närståendevårdarna orkar inte längre.", "Klienten har slutat delta och sitter hemma.",
]
ENGLISH = [
    "Many clients do not know where to ask for help.", "Information in English is scattered.",
    "The waiting times have grown during the autumn.", "Interpreters are not available for every meeting.",
    "Some families feel isolated and have no network here.", "Several clients have debts and no income.",
    "The forms are only in Finnish.", "A named contact person would help a lot.",
    "Students have lost their part-time jobs.", "Rent takes almost all of their income.",
    "Parents rarely attend school meetings because of work shifts.", "Some work without a contract.",
    "Children translate for their parents at appointments.", "The residence permit rules cause constant worry.",
    "Clients have been sent from one office to another.", "Nobody explained the decision to them.",
]
# Detail sentences for the Swedish and English reports, for the same reason as DETAIL_* above.
SV_DETAIL = (["I måndags", "Förra veckan", "I början av året", "Efter sommaren", "I oktober", "Före julen"],
             ["träffade vi", "ringde vi till", "hjälpte vår handledare", "besökte hemvården",
              "mötte skolkuratorn"],
             ["klienter med samma problem.", "familjer i samma situation.", "äldre som bor ensamma.",
              "unga vuxna som behöver stöd."])
EN_DETAIL = (["On Monday", "Last week", "Early this year", "After the summer", "In October", "Before Christmas"],
             ["we met", "our team called", "the social worker helped", "the family worker visited",
              "the school counsellor saw"],
             ["clients with the same problem.", "families in the same situation.", "people who live alone.",
              "young adults who need support."])
# The emerging topic starts this many days before the end of the range and its share grows linearly to PEAK.
EMERGING_WINDOW_DAYS = 122
EMERGING_PEAK = 0.12


def _area(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.015:
        return "valtakunnallinen"
    if r < 0.13:
        return "Koko Päijät-Häme"
    first = rng.choices(MUNICIPALITIES, MUNICIPALITY_WEIGHTS)[0]
    if r < 0.20:
        second = rng.choice([m for m in MUNICIPALITIES if m != first])
        return f"{first};{second}"
    return first


def _fill(fragment: str, rng: random.Random, kunta: str) -> str:
    if "{" not in fragment:
        return fragment
    ine, ela = LOCATIVES[kunta]
    return fragment.format(kunta_ine=ine, kunta_ela=ela, n=rng.randint(2, 12), ika=rng.choice([75, 80, 85]),
                           nuori=rng.choice([13, 14, 15, 16]), ika_tt=rng.choice([50, 55, 60]),
                           kk=rng.randint(2, 8))


def _observation(rng: random.Random, themes: list[str], kunta: str, lang: str) -> str:
    if lang in ("sv", "en"):
        pool, (when, who, what) = (SWEDISH, SV_DETAIL) if lang == "sv" else (ENGLISH, EN_DETAIL)
        detail = f"{rng.choice(when)} {rng.choice(who)} {rng.randint(2, 15)} {rng.choice(what)}"
        parts = rng.sample(pool, 5)
        parts.insert(rng.randint(0, 5), detail)
        return " ".join(parts)
    parts = [_fill(rng.choice(OPENERS), rng, kunta)]
    primary = themes[0]
    # Draw the primary theme's fragments in one shuffled order so topping up below never repeats a sentence.
    pool = rng.sample(FRAGMENTS[primary], len(FRAGMENTS[primary]))
    k = rng.randint(2, 3)
    parts += [_fill(f, rng, kunta) for f in pool[:k]]
    for theme in themes[1:]:
        parts.append(_fill(rng.choice(FRAGMENTS[theme]), rng, kunta))
    if rng.random() < 0.8:
        what = rng.choice(DETAIL_WHAT).replace("{n}", str(rng.randint(2, 15)))
        parts.insert(rng.randint(1, len(parts)), f"{rng.choice(DETAIL_WHEN)} {rng.choice(DETAIL_WHO)} {what}.")
    if rng.random() < 0.5:
        parts.append(rng.choice(CLOSERS))
    text = " ".join(p for p in parts if p)
    # DESIGN §3 reports run 30+ words; top short ones up from the primary theme.
    while len(text.split()) < 30 and k < len(pool):
        text += " " + _fill(pool[k], rng, kunta)
        k += 1
    return text


def generate(n: int, seed: int, start: dt.date | str = "2022-01-01", end: dt.date | str = "2025-12-31",
             with_themes: bool = False) -> list[dict]:
    """Synthetic reports in date order.

    Arguments:
        n: how many reports.
        seed: random seed; the same seed and arguments give identical output.
        start: first possible submission date (date or ISO string), inclusive.
        end: last possible submission date, inclusive.
        with_themes: add the generator's ground truth as `themes` (keys joined by ";", `new` = emerging topic).

    Returns:
        One dict per report with the keys of `FIELDS` (plus `themes` when asked). `submitted` is an ISO date string,
        `area` a string with several areas joined by ";", empty optional fields are "".

    Raises:
        ValueError: n is negative or end is before start.
    """
    start_d = dt.date.fromisoformat(start) if isinstance(start, str) else start
    end_d = dt.date.fromisoformat(end) if isinstance(end, str) else end
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if end_d < start_d:
        raise ValueError(f"end {end_d} is before start {start_d}")
    rng = random.Random(seed)
    span = (end_d - start_d).days
    offsets = sorted(rng.randint(0, span) for _ in range(n))
    window = min(EMERGING_WINDOW_DAYS, span)
    window_start = span - window
    rows: list[dict] = []
    for i, off in enumerate(offsets, 1):
        p_new = EMERGING_PEAK * (off - window_start) / window if window and off > window_start else 0.0
        if rng.random() < p_new:
            themes = [EMERGING] + (["ageing"] if rng.random() < 0.4 else [])
            ptype = "negatiivinen"
        else:
            r = rng.random()
            if r < 0.13:
                themes = ["good_practice"]
                ptype = "positiivinen"
            else:
                themes = []
                ptype = "ei osaa sanoa" if r < 0.18 else "negatiivinen"
            k = rng.choices([1, 2, 3], [2, 6, 2])[0] - len(themes)
            themes += rng.sample([t for t in THEMES if t != "good_practice"], max(k, 1))
        anchor = themes[0] if themes[0] != "good_practice" else themes[-1]
        group = rng.choice(THEME_GROUPS[anchor]) if rng.random() < 0.7 else rng.choice(TARGET_GROUPS)
        area = _area(rng)
        kunta = area.split(";")[0] if area.split(";")[0] in LOCATIVES else ""
        # A few Swedish / English reports, only among ordinary negative ones so the truth labels stay simple.
        lang_r = rng.random() if ptype == "negatiivinen" and themes[0] != EMERGING else 1.0
        lang = "sv" if lang_r < 0.015 else ("en" if lang_r < 0.03 else "fi")
        if lang != "fi":
            themes = ["language_inclusion"] + [t for t in themes if t != "language_inclusion"][:1]
        voice_pool = EMERGING_VOICES if themes[0] == EMERGING else VOICES
        row = {
            "report_id": f"SYN{seed}-{i:06d}",
            "submitted": (start_d + dt.timedelta(days=off)).isoformat(),
            "area": area,
            "target_group": group,
            "phenomenon_type": ptype,
            "unit": rng.choice(UNITS[group]),
            "observation": _observation(rng, themes, kunta, lang),
            "client_voice": f'"{rng.choice(voice_pool)}"' if lang == "fi" and rng.random() < 0.6 else "",
            "proposal": rng.choice(PROPOSALS[themes[0]]) if lang == "fi" and rng.random() < 0.8 else "",
        }
        if with_themes:
            row["themes"] = ";".join(themes)
        rows.append(row)
    return rows


def write_csv(rows: list[dict], path: Path) -> None:
    """Write rows as UTF-8 CSV with the English headers (and `themes` when the rows carry it)."""
    fields = FIELDS + (["themes"] if rows and "themes" in rows[0] else [])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    """Command line: generate and write a CSV, print a one-line summary to stderr."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of reports")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="output CSV path")
    ap.add_argument("--start", default="2022-01-01", help="first date, ISO")
    ap.add_argument("--end", default="2025-12-31", help="last date, ISO")
    ap.add_argument("--with-themes", action="store_true", help="add the ground-truth themes column")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    try:
        rows = generate(args.n, args.seed, args.start, args.end, with_themes=args.with_themes)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_csv(rows, args.out)
    emerging = sum(1 for r in rows if r.get("themes", "").startswith(EMERGING))
    extra = f", {emerging} emerging" if args.with_themes else ""
    print(f"wrote {len(rows)} reports{extra} to {args.out} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
