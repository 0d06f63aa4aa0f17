from common import *
B="b1"; r=[]
r.append(R(B,1,"Lahti","T","n","Aikuissosiaalityö, Lahti","fi","terse","inc sa",
 "Ttt-päätökset Kelasta viivästyneet tammikuussa, odotus 3-4 vk. Asiakkailla ei rahaa ruokaan, ohjataan ruoka-apuun. Täydentävä ja ehkäisevä tt hvalla ruuhkautunut myös.",
 "", "Kiireellisten tilanteiden pikakäsittely Kelan kanssa sovittuun yhteyshenkilöön."))
r.append(R(B,1,"Hollola","L","n","Lastensuojelun avohuolto","fi","narrative","cf mh sa",
 """Olemme huomanneet, että yhä useampi lastensuojelun asiakasperhe odottaa lapsen psykiatrista arviota kuukausia. Tänä talvena olen työskennellyt kolmen perheen kanssa, joissa 12–14-vuotias lapsi on ollut pitkään poissa koulusta ahdistuksen vuoksi. Lähete nuorisopsykiatriaan on tehty, mutta ensikäyntiä ei ole saatu, ja sillä välin perheen tilanne kuormittuu: vanhemmat jäävät pois töistä, sisarukset oireilevat ja koulun kanssa syntyy riitoja poissaoloista. Lastensuojelu ei pysty korvaamaan hoitoa, vaikka usein juuri meiltä sitä odotetaan.""",
 '"Meille sanotaan vaan, että odottakaa. Mitä me tehdään sillä aikaa?"',
 "Lasten ja nuorten mielenterveyspalveluihin konsultaatiomalli, jossa lastensuojelun työntekijä saa ohjausta odotusaikana."))
r.append(R(B,1,"Heinola","I","n","Kotihoito, Heinola","fi","colloquial","age sa wf",
 "Iltavuoroissa ollaan niin vähällä porukalla et käynnit venyy, osa asiakkaista saa iltapalan vasta yhdeksän jälkeen. Ja sit ku joku sairastuu ni sijaista ei saa mistään. Asiakkaat kyselee miks hoitaja vaihtuu joka kerta.",
 '"Ei täs enää tiedä kuka tänään tulee."',
 ""))
r.append(R(B,1,"Orimattila","A","n","Asumisneuvonta","fi","formal","hou inc",
 "Asumisneuvonnan asiakasmäärä on kasvanut edellisvuoden vastaavaan ajankohtaan verrattuna. Erityisesti vuokravelkojen vuoksi häätöuhan alla olevien yhden hengen talouksien määrä on lisääntynyt. Asumistuen tasoon tehdyt muutokset näkyvät vuokranmaksukyvyssä.",
 "", "Ehdotetaan, että vuokranantajien kanssa sovitaan varhaisen ilmoittamisen menettely jo ensimmäisen maksamattoman vuokran jälkeen."))
r.append(R(B,1,"Koko Päijät-Häme","V","n","Vammaispalvelut","fi","formal","dis sa",
 "Henkilökohtaisen avun työnantajamallissa avustajien rekrytointi on vaikeutunut. Useat asiakkaat ovat olleet ilman avustajaa viikkoja, mikä on rajoittanut heidän osallistumistaan opiskeluun ja harrastuksiin.",
 "", "Selvitetään ostopalvelu- ja palvelusetelimallin laajentaminen sijaistilanteisiin."))
r.append(R(B,1,"Tampere","T","n","Päihde- ja mielenterveyspalvelut, matalan kynnyksen vastaanotto","fi","terse","su mh",
 "Lisää asiakkaita, joilla sekakäyttöä + rauhoittavat netin kautta hankittuina. Yliannostuksia lähipiirissä. Naloksonia kysytään.",
 "", "Naloksonin jakaminen ja koulutus matalan kynnyksen pisteissä."))
r.append(R(B,1,"Asikkala","O","n","Omaishoidon tuki","fi","quote","car age",
 "Omaishoitaja kertoi kotikäynnillä, ettei ole pitänyt lakisääteisiä vapaapäiviään vuoteen, koska puoliso ei suostu lähtemään lyhytaikaishoitoon ja kotiin tuleva sijainen on vaihtunut monesti.",
 '"Minä olen hänen ainoa turvansa. Jos minä lähden, hän lähtee perässä ovelle."',
 "Kotiin annettavaa sijaishoitoa samalla tutulla työntekijällä."))
r.append(R(B,1,"Lahti","L","p","Perhekeskus, Lahti","fi","narrative","cf gp",
 """Perhekeskuksen vertaisryhmä yksin lapsiaan kasvattaville vanhemmille on saatu toimimaan hyvin. Ryhmä kokoontuu iltaisin ja lastenhoito järjestetään samaan aikaan viereisessä tilassa vapaaehtoisten avulla. Osallistujat ovat kertoneet, että ryhmästä on syntynyt myös ryhmän ulkopuolista tukea, kuten lasten hakemista päiväkodista vuorotellen. Ryhmän vetäjinä toimivat perhetyöntekijä ja kokemusasiantuntija.""",
 '"Täällä ei tarvitse selittää, miksi on väsynyt."',
 "Mallia voisi levittää muihin perhekeskuksiin, lastenhoito on avain osallistumiseen."))
r.append(R(B,1,"Kärkölä","I","n","Sosiaaliohjaus, ikääntyneet","fi","list","age sa int",
 """Havaintoja tammikuulta:
- kotiutuksia sairaalasta perjantai-iltapäivisin ilman tietoa kotihoidolle
- apuvälineitä ei ole kotona kotiutuspäivänä
- omaiset eivät tiedä, keneen ottaa yhteyttä
- asiakas palaa päivystykseen muutamassa päivässä""",
 "", "Kotiutuksen tarkistuslista ja viikonloppukotiutuksiin erillinen yhteyshenkilö."))
r.append(R(B,1,"Helsinki","T","n","Sosiaalipäivystys","fi","terse","mh sa",
 "Yöllä soittaneita itsetuhoisia aikuisia ei saatu kriisipalveluun, päivystyspsykiatria täynnä. Sos.päivystys joutui pitämään linjoilla tunteja.",
 "", ""))
r.append(R(B,2,"Lahti","T","n","Työllisyyspalvelut / sosiaalinen kuntoutus","fi","formal","inc wf",
 "Työllisyyspalvelujen siirryttyä kunnalle vuoden 2025 alussa asiakkaiden ohjautuminen kuntouttavaan työtoimintaan on hidastunut. Vastuunjako kunnan työllisyyspalvelujen ja hyvinvointialueen sosiaalityön välillä on monelle työntekijälle epäselvä, ja aktivointisuunnitelmien laatiminen on viivästynyt.",
 "", "Laaditaan yhteinen prosessikuvaus ja nimetään yhteyshenkilöt kummaltakin organisaatiolta.", ))
r[-1]["themes"]="income_employment;integration;workforce"
r.append(R(B,2,"Hartola","I","n","Kotihoito, Hartola","fi","narrative","age sa",
 """Harvaan asutulla alueella kotihoidon ajomatkat ovat pitkiä ja talvikeleillä käynnit viivästyvät. Useampi ikääntynyt asuu yksin syrjäkylillä, eikä lähellä ole kauppaa tai apteekkia. Kauppapalvelu toimii vain kerran viikossa. Kun yksi käynti venyy, seuraavan asiakkaan lääkkeet annetaan myöhässä. Asiakkaat eivät valita, mutta näemme, että osa heistä syö liian vähän.""",
 "", "Kauppakassipalvelun tihentäminen ja etähoitokäyntien kokeilu lääkemuistutuksiin."))
r.append(R(B,2,"Hollola","L","n","Koulukuraattori","fi","colloquial","cf mh",
 "Yläkoulussa on ihan hirveesti yksinäisiä oppilaita jotka ei puhu kenellekään välitunnilla. Ne istuu puhelimella ja sit kotona vaan pelaa. Vanhemmat sanoo et ei saa lasta edes syömään yhdessä.",
 '"Ei mul oo ketään, kenen kaa ois mitään puhuttavaa."',
 "Välituntitoimintaa ja nuorisotyön läsnäoloa kouluun."))
r.append(R(B,2,"Heinola","A","n","Asumissosiaalinen työ","fi","terse","hou su sa",
 "Asunnottomia päihdeasiakkaita ilman yöpymispaikkaa, tilapäismajoitus täynnä helmikuun pakkasilla. 2 asiakasta nukkui porraskäytävässä.",
 "", "Talviajan hätämajoituspaikat seudulle."))
r.append(R(B,2,"Padasjoki","O","n","Omaishoidon tuki","fi","formal","car sa",
 "Omaishoidon tuen hakemusten käsittelyaika on pidentynyt. Hakemuksen jättämisen ja kotikäynnin välillä on kulunut keskimäärin kahdeksan viikkoa, jonka aikana omaishoitaja ei saa tukea eikä vapaita.",
 "", "Palvelutarpeen arvioinnin kiireellisyysluokittelu ja puhelinarvio ensivaiheessa."))
r.append(R(B,2,"Jyväskylä","V","n","Kehitysvammapalvelut","fi","narrative","dis hou",
 """Aikuistuvien kehitysvammaisten nuorten itsenäisen asumisen valmennus ei ala ajoissa. Nuoret asuvat vanhempiensa luona vielä 30-vuotiaina, ja muutto tapahtuu usein kriisissä, kun vanhempi sairastuu. Tällöin asunto valitaan sen mukaan, mistä on paikka vapaana, ei nuoren toiveiden mukaan. Yksi nuori muutti kahden viikon varoitusajalla toiseen kaupunkiin.""",
 "", "Asumisen suunnittelu osaksi palvelusuunnitelmaa jo 18 vuoden iästä."))
r.append(R(B,2,"Lahti","T","n","Aikuissosiaalityö","fi","list","inc int",
 """Velkaantuneiden asiakkaiden yhteiset piirteet:
1) pikavipit ja osamaksut verkkokaupoista
2) ulosotto vie osan palkasta ja ihminen lopettaa työnteon
3) talous- ja velkaneuvontaan yli 2 kk jono
4) tieto ei kulje sosiaalityön ja velkaneuvonnan välillä""",
 "", "Talous- ja velkaneuvoja jalkautumaan aikuissosiaalityön vastaanotolle kerran viikossa."))
r.append(R(B,2,"Iitti","L","n","Neuvola","fi","terse","cf mh",
 "Synnytyksen jälkeistä masennusta seulottu enemmän, jatko-ohjaus vaikeaa. Perhetyöhön jono.",
 "", ""))
r.append(R(B,2,"Orimattila","T","n","Sosiaaliohjaus","fi","colloquial","sa inc",
 "Asiakkaat ei saa Kelaan puhelimessa ketään kiinni, jonotus tunnin ja sit katkeaa. Ku ei oo pankkitunnuksia niin ei pääse asioimaan netissäkään. Me sit tehdään niitä hakemuksia täällä toimistolla.",
 '"Mä soitin kolme päivää peräkkäin."',
 ""))
r.append(R(B,3,"Sysmä","I","p","Ikäihmisten päivätoiminta","fi","narrative","age gp",
 """Sysmän päivätoimintaan on aloitettu liikuntaryhmä, johon kuljetus järjestetään kimppakyydeillä paikallisen yhdistyksen kanssa. Kolmen kuukauden jälkeen osallistujien tasapaino on mittausten mukaan parantunut ja muutama on jättänyt rollaattorin kotiin sisätiloissa liikkuessaan. Lisäksi osallistujat kertovat, että viikon kohokohta on yhteinen kahvihetki jumpan jälkeen.""",
 '"Nyt minulla on syy pukeutua tiistaiaamuna."',
 "Kimppakyytimalli yhdistysten kanssa sopisi muillekin haja-asutusalueille."))
r.append(R(B,3,"Lahti","L","n","Lastensuojelu, sijaishuolto","fi","formal","cf wf",
 "Sijaishuollon sosiaalityöntekijöiden asiakasmäärät ylittävät lastensuojelulain mukaisen enimmäismäärän. Lapsen asioista vastaavan sosiaalityöntekijän vaihtuvuus on suurta, eivätkä kaikki sijoitetut lapset ole tavanneet sosiaalityöntekijäänsä lain edellyttämällä tavalla.",
 "", "Lisäresurssi sijaishuoltoon ja perehdytysmalli uusille työntekijöille."))
r.append(R(B,3,"Hollola","M","n","Sosiaalityö","fi","terse","wf",
 "Uusi asiakastietojärjestelmä hidastaa kirjaamista, 1 asiakastapaaminen = 1 h kirjaamista. Ylitöitä koko tiimillä.",
 "", "Kirjaamisen koulutusta ja pikanäppäinohjeet."))
r.append(R(B,3,"Turku","T","n","Vankilan sosiaalityö / kriminaalihuolto","fi","narrative","int hou su",
 """Vankilasta vapautuvien asiakkaiden asunto ja toimeentulo ovat usein järjestämättä vapautumispäivänä. Vapautuminen voi tapahtua perjantaina, jolloin sosiaalitoimisto on kiinni, eikä kukaan ole vastaanottamassa. Päihdekuntoutukseen pääsy ei jatku saumattomasti vankilasta siviiliin, ja retkahdus tapahtuu usein ensimmäisten päivien aikana.""",
 "", "Vapautumisen valmistelu yhteistyössä vankilan, hyvinvointialueen sosiaalityön ja asumispalvelujen kanssa vähintään kuukausi ennen."))
r.append(R(B,3,"Asikkala","V","n","Vammaispalvelut, kuljetuspalvelu","fi","colloquial","dis sa",
 "Kuljetuspalvelun taksit ei tuu ajallaan. Pyörätuolitaksia saa odottaa tunnin, ja yks asiakas myöhästy lääkäristä kokonaan. Tilauskeskuksen numeroon ei pääse läpi.",
 '"Mä en enää uskalla varata aikaa mihinkään aamulla."',
 "Sopimusehtoihin sanktiot myöhästymisistä ja palautekanava käyttäjille."))
r.append(R(B,3,"Heinola","T","n","Päihdepalvelut","fi","terse","su sa",
 "Katkaisuhoitoon pääsy vain Lahden kautta, asiakkaat eivät lähde. Motivaatio katoaa odotellessa.",
 "", "Avokatko Heinolaan 2 pv/vk."))
r.append(R(B,3,"Lahti","A","e","Asumispalvelut","fi","formal","hou mh",
 "Mielenterveyskuntoutujien tuetun asumisen yksiköissä on havaittu, että osa asukkaista olisi valmis siirtymään kevyemmän tuen asumiseen, mutta sopivia tukiasuntoja ei ole tarjolla. Ilmiön laajuutta ei ole vielä selvitetty.",
 "", "Kartoitus asukkaiden valmiudesta ja asuntotarjonnasta yhdessä vuokrataloyhtiöiden kanssa."))
r.append(R(B,3,"Kärkölä","L","n","Varhaiskasvatuksen erityisopettaja","fi","quote","cf int",
 "Päiväkodissa havaittu lapsen viiveitä, mutta vanhempi ei ole halunnut lähetettä. Tieto ei siirry neuvolaan ilman lupaa ja yhteistä palaveria ei saada sovittua.",
 '"Äiti sanoi: meillä on kaikki hyvin, älkää soitelko minnekään."',
 "Yhteinen perhepalaverikäytäntö neuvolan ja varhaiskasvatuksen välille."))
r.append(R(B,3,"Oulu","M","n","Sosiaali- ja potilasasiavastaava","fi","formal","sa int",
 "Asiakkaiden yhteydenotoissa toistuu, etteivät he ole saaneet päätöstä kirjallisena tai päätös on tullut vain sähköiseen viestipalveluun, jota asiakas ei osaa käyttää. Muutoksenhakuaika on tällöin ehtinyt kulua.",
 "", "Päätösten lähettäminen paperisena aina, jos asiakas ei ole ottanut sähköistä asiointia käyttöön."))
save(B, r)
