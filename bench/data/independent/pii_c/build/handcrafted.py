"""Hand-written hard cases.  Markup: <<value|kind|tradition|form>> = span (tradition/form only for persons),
[[value|kind]] = keep.  Parsed into offsets by gen.py (appended after the generated cases)."""

HAND = [
    ("fi", "<<Aino Lahti|person|finnish|nom:full>> muutti [[Lahdesta|place]] [[Heinolaan|place]], ja "
           "<<Lahden|person|finnish|gen:surname>> perhe jäi [[Lahteen|place]]."),
    ("fi", "<<Tuuli|person|finnish|nom:given>> kertoi, että kova [[tuuli|word]] rikkoi parvekkeen lasin."),
    ("fi", "<<Kivi|person|finnish|nom:surname>> sanoi, että naapuri heitti [[kiven|word]] ikkunaan."),
    ("fi", "<<Toivo Mäki|person|finnish|nom:full>> asuu [[mäen|word]] päällä, eikä kotihoito pääse talvella perille."),
    ("fi", "[[Ainoa|word]] läheinen on <<Aino|person|finnish|nom:given>>-sisko, joka asuu [[Espoossa|place]]."
           .replace("<<Aino|person|finnish|nom:given>>-sisko", "sisko <<Aino|person|finnish|nom:given>>")),
    ("fi", "<<Onni Koski|person|finnish|nom:full>> sanoi: ”[[Onneksi|word]] pääsin [[A-klinikalle|org]].”"),
    ("fi", "\"Minä olen <<Fadumo Ali Warsame|person|somali|nom:full>>, tulin [[Mogadishusta|place]] vuonna 2014\", "
           "asiakas sanoi tulkin välityksellä."),
    ("fi", "Tapasin <<Ahmad al-Jubourin|person|arabic|gen:full>> ja hänen vaimonsa <<Zainabin|person|arabic|gen:given>> "
           "[[Kelan|org]] toimistolla [[Hämeenkadulla|street]]."),
    ("fi", "<<Rauha|person|finnish|nom:given>> toivoo [[rauhaa|word]] ja lepoa; [[toivo|word]] ei ole kadonnut."),
    ("fi", "Lapsi, <<Usko|person|finnish|nom:given>> 7 v, on menettänyt [[uskon|word]] aikuisiin."),
    ("fi", "Asiakkaan nimi kirjattiin väärin muotoon <<Mohamed Abdi|person|somali|nom:full>>, oikea nimi on "
           "<<Mohamed Abdirahman Nur|person|somali|nom:full>>."),
    ("fi", "<<Ivan|person|russian|nom:given>> soitti [[Pietarista|place]] numerosta <<+7 921 555-01-23|phone>>."),
    ("fi", "Päätös Dnro [[1204/2026|case_number]] lähetettiin <<Olena Kovalenkolle|person|ukrainian|all:full>> "
           "osoitteeseen <<Vesijärvenkatu 12 B 7|address>>."),
    ("fi", "Asiakasmaksu [[38,50 €|money]] maksetaan tilille <<FI49 5000 9420 0287 30|iban>>, ei asiakkaan omalle tilille."),
    ("fi", "<<Niillas Aikiolla|person|sami|ade:full>> on poroja [[Inarissa|place]], ja hän asioi [[Ivalossa|place]]."),
    ("fi", "Perheen isä (<<Dawit Tesfaye|person|tigrinya|nom:full>>, hetu <<010180-123B|hetu>>) on ollut "
           "[[Asmarassa|place]] vankilassa."),
    ("fi", "sosiaalityöntekijä <<m. korhonen|person|finnish|nom:initial>> soitti [[TE-palveluihin|org]] klo [[14.15|time]]."),
    ("fi", "<<Nguyen Thi Lanin|person|vietnamese|gen:full>> tytär <<Mai|person|vietnamese|nom:given>> tulkkasi, vaikka on vasta 12-vuotias."),
    ("fi", "Veljekset <<Arben|person|albanian|nom:given>> ja <<Valon Krasniqi|person|albanian|nom:full>> tulivat "
           "[[Pristinasta|place]] [[Vantaalle|place]]."),
    ("fi", "<<Pate|person|finnish|nom:nick>> (oik. <<Pasi Lehtonen|person|finnish|nom:full>>) ajoi autolla "
           "<<ZXK-404|vehicle>> [[Aleksanterinkadulla|street]]."),
    ("fi", "Asiakas ei halua, että <<Reza Hosseinille|person|persian_dari|all:full>> kerrotaan uudesta "
           "osoitteesta <<Rantatie 3 as 4|address>>."),
    ("fi", "Yhteystiedot: <<sanna.virtanen@gmail.com|email>>, <<040 123 4567|phone>>. Puhelinaika arkisin klo [[9–10|time]]."),
    ("fi", "<<Lahja|person|finnish|nom:given>> sai [[lahjan|word]] [[SPR:n|org]] joulukeräyksestä."),
    ("fi", "Päivystysapu [[116 117|service_number]] ohjasi <<Mustafa Yılmazin|person|turkish|gen:full>> "
           "[[HUS:n|org]] päivystykseen."),
    ("fi", "<<Kalle Virta|person|finnish|nom:full>> kertoi, että [[virta|word]] katkaistiin, koska sähkölaskua "
           "([[420 euroa|money]]) ei ollut maksettu."),
    ("fi", "<<Armas|person|finnish|nom:given>> sanoi, että koti on hänelle [[armas|word]]."),
    ("fi", "Huoltaja <<Siriporn Wongsawat|person|thai|nom:full>> ('<<Ploy|person|thai|nom:nick>>') asuu "
           "[[Orimattilassa|place]]; puh. <<045-7781234|phone>>."),
    ("fi", "Tapaamiseen osallistuivat <<Maria Cristina Dela Cruz|person|filipino|nom:full>>, "
           "<<Jean-Pierre Mukendi|person|congolese|nom:full>> ja <<Áilu Valle|person|sami|nom:full>>."),
    ("fi", "<<Mikaela af Hällström|person|finland_swedish|nom:full>> soitti [[Diakonissalaitokselta|org]] numerosta <<(09) 774 5123|phone>>."),
    ("fi", "Lapsen hetu on <<240616A345K|hetu>>, äidin <<150385-9876|hetu>>; tarkistusmerkki näyttää väärältä."),
    ("sv", "<<Anna Lindholms|person|finland_swedish|gen:full>> son <<Elias|person|finland_swedish|nom:given>> "
           "flyttade till [[Borgå|place]] i [[mars 2026|date]]."),
    ("sv", "Klienten <<Hodan Nur|person|somali|nom:full>> bor på <<Storgatan 7|address>> i [[Vasa|place]] och får stöd "
           "från [[FPA|org]]."),
    ("en", "<<Yonas Haile|person|tigrinya|nom:full>> said: \"I have [[hope|word]] for my children,\" at the "
           "[[Kela|org]] office in [[Lahti|place]]."),
    ("en", "Client <<Grace|person|congolese|nom:given>> showed [[grace|word]] under pressure; "
           "contact <<grace.mwamba@outlook.com|email>>."),
    ("fi", "<<Ali|person|arabic|nom:given>> kertoi, että hänellä on [[yksi|word]] sisar [[Bagdadissa|place]] ja "
           "[[Kabulista|place]] kotoisin oleva puoliso <<Shabnam|person|pashto|nom:given>>."),
]

# sanity: the deliberately wrong hetu in the set above
WRONG_HETU = {"150385-9876"}
