from common import *
B="b4"; r=[]
r.append(R(B,10,"Lahti","T","n","Aikuissosiaalityö","fi","formal","inc sa",
 "Asiakkaiden yhteydenotoissa korostuu, että perusturvaetuuksiin tehdyt leikkaukset ovat lisänneet täydentävän ja ehkäisevän toimeentulotuen hakemuksia. Käsittelyajat ovat pidentyneet lakisääteisen seitsemän arkipäivän yli.",
 "", "Lisähenkilöstöä etuuskäsittelyyn ja sähköisen hakemuksen esitäyttö."))
r.append(R(B,10,"Sysmä","I","n","Kotihoito, Sysmä","fi","terse","age wf",
 "Sysmän kotihoidossa 2 vakanssia auki yli puoli vuotta. Ajokilometrejä 200/päivä/hoitaja.",
 "", "Autoetu ja matka-ajan huomioiminen työvuoroissa."))
r.append(R(B,10,"Hollola","L","n","Perhesosiaalityö","fi","narrative","cf inc hou",
 """Syksyn aikana useampi lapsiperhe on hakenut apua sähkö- ja lämmityskulujen takia. Omakotitalossa asuvat perheet, joiden tulot ovat pudonneet työttömyyden vuoksi, eivät saa talon kuluihin tukea, koska asumismenoiksi hyväksytään vain osa. Vanhemmat häpeävät hakea apua, ja yhteydenotto tulee vasta kun sähkökatkaisu on uhkaamassa.""",
 '"Me ei olla ikinä ennen tarvittu mitään apua."',
 "Energianeuvonta ja maksusuunnitelmat energiayhtiöiden kanssa."))
r.append(R(B,10,"Heinola","A","e","Asumispalvelut","fi","formal","hou age",
 "Ikääntyneiden yhteisöllisen asumisen paikkoja on avattu, mutta osa asunnoista on tyhjillään. Syy on epäselvä: mahdollisesti hinta, sijainti tai tiedon puute.",
 "", "Selvitys asiakkaiden kokemuksista ja hinnoittelusta."))
r.append(R(B,10,"Lahti","M","n","Sosiaalityö, kehittäjätiimi","fi","colloquial","wf",
 "Kaikki puhuu tekoälystä kirjaamisessa mutta kukaan ei oo kertonu meille mitä saa käyttää ja mitä ei. Osa käyttää omia sovelluksia ja se on riski.",
 "", "Selkeä ohjeistus tekoälytyökalujen käytöstä ja koulutus."))
r.append(R(B,10,"Koko Päijät-Häme","L","n","Lastensuojelun sijaishuolto","fi","terse","cf sa",
 "Sijaisperheitä liian vähän, lapsia sijoitetaan laitoksiin toisille paikkakunnille. Sisarussijoitukset hajoaa.",
 "", "Sijaisperheiden rekrytointikampanja ja perhehoitajien tuen parantaminen."))
r.append(R(B,11,"Orimattila","T","n","Päihdetyö","fi","narrative","su mh sa",
 """Opioidikorvaushoidossa olevien asiakkaiden määrä kasvaa, mutta hoitoon pääsy Orimattilasta edellyttää päivittäisiä käyntejä Lahdessa. Jos asiakkaalla ei ole autoa tai rahaa bussilippuun, hoito keskeytyy. Osa on palannut katukauppaan, koska se on lähempänä. Asiakkaat ovat kertoneet, että lääkkeen kotiannosten saaminen vie vuosia.""",
 "", "Lähiapteekkien kautta annettava korvaushoitolääke ja etävastaanotot."))
r.append(R(B,11,"Iitti","O","n","Omaishoito","fi","colloquial","car mh",
 "Omaishoitajat on ihan loppu, moni sanoo et ei oo nukkunu kunnolla vuosiin. Yks itki koko käynnin ajan. Mut ei ne halua hoitokotiin puolisoo.",
 '"Mä lupasin sille et ei koskaan laitoshoitoon."',
 "Omaishoitajien terveystarkastukset ja kriisiapu."))
r.append(R(B,11,"Lahti","L","p","Nuorisoasema","fi","narrative","cf gp su",
 """Nuorisoasema on aloittanut iltavastaanoton, jonne nuori voi tulla ilman ajanvarausta. Vastaanotolla on yhtä aikaa päihdetyöntekijä ja nuorisotyöntekijä. Ensimmäisen kuukauden aikana vastaanotolla kävi yli 30 nuorta, joista suurin osa ei ollut aiemmin minkään palvelun asiakkaana. Nuoret ovat kertoneet, että ajanvaraus kynnyksenä tuntuu liian isolta.""",
 '"Täällä ei kysytä ensimmäisenä henkkareita."',
 "Iltavastaanotto pysyväksi ja sama malli Heinolaan."))
r.append(R(B,11,"Asikkala","I","n","Sosiaaliohjaus","fi","quote","age sa",
 "Digitaalisia palveluja tarjotaan ensisijaisena, ikääntyneet eivät osaa. Kirjaston digituki on vain kerran kuukaudessa.",
 '"Tyttären pitää tulla Helsingistä asti tekemään hakemus koneella."',
 "Puhelimitse ja paperilla hakeminen pidettävä mahdollisena."))
r.append(R(B,11,"Espoo","V","n","Vammaispalvelut","fi","list","dis inc sa",
 """Vammaisten henkilöiden taloudellinen tilanne:
- asiakasmaksut ja apuvälineiden omavastuut kasvaneet
- työkyvyttömyyseläke ei riitä kohtuulliseen elämään
- palveluasumisen vuokrat nousseet
- harrastukset jäävät""",
 "", ""))
r.append(R(B,11,"Kärkölä","M","n","Sosiaalityö","fi","terse","int",
 "Poliisin ja sosiaalityön yhteistyö toimii vain arkisin. Viikonloppuisin lähisuhdeväkivaltatilanteissa ei saada sosiaalityöntekijää paikalle.",
 "", "Sosiaalipäivystyksen ja poliisin yhteinen toimintamalli (Ankkuri)."))
r.append(R(B,12,"Lahti","A","n","Asumisneuvonta","fi","formal","hou inc int",
 "Vuoden lopussa häätöjen määrä on lisääntynyt erityisesti yksityisillä vuokranantajilla. Tieto häätöuhasta tulee asumisneuvontaan usein vasta ulosottoviranomaisen kautta, jolloin ratkaisuja on vähemmän.",
 "", "Ulosottoviraston ja asumisneuvonnan tiedonvaihtoa varhaisemmassa vaiheessa."))
r.append(R(B,12,"Heinola","L","n","Koulukuraattori","fi","colloquial","cf mh",
 "Joulun alla moni oppilas sanoo et kotona on huono olla lomalla. Riitoja, alkoholia. Ne haluais olla koulussa.",
 '"Mä en tykkää lomista, kotona ei oo mitään."',
 "Loma-ajan toimintaa nuorisotiloissa ja kuraattorin tavoitettavuus loman alussa."))
r[-1]["themes"]="children_families;mental_health;substance_use"
r.append(R(B,12,"Hollola","T","n","Aikuissosiaalityö","fi","terse","inc wf",
 "Joulukuun ruoka-apujonot pidempiä kuin koskaan. Seurakunta pyytää sosiaalityöltä lähetteitä, ei resursseja.",
 "", ""))
r.append(R(B,12,"Lahti","I","p","Palvelukeskus","fi","narrative","age gp int",
 """Palvelukeskuksessa kokeiltu kuntoutus- ja sosiaaliohjauksen yhteinen vastaanotto on toiminut hyvin. Ikääntynyt saa samalla käynnillä fysioterapeutin arvion ja sosiaaliohjaajan apua esimerkiksi asumisen muutostöiden ja tukien hakemiseen. Vastaanoton jälkeen tieto kirjataan yhteisesti, joten asiakkaan ei tarvitse kertoa asiaansa moneen kertaan.""",
 '"Kerrankin sain kaiken hoidettua yhdellä reissulla."',
 "Yhteisvastaanotto muihin palvelukeskuksiin."))
r.append(R(B,12,"Oulu","L","n","Lastensuojelu","fi","formal","cf int",
 "Lastensuojelun ja aikuisten mielenterveys- ja päihdepalvelujen välillä tieto vanhemman hoidon etenemisestä ei siirry. Lapsen sijoituksen purkamisen arviointi viivästyy, koska hoitotahon arviota ei saada.",
 "", "Vanhemman hoitotahon osallistuminen asiakassuunnitelmaneuvotteluun."))
save(B, r)
