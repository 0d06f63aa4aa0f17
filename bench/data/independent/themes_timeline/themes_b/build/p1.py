from common import *
B="p1"; r=[]; E="P1"
r.append(R(B,4,"Lahti","A","n","Asumisneuvonta, Lahti","fi","narrative","hou inc",
 """Asiakas oli löytänyt vuokra-asunnon Facebookin vuokra-asuntoryhmästä. Ilmoituksen jättäjä kertoi asuvansa ulkomailla ja lähettävänsä avaimet postitse, kun vuokravakuus ja ensimmäisen kuukauden vuokra on maksettu tilille. Asiakas maksoi yhteensä 1 650 euroa ja irtisanoi samalla vanhan asuntonsa. Avaimia ei tullut, eikä ilmoittajaa enää tavoiteta. Selvisi, että ilmoituksen kuvat oli kopioitu oikeasta myynti-ilmoituksesta. Asiakas on nyt ilman asuntoa ja rahaa, ja vanhaan asuntoon on jo tulossa uusi vuokralainen. Tällaista en ole aiemmin asumisneuvonnassa kohdannut.""",
 '"Hän vaikutti niin asialliselta, lähetti jopa kopion vuokrasopimuksesta."',
 "Selvitetään, onko vastaavia tapauksia muualla, ja lisätään asumisneuvonnan sivuille varoitus valeilmoituksista.", em=E))
r.append(R(B,5,"Hollola","T","n","Aikuissosiaalityö, Hollola","fi","terse","inc hou",
 "Asiakas maksanut vakuuden + vuokran netissä olleesta ilmoituksesta, asuntoa ei ollut olemassa. Rikosilmoitus tehty. Hakee tt:tä uuteen vakuuteen, Kela myöntänyt vakuuden jo aiemmin -> epäselvää voiko myöntää uudelleen.",
 "", "Ohje siitä, miten toimitaan kun vuokravakuus menetetään huijauksessa.", em=E))
r.append(R(B,5,"Vantaa","T","n","Immigrant services, housing counselling","en","formal","hou lang inc",
 "We have encountered recently arrived migrants who paid a 'reservation fee' and a deposit for apartments advertised in English on online marketplaces. The advertiser claims to be abroad and communicates only through messaging apps. The clients had no way of checking the landlord's identity and were unfamiliar with how renting normally works in Finland. After the payment the advertiser disappeared. The loss is often the family's entire savings.",
 '"In my country you always pay first, so I thought it was normal."',
 "Information in several languages about safe renting: never pay before seeing the apartment and signing a contract.", em=E))
r.append(R(B,6,"Heinola","L","n","Jälkihuolto","fi","colloquial","cf hou inc",
 "Jälkihuollon nuori maksoi MobilePaylla 900 e 'vuokranantajalle' joka löytyi Tori-ilmotuksesta. Kämppää ei ollu, numero ei enää vastaa. Nuorella meni kaikki säästöt mitä se oli kerännyt omaan asuntoon. Hävettää niin paljon et kertoi vasta viikon päästä.",
 '"Mä olin niin ylpee et mä löysin ite kämpän."',
 "Jälkihuollon nuorille asunnonhaun tuki ja tarkistuslista ennen maksua.", em=E))
r.append(R(B,6,"Porvoo","A","n","Boenderådgivning, Borgå","sv","list","hou inc",
 """Nytt fenomen i boenderådgivningen i juni:
- två klienter har betalat hyresgaranti för bostäder som inte finns
- annonserna på sociala medier, bilderna kopierade från riktiga bostadsannonser
- "hyresvärden" bor utomlands och skickar nycklarna per post
- klienterna har sagt upp sin tidigare bostad och står utan hem""",
 "", "Varna på välfärdsområdets webbplats och samarbeta med polisen.", em=E))
r.append(R(B,6,"Lahti","T","n","Talous- ja velkaneuvonta","fi","formal","inc hou",
 "Talous- ja velkaneuvontaan on kesäkuussa ohjautunut asiakkaita, jotka ovat ottaneet kulutusluoton tai pikavipin maksaakseen vuokravakuuden ja ennakkovuokran verkossa ilmoitetusta vuokra-asunnosta, jota ei ole ollut olemassa. Asiakkaille jää sekä menetetty raha että velka korkoineen. Pankit eivät ole palauttaneet tilisiirtoja, koska asiakas on itse hyväksynyt maksun.",
 "", "Ehdotetaan yhteistä tiedottamista hyvinvointialueen, poliisin ja vuokranantajajärjestöjen kanssa sekä velkaneuvonnan nopeaa ohjausta uhreille.", em=E))
r.append(R(B,7,"Orimattila","L","n","Sosiaalipäivystys","fi","quote","hou cf int",
 "Lapsiperhe saapui muuttokuorman kanssa sovittuun osoitteeseen, mutta asunnossa asui jo toinen vuokralainen, joka ei tiennyt asiasta mitään. Perhe oli maksanut vakuuden ja kahden kuukauden vuokran ilmoittajalle, joka oli esittänyt olevansa omistaja. Järjestettiin hätämajoitus ja yhteys poliisiin.",
 '"Meillä on koko omaisuus peräkärryssä ja kolme lasta autossa. Minne me nyt mennään?"',
 "Päivystykseen ohje ja yhteyshenkilö poliisissa näitä tilanteita varten.", em=E))
r.append(R(B,7,"Tampere","M","n","Student welfare, higher education","en","narrative","hou lang inc",
 """Before the autumn term, several international degree students contacted student services after losing money to fake sublet offers. The offers were posted in housing groups for students and looked convincing: photos, an address near campus and a rental agreement template. The students were asked to pay the deposit and the first month's rent before arriving in Finland. When they arrived, the address belonged to someone else. Some are now staying with friends or in hostels and cannot afford a new deposit, and they do not know that they could ask for help from social services.""",
 "", "Warnings in the admission information for international students and a contact point for victims.", em=E))
r[-1]["target_group"]="työikäiset"
r.append(R(B,7,"Koko Päijät-Häme","T","n","Toimeentulotuen etuuskäsittely (täydentävä ja ehkäisevä)","fi","formal","inc hou int",
 "Ehkäisevän toimeentulotuen hakemuksissa on touko–heinäkuussa ollut useita tapauksia, joissa hakija on menettänyt vuokravakuuden ja ennakkovuokran verkossa julkaistun valeilmoituksen kautta. Hakijat tarvitsevat uuden vuokravakuuden, mutta Kela on voinut jo aiemmin myöntää maksusitoumuksen. Yhtenäistä linjausta uuden tuen myöntämisestä ei ole, eikä tieto näistä tapauksista kulje Kelan, hyvinvointialueen ja poliisin välillä.",
 "", "Linjaus ehkäisevän toimeentulotuen myöntämisestä huijaustilanteissa ja ilmiön tilastoiminen.", em=E))
r.append(R(B,8,"Vaasa","T","n","Vuxensocialarbete, Vasa","sv","narrative","hou inc lang",
 """Under sommaren har vi träffat flera klienter som blivit lurade av falska hyresannonser. Den senaste var en ensamstående mamma som hittat en billig trea i en Facebookgrupp. Annonsören skrev på svenska och engelska, skickade ett hyreskontrakt och bad om hyresgaranti och första månadens hyra via banköverföring. Bostaden visade sig vara uthyrd till en annan familj. Hon har nu skuld till sin bror och ansöker om utkomststöd för en ny garanti.""",
 '"Jag kollade till och med att adressen fanns på kartan."',
 "Informationskampanj om falska hyresannonser och snabb hjälp med ny hyresgaranti.", em=E))
r.append(R(B,8,"Lahti","A","n","Asunnottomien palvelut, ensisuoja","fi","terse","hou",
 "Ensisuojassa elokuussa 3 asiakasta, jotka menettäneet rahat vale-vuokrailmoitukseen ja luopuneet edellisestä asunnosta. Ei aiempaa asunnottomuustaustaa. Uusi ryhmä asiakkaita.",
 "", "Tilapäisasumisen nopea järjestely ja ohjaus asumisneuvontaan.", em=E))
r.append(R(B,8,"Asikkala","I","n","Sosiaaliohjaus, ikääntyneet","fi","colloquial","age hou inc",
 "Eläkeläisrouva oli muuttamassa lähemmäs tytärtä Lahteen ja löysi netistä rivitalokaksion. Maksoi vakuuden ja vuokran 'omistajalle' joka ei sit vastannu enää. Rouva oli jo myyny huonekaluja pois. Tytär soitti meille kun ei tienny mitä tehdä.",
 '"Mä en ikinä kuvitellu et mulle voi käydä näin."',
 "Ikääntyneiden digituen ryhmissä puhuttava myös vuokrahuijauksista.", em=E))
save(B, r)
