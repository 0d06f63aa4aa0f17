from common import *
B="p3"; r=[]; E="P3"
r.append(R(B,9,"Lahti","I","n","Kotihoito, Lahti keskusta","fi","terse","age int",
 "Syyskuussa 2 asiakkaalla lääkeautomaatti ei antanut hälytystä ottamatta jääneestä annoksesta. Kotihoito huomasi vasta seur. käynnillä, annokset jääneet kasetissa. Laitetoimittajan tuki: 'yhteysongelma'. Ei tietoa onko muilla.",
 "", "Laitteiden hälytysten testaus ja tieto kaikille tiimeille.", em=E))
r.append(R(B,10,"Hollola","I","n","Kotihoidon tiimi, Hollola","fi","colloquial","age wf",
 "Noi lääkerobotit on sekoillu nyt lokakuussa ihan kunnolla. Yks antoi aamun lääkkeet vasta iltapäivällä ja toinen ei antanu ollenkaan kun yhteys katkes. Me sit ajetaan ylimääräsiä käyntejä että kaikki saa lääkkeensä ja muut käynnit venyy. Kukaan ei oo kertonu mistä tää johtuu.",
 '"Kone piippas koko yön, enkä tiennyt mitä pitäisi tehdä."',
 "Selvitys laitteiden häiriöistä ja ohje hoitajille ja asiakkaille.", em=E))
r.append(R(B,10,"Porvoo","I","n","Hemvården, Borgå","sv","formal","age int lang",
 "Under oktober har hemvården konstaterat flera fel i de automatiska läkemedelsdispenserna hos äldre klienter. Larm om uteblivna doser når inte hemvården, och apparaterna ger talade påminnelser endast på finska. Klienterna har därför inte förstått varför apparaten larmar. Leverantörens kundtjänst svarar bara vardagar.",
 "", "Svenskspråkiga påminnelser och larm som alltid går till hemvårdens mobil.", em=E))
r.append(R(B,11,"Heinola","I","n","Kotihoidon esihenkilö","fi","formal","age wf int",
 "Lääkeannosteluautomaattien toimintahäiriöiden vuoksi Heinolan kotihoidossa on marraskuun aikana tehty arviolta 60 ylimääräistä käyntiä. Häiriöt ilmenevät hälytysten puuttumisena, annosten viivästymisenä ja laitteen jumiutumisena annoskasetin vaihdon jälkeen. Tieto häiriöistä kulkee laitetoimittajalta vain satunnaisesti, eikä apteekin annosjakelu ole tietoinen viivästyksistä.",
 "", "Toimittajan kanssa sovittava häiriöilmoitusmenettely ja vastuuhenkilö hyvinvointialueelle.", em=E))
r.append(R(B,11,"Asikkala","O","n","Omaishoidon tuki","fi","quote","car age",
 "Omainen otti yhteyttä, koska muistisairaan äidin lääkeautomaatti oli jumittunut ja äiti oli ottanut lääkkeet kotona olevasta vanhasta dosetista. Illalla laite toimi taas ja antoi saman annoksen uudelleen, jolloin äiti otti lääkkeet kahteen kertaan.",
 '"Luotimme siihen, että kone on turvallisempi kuin minä. Nyt en uskalla lähteä kotoa."',
 "Omaisille ohje, mitä tehdä kun laite ei toimi, ja päivystävä numero.", em=E))
r.append(R(B,11,"Lahti","I","n","Sairaalan sosiaalityö / kotiutustiimi","fi","narrative","age int sa",
 """Kotiutustiimissä on marraskuussa ollut kolme asiakasta, jotka ovat joutuneet sairaalaan, kun kotona olevan lääkeautomaatin annokset ovat jääneet saamatta useamman päivän ajan. Yksi Parkinsonin tautia sairastava asiakas kaatui kotonaan, kun lääkitys oli jäänyt väliin. Kotiutusvaiheessa emme voi varmistaa, toimiiko laite, eikä kotihoidolla ole ollut resursseja tehdä korvaavia käyntejä. Osalle asiakkaista on palautettu dosetti ja hoitajan käynnit, mikä on lisännyt kotihoidon kuormaa.""",
 "", "Kotiutuksessa tarkistetaan laitteen toiminta ja sovitaan varajärjestely.", em=E))
r.append(R(B,11,"Tampere","I","n","Home care, night team","en","narrative","age wf lang",
 """Since the automatic medicine dispensers were updated this autumn, our night team receives many alarms that turn out to be false, while some real missed doses do not trigger an alarm at all. The error messages on the device and in the monitoring app are only in Finnish, so international nurses have to call a colleague to interpret them. Checking each alarm means a drive of up to 40 minutes.""",
 "", "Clear error codes, an English version of the monitoring app and a shared instruction for the night team.", em=E))
r.append(R(B,12,"Orimattila","I","n","Kotihoito, Orimattila","fi","list","age wf",
 """Lääkeautomaattien häiriöt joulukuussa:
- 5 asiakkaalla annos jäänyt antamatta ilman hälytystä
- 2 laitetta jumissa kasetin vaihdon jälkeen
- asiakas ei kuule laitteen äänimerkkiä
- korvaavat käynnit vievät noin 1,5 h päivässä""",
 "", "Häiriöiden kirjaus yhteen paikkaan ja viikoittainen seuranta.", em=E))
r.append(R(B,12,"Raasepori","I","n","Hemvården, Raseborg","sv","terse","age",
 "Läkemedelsautomat gav inte dosen på två dagar, inget larm. Klienten förvirrad, blodsocker högt. Tredje fallet i december.",
 "", "", em=E))
r.append(R(B,12,"Koko Päijät-Häme","I","n","Sosiaali- ja potilasasiavastaava","fi","formal","age int sa",
 "Sosiaali- ja potilasasiavastaavalle on loka–joulukuussa tullut useita yhteydenottoja, jotka koskevat kotihoidon lääkeannosteluautomaattien toimintahäiriöitä. Omaiset kokevat, ettei heille ole kerrottu, kuka vastaa laitteen virheestä aiheutuneesta haitasta ja mihin asiasta voi tehdä muistutuksen. Vastuunjako hyvinvointialueen, laitetoimittajan ja apteekin välillä on asiakkaille epäselvä.",
 '"Kenen vika se on, kun kone ei anna lääkettä?"',
 "Asiakkaille ja omaisille tiedote vastuista ja ilmoituskanavasta sekä vaaratapahtumien yhteinen käsittely.", em=E))
r.append(R(B,12,"Vantaa","I","n","Social work for older people","en","quote","age car",
 "A daughter called me in tears: her father's medicine robot had stopped working during the weekend and nobody answered the helpline. She drove two hours to give him his insulin and heart medicine.",
 '"I was told the robot would make things safer. Instead I am more worried than before."',
 "A weekend helpline for families and a backup plan in each client's care plan.", em=E))
save(B, r)
