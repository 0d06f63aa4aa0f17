from common import *
B="b7"; r=[]
# decoys
r.append(R(B,2,"Kouvola","I","n","Sosiaaliohjaus, ikääntyneet","fi","narrative","age inc",
 """Ikääntyneisiin kohdistuvat puhelinhuijaukset ovat jatkuneet. Asiakkaalle soitti henkilö, joka esittäytyi pankin turvallisuusosastolta ja pyysi vahvistamaan pankkitunnukset, koska tilillä olisi ollut epäilyttävää liikennettä. Asiakas menetti säästönsä, noin 7 000 euroa. Hän häpeää tapahtunutta eikä ole kertonut lapsilleen. Rahat tarvittaisiin silmäleikkauksen omavastuuseen ja kodin remonttiin.""",
 '"Hän puhui niin kohteliaasti, ihan kuin pankista soitetaan."',
 "Huijausvaroitukset ikäihmisten tapahtumissa yhdessä poliisin kanssa.", decoy="P1"))
r.append(R(B,10,"Helsinki","A","n","Asumisneuvonta","fi","formal","hou inc sa",
 "Yksityiset vuokranantajat kieltäytyvät yhä useammin hyväksymästä toimeentulotuen maksusitoumusta vuokravakuutena ja vaativat vakuuden rahana tilille. Pienituloisten asiakkaiden on tämän vuoksi vaikea saada vuokrasopimusta, vaikka asunto olisi kohtuuhintainen.",
 "", "Vuokranantajille tietoa maksusitoumuksen toimivuudesta ja vaihtoehtoisesti vakuuden maksaminen suoraan vuokranantajalle.", decoy="P1"))
r.append(R(B,11,"Hämeenlinna","L","p","Nuorisopalvelut","fi","narrative","cf gp",
 """Nuorisotalolla aloitettu ohjattu e-urheilu- ja pelikerho on tavoittanut nuoria, jotka eivät ole osallistuneet muuhun harrastustoimintaan. Kerhossa pelataan joukkuepelejä yhdessä ohjaajan kanssa ja sovitaan yhteiset pelisäännöt, taukoliikunta ja kiusaamaton kielenkäyttö. Muutama nuori on kertonut saaneensa kerhosta ensimmäiset kaverinsa uudella paikkakunnalla.""",
 '"Täällä mua ei pidetä outona siks et mä pelaan."',
 "Kerhomallia voisi levittää muihin nuorisotiloihin.", decoy="P2"))
r.append(R(B,3,"Lappeenranta","L","n","Oppilashuolto","fi","terse","cf mh",
 "Yläkoululaisia, jotka pelaavat öisin ja nukkuvat aamupäivät. Poissaoloja kertyy, vanhemmat eivät saa rajoja pitämään. Taustalla usein yksinäisyys.",
 "", "", decoy="P2"))
r.append(R(B,6,"Kotka","I","n","Kotihoito, sosiaaliohjaus","fi","colloquial","age inc",
 "Apteekin koneellinen annosjakelu maksaa asiakkaalle ja moni pienituloinen haluis lopettaa sen rahan takia. Sit lääkkeet otetaan miten sattuu. Kela-korvausta annosjakeluun ei kaikki saa.",
 '"Mä en pysty maksamaan noita pusseja joka kuussa."',
 "", decoy="P3"))
r.append(R(B,10,"Hartola","I","p","Kotihoito, etähoito","fi","formal","age gp sa",
 "Hartolan kotihoidossa on otettu käyttöön videopuhelulaitteilla toteutettavat etäkäynnit osalle asiakkaista. Etäkäynnit soveltuvat erityisesti muistutuksiin, vointikyselyihin ja sosiaaliseen kontaktiin. Asiakkaat ja omaiset ovat olleet tyytyväisiä, ja säästynyt ajoaika on voitu kohdentaa hoitoa vaativiin käynteihin.",
 "", "Etäkäyntien laajentaminen harkiten niin, että asiakkaan toive huomioidaan.", decoy="P3"))
# background
r.append(R(B,1,"Mikkeli","V","n","Vammaispalvelut","fi","terse","dis sa",
 "Apuvälinelainaamossa jono 6 vk, sähköpyörätuolin korjaus vie kuukausia. Asiakas kotona ilman liikkumisvälinettä.",
 "", ""))
r.append(R(B,3,"Lahti","M","p","Sosiaalihuollon asiakasohjaus","fi","formal","gp sa int",
 "Sosiaalipalvelujen yhteinen puhelinneuvonta ja asiakasohjaus on vähentänyt asiakkaiden siirtelyä palvelusta toiseen. Neuvonnassa tehdään alustava palvelutarpeen arvio ja asiakas ohjataan suoraan oikeaan palveluun. Asiakaspalautteessa on kiitetty sitä, että asia hoituu yhdellä soitolla.",
 "", "Neuvonnan aukioloaikojen laajentaminen iltaan."))
r.append(R(B,4,"Pori","T","n","Aikuissosiaalityö","fi","colloquial","sa inc",
 "Ajanvaraus sossuun onnistuu nyt vaan netissä. Jos ei oo pankkitunnuksia, niin ei saa aikaa. Meidän asiakkaista aika moni on ulosotossa eikä pankki anna tunnuksia.",
 '"Miten mä muka varaan ajan, ku mul ei oo ees tiliä?"',
 ""))
r.append(R(B,4,"Hollola","T","p","Mielenterveys- ja päihdepalvelut","fi","narrative","mh gp sa",
 """Hollolan sote-asemalla aloitettu lyhytterapeuttinen tuki nuorille aikuisille (Terapiat etulinjaan -mallin mukaisesti) on lyhentänyt odotusaikoja. Asiakas saa ensikäynnin yleensä kahdessa viikossa, ja suuri osa hyötyy muutamasta tapaamisesta niin, ettei lähetettä psykiatrian poliklinikalle tarvita. Työntekijät ovat saaneet koulutuksen ja säännöllisen konsultaation.""",
 "", "Mallin laajentaminen kaikille sote-asemille."))
r.append(R(B,4,"Joensuu","T","n","Päihdepalvelut","fi","terse","su sa",
 "Opioidikorvaushoidon arviointiin jono 5 kk. Asiakkaat käyttävät katukamaa odotusaikana.",
 "", ""))
r.append(R(B,5,"Kouvola","L","n","Lapsiperheiden kotipalvelu","fi","formal","cf sa",
 "Lapsiperheiden kotipalvelun myöntämisen kriteerejä on tiukennettu. Perheet, joissa vanhempi on uupunut mutta ei ole sairauslomalla, eivät enää saa kotipalvelua, ja tilanne ehtii kärjistyä ennen kuin tukea saadaan lastensuojelun kautta.",
 "", ""))
r.append(R(B,7,"Seinäjoki","I","n","Sairaalan sosiaalityö","fi","narrative","age sa int",
 """Ympärivuorokautisen palveluasumisen paikkaa odottavat ikääntyneet ovat joutuneet odottamaan sairaalan osastolla viikkoja. Kotiin heitä ei voi turvallisesti kotiuttaa, mutta osastolla he passivoituvat ja kunto heikkenee. Tieto vapautuvista paikoista ei kulje osastolle, ja sosiaalityöntekijä joutuu soittelemaan yksiköihin.""",
 '"Minä olen ollut täällä kohta kaksi kuukautta enkä tiedä, mihin minut viedään."',
 ""))
r.append(R(B,7,"Lahti","L","p","Jalkautuva sosiaaliohjaus","fi","colloquial","gp sa cf",
 "Kesällä oltiin sosiaaliohjaajien kanssa puistoissa ja uimarannalla kerran viikossa. Tosi moni perhe tuli juttelee, kysyttiin toimeentulotuesta, päivähoidosta, kaikesta. Osa ei ois ikinä soittanu mihinkään toimistolle.",
 "", "Sama juttu ensi kesänä ja talvella vaikka kauppakeskuksessa."))
r.append(R(B,8,"Hämeenlinna","V","n","Vammaispalvelut","fi","terse","dis sa lang",
 "Kuulovammaisten tulkkipalvelu: tulkkia ei saatu 3 sos.työn tapaamiseen, tilaus liian myöhään. Asiakas ei saa tietoa päätöksistä tasavertaisesti.",
 "", "Tulkkitarpeen merkintä asiakastietoihin ja tilaus ajanvarauksen yhteydessä."))
r.append(R(B,8,"Lahti","L","p","Ohjaamo","fi","narrative","cf gp int",
 """Ohjaamossa nuori saa samasta paikasta tukea opiskeluun, työnhakuun, asumiseen ja toimeentuloon. Elokuussa aloitettiin yhteistyö, jossa Kelan ja aikuissosiaalityön työntekijät ovat paikalla kerran viikossa. Nuoret ovat saaneet etuusasiat selvitettyä ilman, että heidän täytyy asioida monessa eri paikassa.""",
 '"Mä en tienny et näin voi saada kaiken hoidettua kerralla."',
 "Yhteisen päivän laajentaminen kahteen päivään viikossa."))
r.append(R(B,9,"Kuopio","M","n","Lähisuhdeväkivaltatyö","fi","formal","sa int",
 "Lähisuhdeväkivallan uhreja ei ole voitu ohjata turvakotiin lähialueelle, koska paikat ovat olleet täynnä. Uhreja on majoitettu hotelliin, jossa ei ole ollut tukea. Tieto uhreista kulkee poliisilta sosiaalityöhön viiveellä.",
 "", ""))
r.append(R(B,10,"Salo","T","n","Aikuissosiaalityö","fi","colloquial","mh sa",
 "Aikuisilla on tosi paljon ADHD-oireita, mut diagnoosiin ja neuropsykiatriseen valmennukseen ei pääse. Ne ei saa laskuja maksettua, ajat unohtuu, ja sit ollaan taas täällä.",
 '"Mä tiedän et mun aivot toimii eri tavalla, mut kukaan ei tutki sitä."',
 ""))
r.append(R(B,10,"Lahti","V","p","Vammaispalvelut, perheiden tuki","fi","quote","car dis gp",
 "Vammaisten lasten vanhemmille järjestetty vertaisilta kokoontui syksyllä kuukausittain. Vanhemmat vaihtoivat kokemuksia palvelujen hakemisesta ja jaksamisesta.",
 '"Ensimmäistä kertaa joku ymmärsi ilman että piti selittää."',
 "Vertaisillat vakituiseksi osaksi vammaispalveluja."))
r.append(R(B,11,"Kajaani","I","n","Ikääntyneiden palveluohjaus","fi","terse","age sa",
 "Palveluliikenne lakkautettu kylille, ikäihmiset eivät pääse kauppaan/pankkiin. Taksi liian kallis.",
 "", ""))
r.append(R(B,11,"Orimattila","L","p","Perhesosiaalityö","fi","formal","cf int gp",
 "Orimattilassa kokeiltu koulun ja perhesosiaalityön yhteinen huolipalaverimalli on tuonut tuen perheille aiemmin. Palaveriin osallistuvat perhe, opettaja, kuraattori ja perhesosiaalityöntekijä. Lastensuojeluilmoituksia on tehty vähemmän, koska huoli on voitu käsitellä yhdessä perheen kanssa.",
 "", ""))
r.append(R(B,12,"Lappeenranta","T","n","Aikuissosiaalityö","fi","quote","sa wf",
 "Sosiaalityöntekijöiden puhelinaika on tunti päivässä, ja linjat ovat ruuhkautuneet. Asiakkaat jättävät soittopyyntöjä, joihin ei ehditä vastata samana päivänä.",
 '"Mä jätin soittopyynnön maanantaina, nyt on torstai."',
 ""))
r.append(R(B,12,"Pori","T","p","Aikuissosiaalityö ja järjestöt","fi","narrative","inc gp",
 """Ruoka-avun jakamisen rinnalle aloitettu yhteisruokailu seurakuntatalolla on muuttanut ruoka-avun luonnetta. Jonottamisen sijaan ihmiset syövät yhdessä, ja paikalla on sosiaaliohjaaja, jolta voi kysyä etuuksista ja veloista. Yhteisruokailuun tulee myös niitä, jotka eivät häpeän vuoksi ole hakeneet apua.""",
 "", "Yhteisruokailumallin levittäminen muihin ruoka-avun pisteisiin."))
r.append(R(B,2,"Kouvola","T","e","Aikuissosiaalityö","fi","formal","mh",
 "Työikäisten asiakkaiden puheissa toistuu yksinäisyys ja sosiaalisten suhteiden puute, mutta ilmiön laajuudesta ja yhteydestä mielenterveyteen ei ole tietoa. Kirjaamiskäytännöt eivät tue yksinäisyyden tunnistamista.",
 "", ""))
r.append(R(B,6,"Mikkeli","M","e","Sosiaalityö","fi","terse","wf sa",
 "Etävastaanotot lisääntyneet. Vaikutus asiakassuhteeseen epäselvä, osa asiakkaista hyötyy, osa jää pois kokonaan.",
 "", ""))
save(B, r)
