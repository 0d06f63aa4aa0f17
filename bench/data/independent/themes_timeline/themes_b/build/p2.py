from common import *
B="p2"; r=[]; E="P2"
r.append(R(B,9,"Lahti","L","n","Koulukuraattori, yläkoulu","fi","narrative","cf mh",
 """Kahdeksasluokkalaisten poikien keskusteluissa on syksyllä alkanut toistua sivustot, joilla avataan pelien skin-laatikoita ja lyödään vetoa pelitavaroilla. Yksi oppilas kertoi hävinneensä noin 400 euroa äitinsä maksukortilta parin viikon aikana. Hän ei itse pitänyt tätä rahapelaamisena, koska voitot ovat pelin aseiden ulkoasuja eivätkä rahaa. Oppilas on väsynyt, valvoo öisin ja on ahdistunut siitä, että vanhemmat saavat tietää. Kaverit vaihtavat ja myyvät skinejä keskenään ja osa on velkaa toisilleen.""",
 '"Ei se oo uhkapeliä, ne on vaan skinejä."',
 "Kartoitetaan ilmiön laajuutta koulun oppilashuollossa ja otetaan aihe esiin vanhempainillassa.", em=E))
r.append(R(B,9,"Hollola","L","n","Lastensuojelun sosiaalipäivystys","fi","terse","cf",
 "13-v. käyttänyt isän luottokorttia pelisivustolla (skin-vedonlyönti), n. 1 200 e. Kotona riita kärjistyi, isä uhannut lyödä. Lsilmoitus, kotikäynti tehty. Isä: 'en tiennyt että tuollaista on'.",
 "", "", em=E))
r.append(R(B,10,"Heinola","L","n","Perheneuvola","fi","quote","cf mh",
 "Vanhempi hakeutui perheneuvolaan, koska 12-vuotias on muuttunut levottomaksi ja raivoaa, kun peliaikaa rajoitetaan. Keskustelussa selvisi, että kyse ei ole vain pelaamisesta vaan lapsi avaa pelin sisäisiä laatikoita ja osallistuu skin-arvontoihin, joihin hän on laittanut viikkorahansa ja synttärirahansa.",
 '"Mä oon ihan kohta voittamassa takaisin kaiken, anna mä vaan pelaan tän yhen."',
 "Perheneuvolan työntekijöille tietoa pelien rahapelinomaisista piirteistä.", em=E))
r.append(R(B,10,"Jyväskylä","L","n","Nuorisotyö, digitaalinen nuorisotyö","fi","colloquial","cf",
 "Discordissa ja striimeissä mainostetaan koko ajan näitä case-sivuja, striimaaja antaa alekoodin ja 'ilmaisia' kolikoita. Meidän nuorisotalon 11-14-vuotiaat puhuu niistä ihan avoimesti. Ikärajaa ei kysytä missään. Moni kertoo hävinneensä kymppejä tai satasia.",
 '"Kaikki mun kaverit tekee sitä."',
 "Digitaalisen nuorisotyön kampanja ja ilmoitus kuluttajaviranomaisille mainonnasta.", em=E))
r.append(R(B,11,"Orimattila","L","n","Perhesosiaalityö","fi","formal","cf inc",
 "Perhesosiaalityöhön on ohjautunut perheitä, joiden talous on horjunut, koska alaikäinen lapsi on käyttänyt vanhemman maksukorttia tai mobiilimaksua pelitavaroiden vedonlyöntisivustoilla. Yhdessä perheessä veloitukset olivat kolmen kuukauden aikana yli 2 000 euroa. Pankki ei ole hyvittänyt veloituksia, koska kortin tiedot oli tallennettu lapsen käyttämälle laitteelle. Perhe on hakenut toimeentulotukea vuokraan.",
 "", "Vanhemmille ohjeistus maksukorttien tallennuksesta ja rajauksista, talousneuvonnan ohjaus.", em=E))
r.append(R(B,11,"Vaasa","L","n","Elevvården, skolkurator","sv","narrative","cf mh",
 """Flera elever i årskurs sju och åtta har berättat för mig om webbplatser där man öppnar lådor och satsar skins från dataspel. Eleverna ser det inte som spel om pengar, men skins kan säljas vidare för riktiga pengar och en del elever har lånat av varandra. Två elever har varit frånvarande från skolan efter nätter vid datorn, och en elev var rädd att berätta hemma hur mycket han förlorat.""",
 '"Jag ska bara vinna tillbaka det jag förlorat."',
 "Information till vårdnadshavare på svenska och tema på föräldramöte.", em=E))
r.append(R(B,11,"Lahti","L","n","Nuorisoasema","fi","list","cf mh su",
 """Marraskuun havainnot pelisivustoista:
- 4 alaikäistä asiakasta, joilla rahapelinomaista pelaamista skin- ja laatikkosivustoilla
- unettomuus, ahdistus ja koulupoissaolot
- velkoja kavereille, myyty omia tavaroita
- aikuisten peliongelmapalvelut eivät ota alle 18-vuotiaita, nuorten polku puuttuu""",
 "", "Nuorten rahapelihaittojen hoitopolku nuorisoaseman ja peliklinikan yhteistyönä.", em=E))
r.append(R(B,12,"Kärkölä","L","n","Koulupsykologi","fi","terse","cf mh",
 "Joulukuussa 3 oppilasta (5.-7. lk) skin-vedonlyönnin vuoksi. Nuorin 11 v. Pelataan myös välitunneilla puhelimella.",
 "", "Koulun pelisäännöt ja oppitunti digitaalisesta rahapelaamisesta.", em=E))
r.append(R(B,12,"Espoo","L","n","Child welfare, international families","en","narrative","cf lang",
 """A family who moved to Finland last year contacted us because their 14-year-old son had spent over 800 euros on a website where players open virtual cases for game items. The parents do not speak Finnish and did not know that this kind of site is a problem, nor where to get help. Most material for parents about gaming and gambling-like features is only in Finnish. The son said that everyone in his class does it and that the items can be sold for money.""",
 '"We thought he was just playing a normal game."',
 "Parent information on gambling-like game sites in English and other languages.", em=E))
r.append(R(B,12,"Koko Päijät-Häme","L","n","Ehkäisevä päihdetyö","fi","formal","cf su int",
 "Syys–joulukuun aikana koulujen oppilashuollosta, perheneuvolasta, lastensuojelusta ja nuorisotyöstä on tullut yhteydenottoja alaikäisten osallistumisesta pelien skin-arvontoihin ja pelitavaroilla käytävään vedonlyöntiin. Ilmiö on uusi alueellisessa ehkäisevän päihdetyön työryhmässä. Tietoa ei ole koottu, eikä alueella ole yhteistä toimintamallia.",
 "", "Kootaan tapaukset yhteen, laaditaan yhteinen viestintä koteihin ja kouluihin sekä sovitaan hoitopolusta alaikäisille.", em=E))
save(B, r)
