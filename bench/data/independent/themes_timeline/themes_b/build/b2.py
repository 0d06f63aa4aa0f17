from common import *
B="b2"; r=[]
r.append(R(B,4,"Lahti","L","n","Nuorten sosiaalityö / jälkihuolto","fi","narrative","cf hou inc",
 """Jälkihuollossa olevien nuorten ensimmäinen oma asunto kaatuu usein muutaman kuukauden sisällä. Nuori saa vuokrasopimuksen, mutta laskujen maksaminen, ruuanlaitto ja vuorokausirytmi eivät ole hallussa. Kaverit alkavat viettää aikaa asunnossa ja naapurit valittavat. Jälkihuollon sosiaalityöntekijällä on noin 40 nuorta, joten viikoittainen tuki kotona ei ole mahdollista.""",
 '"Mä luulin et omassa kämpässä on helpompaa."',
 "Asumisvalmennus tukiasunnossa ennen omaa vuokrasopimusta ja nuoren oma tukihenkilö."))
r.append(R(B,4,"Hollola","I","n","Muistikoordinaattori","fi","terse","age car sa",
 "Muistisairausdiagnoosin jälkeen ei ohjausta eteenpäin, omaiset löytävät palvelut itse. Muistihoitajan jono 3 kk.",
 "", ""))
r.append(R(B,4,"Orimattila","T","n","Aikuissosiaalityö","fi","colloquial","mh inc",
 "Moni työtön kolmekymppinen mies istuu kotona eikä käy missään. Masennusta ne ei itse sano mut kyl sen näkee. Työkkäristä tulee vaan lappuja.",
 '"Mitä mä siellä jossain ryhmässä tekisin, ei se mua työllistä."',
 "Miesten matalan kynnyksen ryhmä, jossa toiminta edellä (esim. korjaustyöpaja)."))
r.append(R(B,4,"Koko Päijät-Häme","M","n","Sosiaalityön esihenkilöt","fi","formal","wf",
 "Sosiaalityöntekijöiden rekrytoinnissa on edelleen haasteita. Kevään aikana avoimiin tehtäviin on saatu vain vähän pätevyysvaatimukset täyttäviä hakijoita, ja tehtäviä on täytetty sijaisina toimivilla sosionomeilla. Tämä lisää kokeneiden työntekijöiden ohjausvastuuta.",
 "", "Työnohjauksen ja mentoroinnin vakiinnuttaminen sekä palkkauksen tarkastelu suhteessa naapurialueisiin."))
r.append(R(B,4,"Lahti","V","p","Vammaispalvelut, palveluohjaus","fi","narrative","dis gp int",
 """Vammaispalvelujen ja TE-/työllisyyspalvelujen yhteinen tuetun työllistymisen malli on tuottanut tuloksia. Työhönvalmentaja kulkee asiakkaan mukana työpaikalle ensimmäisinä viikkoina ja sopii työnantajan kanssa tarvittavista mukautuksista. Keväällä kolme kehitysvammaista nuorta aikuista sai palkkatyösopimuksen.""",
 '"Nyt mä saan palkkaa ihan niinku muutkin."',
 "Mallin vakiinnuttaminen ja työhönvalmentajien lisääminen."))
r[-1]["themes"]="disability;good_practice;income_employment"
r.append(R(B,4,"Vantaa","T","n","Maahanmuuttajapalvelut","fi","list","lang inc",
 """Kotoutumisajan päättyneiden asiakkaiden havaintoja:
- suomen kielen taso ei riitä työhakemukseen
- kielikursseja ei ole iltaisin työssäkäyville
- Kelan kirjeitä ei ymmärretä, eräpäivät menevät ohi""",
 "", "Selkokieliset ja monikieliset ohjeet sekä asiointiapu kirjastoissa."))
r.append(R(B,5,"Heinola","L","n","Perheneuvola","fi","formal","cf mh sa",
 "Perheneuvolan jonotilanne on pidentynyt yli kolmeen kuukauteen. Erotilanteiden vanhemmuuden tuen tarve on kasvanut, ja osa perheistä on ohjautunut suoraan lastensuojeluun, koska varhaisempaa tukea ei ole ollut saatavilla.",
 "", "Eroperheiden ryhmämuotoinen tuki (esim. Ero lapsiperheessä -ryhmät) ja chat-neuvonta."))
r.append(R(B,5,"Asikkala","I","n","Kotihoito","fi","quote","age mh",
 "Yksinäisyys on yleisin asia, josta asiakkaat puhuvat käynneillä. Käynti kestää 15 minuuttia eikä keskustelulle jää aikaa.",
 '"Sinä olet ainoa ihminen, jonka näen koko päivänä."',
 "Vapaaehtoisten ystäväpalvelun ja kotihoidon yhteistyö, ystävä voisi tulla samana päivänä."))
r.append(R(B,5,"Lahti","T","n","Päihdepoliklinikka","fi","terse","su mh int",
 "Kaksoisdiagnoosiasiakkaat pompotellaan: mt-puoli vaatii raittiutta, päihdepuoli ohjaa psykiatrialle. Kukaan ei ota kokonaisvastuuta.",
 "", "Yhteinen vastaanotto/tiimi kaksoisdiagnoosiasiakkaille."))
r.append(R(B,5,"Sysmä","O","n","Omaishoidon ohjaus","fi","narrative","car age sa",
 """Kesän lähestyessä omaishoitajat ovat huolissaan lyhytaikaishoidon paikoista. Viime kesänä osa jaksoista peruttiin henkilöstöpulan vuoksi, ja omaishoitajat jäivät ilman vapaita. Useampi omaishoitaja on sanonut, että jos näin käy uudelleen, he eivät jaksa. Samalla palvelusetelin arvo ei riitä yksityiseen hoitopaikkaan ilman suurta omavastuuta.""",
 "", "Kesäajan lyhytaikaishoidon paikat varataan etukäteen ja palvelusetelin arvo tarkistetaan."))
r.append(R(B,5,"Padasjoki","M","n","Sosiaalipalvelujen neuvonta","fi","colloquial","sa age",
 "Padasjoella ei oo enää sote-asemalla sosiaalityöntekijää kuin kerran viikossa. Vanhat ihmiset ei lähde Lahteen asti, ja etävastaanotto ei onnistu kun ei oo laitteita.",
 "", "Jalkautuva sosiaaliohjaaja kirjastoon tai kauppaan kerran viikossa."))
r.append(R(B,5,"Kuopio","V","n","Vammaissosiaalityö","fi","formal","dis int",
 "Uuden vammaispalvelulain voimaantulon jälkeen asiakkaat ja omaiset ovat epävarmoja palvelujen jatkuvuudesta. Päätösten perusteluissa ja palvelujen nimissä tapahtuneet muutokset ovat aiheuttaneet yhteydenottoja ja valituksia.",
 '"Saanko edelleen saman avun vai pitääkö hakea kaikki uudestaan?"',
 "Asiakkaille selkokielinen tiedote lakimuutoksen vaikutuksista ja palveluohjaajan yhteystiedot."))
r.append(R(B,5,"Hollola","A","n","Asumisneuvonta","fi","terse","hou age",
 "Ikääntyneitä asukkaita 2. kerroksessa ilman hissiä, eivät pääse ulos. Vaihtoa esteettömään odotetaan yli vuoden.",
 "", ""))
r.append(R(B,6,"Lahti","L","n","Etsivä nuorisotyö","fi","colloquial","cf inc mh",
 "Kesällä moni nuori jää tyhjän päälle kun koulu loppuu eikä kesätöitä löydy. Ne jotka ei saanu opiskelupaikkaa yhteishausta ei uskalla soittaa kenellekään. Me löydetään niitä somesta ja skeittiparkilta.",
 '"Mä oon vaan kotona. Ei kukaan kysy mitään."',
 "Kesäajan matalan kynnyksen ohjaus ja kesätyöseteli myös sosiaalisin perustein."))
r.append(R(B,6,"Iitti","I","n","Sosiaaliohjaus","fi","formal","age inc",
 "Pienituloisten ikääntyneiden lääke- ja asiakasmaksut kasautuvat. Asiakasmaksujen alentamisesta tai perimättä jättämisestä ei ole tiedotettu riittävästi, eikä moni hae sitä.",
 "", "Asiakasmaksujen kohtuullistamisesta tiedotetaan laskun yhteydessä."))
r.append(R(B,6,"Heinola","T","p","Sosiaalinen kuntoutus","fi","narrative","gp mh inc",
 """Heinolassa aloitettu luontopohjainen sosiaalisen kuntoutuksen ryhmä on kokoontunut koko kevään. Ryhmässä on ollut pitkään työttömänä olleita aikuisia, joista osa ei ollut lähtenyt kotoa juuri lainkaan. Metsäretket, nuotiolla ruuanlaitto ja yhteinen suunnittelu ovat madaltaneet kynnystä. Kesäkuussa kaksi osallistujaa aloitti kuntouttavassa työtoiminnassa ja yksi hakeutui ammatilliseen koulutukseen.""",
 '"Ensimmäistä kertaa vuosiin mä odotin jotain."',
 "Ryhmä jatkuvaksi toiminnaksi ja mallin kuvaaminen Innokylään."))
r.append(R(B,6,"Kärkölä","V","n","Vammaispalvelut","fi","terse","dis car",
 "Vammaisten lasten vanhemmat uupuneita, tilapäishoitoa ei kesällä. Kaksi perhettä pyytänyt kiireellistä apua.",
 "", "Kesäleiri- ja tilapäishoitopaikat ostopalveluna."))
r.append(R(B,6,"Rovaniemi","T","n","Aikuissosiaalityö","fi","list","inc sa int",
 """Kesäkuun havainnot:
* toimeentulotuen päätöksistä tehty enemmän oikaisuvaatimuksia
* Kelan perusosa ja hyvinvointialueen täydentävä tuki eivät keskustele keskenään
* asiakkaat eivät tiedä kumpaan hakea
* vuokranmaksu myöhästyy""",
 "", "Kelan ja hyvinvointialueen yhteinen asiointipiste tai ohjeistus."))
r.append(R(B,6,"Lahti","M","n","Sosiaalityö, tiimi","fi","quote","wf",
 "Tiimissä kolme pitkää sairauslomaa, uusia työntekijöitä ei ole perehdytetty. Kehittämishankkeita tulee lisää ilman resursseja.",
 '"Meille tuodaan uusi projekti joka kuukausi, mutta kukaan ei kysy ehditäänkö."',
 "Hankkeiden ja kehittämistyön priorisointi esihenkilötasolla."))
r.append(R(B,6,"Orimattila","L","n","Koulukuraattori","fi","terse","cf su",
 "Nuuskaa ja nikotiinipusseja myyty koulun pihalla, 7.-luokkalaisia mukana. Vanhemmat ei tiedä.",
 "", "Vanhempainilta yhdessä poliisin ja nuorisotyön kanssa."))
save(B, r)
