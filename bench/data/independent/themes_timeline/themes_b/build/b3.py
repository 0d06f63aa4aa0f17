from common import *
B="b3"; r=[]
r.append(R(B,7,"Lahti","M","n","Sosiaalipäivystys","fi","terse","wf sa",
 "Heinäkuu: päivystys 2 työntekijällä koko alueelle. Kiireellisiä sijoituksia 4 viikossa. Ei ehdi kirjata vuoron aikana.",
 "", "Kesälomien porrastus niin, ettei päivystys jää minimiin."))
r.append(R(B,7,"Hollola","I","n","Kotihoito","fi","narrative","age wf",
 """Kesäsijaisina on kotihoidossa paljon hoiva-avustajia ja opiskelijoita, joilla ei ole lääkeluvat voimassa. Tämä tarkoittaa, että vakituisten hoitajien pitää kiertää lääkkeenannon takia useampaan kotiin, ja kokonaiset reitit muuttuvat. Asiakkaat ovat hämmentyneitä, kun eri ihmiset tekevät eri asioita. Helleviikolla juomisesta huolehtiminen jäi joillakin asiakkailla vähäiseksi.""",
 "", "Kesäsijaisten perehdytys ja lääkehoidon näytöt jo toukokuussa."))
r.append(R(B,7,"Asikkala","L","n","Perhetyö","fi","colloquial","cf inc",
 "Kesälomalla lapsiperheillä ei oo rahaa mihinkään, kun kouluruoka loppuu. Vanhemmat sanoo et jääkaappi on tyhjä jo puolivälissä kuuta. Lapset ei pääse mihinkään leireille kun maksaa.",
 '"Lapset kysyy miks me ei koskaan mennä minnekään."',
 "Kesäruokailu ja maksuttomat kesäleirit vähävaraisille perheille."))
r.append(R(B,7,"Porvoo","T","n","Aikuissosiaalityö","fi","formal","inc hou",
 "Yksin asuvien pienituloisten vuokrat ovat nousseet suhteessa asumistukeen. Useampi asiakas käyttää yli puolet tuloistaan asumiseen, mikä lisää toimeentulotuen tarvetta ja vuokravelkoja.",
 "", "Kohtuuhintaisten vuokra-asuntojen tarjonnan lisääminen kunnan asuntopolitiikassa."))
r.append(R(B,7,"Lahti","A","n","Asunnottomien palvelut","fi","quote","hou su mh",
 "Ensisuojassa enemmän nuoria aikuisia, joilla taustalla lastensuojelu ja päihteet. Osa ei suostu menemään asuntolaan vanhempien asiakkaiden takia.",
 '"En mä mene sinne, siellä on niitä jotka käyttää kaikkea."',
 "Nuorille aikuisille erillinen asumisyksikkö Housing First -periaatteella."))
r.append(R(B,8,"Heinola","L","n","Lastensuojelu","fi","list","cf int",
 """Koulun alkaessa:
- ilmoituksia koulusta tulee kerralla paljon
- ilmoitukset eivät sisällä tarpeeksi tietoa
- koulu ei tiedä, mitä ilmoituksen jälkeen tapahtuu
- lastensuojelu ei ehdi palata kouluun""",
 "", "Ilmoituksen tekijälle automaattinen palaute ja koulun yhteyshenkilö lastensuojeluun."))
r.append(R(B,8,"Hartola","T","n","Sosiaaliohjaus","fi","terse","sa inc",
 "Hartolasta ei julkista liikennettä Lahteen sopiviin aikoihin. Kuntouttavaan työtoimintaan ei pääse. Matkakorvaus ei kata taksia.",
 "", ""))
r.append(R(B,8,"Lahti","V","n","Vammaispalvelut, asumisyksikkö","fi","formal","dis wf",
 "Vaativan erityisen tuen asumisyksikössä henkilöstön vaihtuvuus on lisääntynyt. Asukkaiden haastava käyttäytyminen on lisääntynyt tilanteissa, joissa tuttu työntekijä vaihtuu, ja henkilöstöön kohdistuneita uhkatilanteita on kirjattu aiempaa enemmän.",
 "", "Henkilöstön koulutus rajoitustoimenpiteiden vähentämiseen ja vakituisten työntekijöiden pysyvyyden tukeminen."))
r.append(R(B,8,"Orimattila","O","p","Omaishoidon tuki","fi","narrative","car gp",
 """Omaishoitajien valmennus on uudistettu niin, että se järjestetään kahtena iltana ja osallistuminen on mahdollista myös etänä. Samaan aikaan hoidettavalle järjestetään päivätoimintaa. Palaute on ollut hyvää: omaishoitajat ovat kokeneet, että he saivat tietoa oikeuksistaan ja tapasivat samassa tilanteessa olevia. Ryhmästä on syntynyt WhatsApp-ryhmä, jossa vinkataan toisille.""",
 '"Olisin tarvinnut tämän jo kolme vuotta sitten."',
 "Valmennus kaikille uusille omaishoitajille heti sopimuksen alussa."))
r.append(R(B,8,"Tampere","T","n","Sosiaalityö, terveyssosiaalityö","fi","narrative","int mh inc",
 """Pitkään sairauslomalla olleet työikäiset putoavat väliin, kun sairauspäiväraha päättyy. Työterveyshuolto on lopettanut asiakkuuden, perusterveydenhuolto ei ole vielä aloittanut, ja kuntoutustukea ei ole myönnetty. Asiakas on ilman tuloja ja hoitoa, vaikka sairaus jatkuu.""",
 '"Minulle sanottiin, että olen liian terve eläkkeelle ja liian sairas töihin."',
 "Yhteinen verkostopalaveri ennen päivärahan 300 päivän täyttymistä."))
r.append(R(B,8,"Padasjoki","I","n","Kotihoito","fi","colloquial","age sa",
 "Turvapuhelimen asennusta saa odottaa kuukauden. Yks mummo kaatui ja makasi lattialla koko yön kun ei ollu vielä rannaketta.",
 "", "Turvapuhelinten nopea asennus kotiutuksen yhteydessä."))
r.append(R(B,9,"Lahti","L","n","Koulupsykologi","fi","formal","cf mh sa",
 "Lukuvuoden alussa koulupsykologin vastaanotolle on ohjattu erityisesti itsetuhoisia ja syömishäiriöoireisia oppilaita. Jatkohoitoon ohjautuminen erikoissairaanhoitoon on hidasta, ja koulupsykologi joutuu hoitamaan tilanteita, jotka vaatisivat hoitosuhteen.",
 "", "Koulun ja nuorisopsykiatrian välinen konsultaatiopuhelin."))
r.append(R(B,9,"Hollola","T","n","Aikuissosiaalityö","fi","terse","inc su",
 "Rahapeliongelmaa enemmän työikäisillä miehillä. Velat 20-50 t€. Eivät kerro ennen kuin ulosotto alkaa.",
 "", "Peliongelmien puheeksiotto osaksi talousneuvontaa."))
r[-1]["decoy"]="P2"
r.append(R(B,9,"Kärkölä","A","n","Asumisneuvonta","fi","quote","hou age car",
 "Omaishoitaja joutuu muuttamaan puolison kanssa pienempään, koska talon kunnossapito ei onnistu. Esteetöntä vuokra-asuntoa ei löydy läheltä.",
 '"Tässä talossa on koko meidän elämä, mutta en jaksa enää lapioida lunta."',
 ""))
r.append(R(B,9,"Heinola","M","n","Sosiaalityö","fi","colloquial","wf int",
 "Hyvinvointialueen organisaatiomuutos sekotti kaikki yhteystiedot. Kukaan ei tiedä kuka on kenenkin esihenkilö ja mihin konsultaatiot ohjataan.",
 "", "Ajantasainen yhteystietoluettelo ja palvelukartta intranetiin."))
r.append(R(B,9,"Jyväskylä","V","p","Vammaisneuvosto / osallisuustyö","fi","narrative","dis gp lang",
 """Vammaisneuvoston aloitteesta palvelujen hakulomakkeet on uudistettu selkokielisiksi ja niihin on lisätty kuvallinen tuki. Lomakkeet testattiin yhdessä kehitysvammaisten ja afasiaa sairastavien henkilöiden kanssa. Käyttäjien mukaan hakeminen onnistuu nyt useammin itsenäisesti tai vähäisellä avulla.""",
 "", "Selkokieliset lomakkeet kaikkiin sosiaalipalveluihin."))
r.append(R(B,9,"Lahti","T","n","Työllisyyspalvelut","fi","list","inc lang",
 """Havainnot syyskuu:
1. maahan muuttaneilla naisilla pitkät työttömyysjaksot
2. lastenhoidon järjestyminen estää kurssille osallistumisen
3. kurssit vain suomeksi, ei tukikieltä""",
 "", "Kielikurssit lastenhoidolla ja tukikielellä."))
save(B, r)
