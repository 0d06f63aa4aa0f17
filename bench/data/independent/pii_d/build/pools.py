# Hand-written name pools (invented combinations, written from general knowledge).
# Each tradition: given names by gender, surnames (optionally gendered), nicknames.

W = "word"  # marker

FIN_GIVEN_M = ["Matti", "Pekka", "Jari", "Timo", "Juha", "Mika", "Sami", "Kari", "Ville", "Eetu",
               "Aleksi", "Janne", "Petri", "Harri", "Tapio", "Esa", "Lauri", "Oskari", "Eino", "Väinö",
               "Aarne", "Jukka", "Antti", "Heikki", "Veikko", "Juha-Pekka", "Olli", "Risto", "Kalle", "Arto"]
FIN_GIVEN_F = ["Aino", "Eeva", "Liisa", "Marja", "Tuula", "Riitta", "Sanna", "Helmi", "Siiri", "Veera",
               "Aila", "Kaarina", "Hanna", "Minna", "Päivi", "Satu", "Tiina", "Sari", "Anneli", "Kaisa",
               "Elina", "Emmi", "Iida", "Venla", "Anna-Liisa", "Marja-Leena", "Pirjo", "Heli", "Outi", "Sirpa"]
# Finnish given names that are also ordinary words
FIN_WORD_GIVEN_M = ["Toivo", "Onni", "Usko", "Valo", "Armas", "Into"]
FIN_WORD_GIVEN_F = ["Lahja", "Rauha", "Tuuli", "Ilta"]
FIN_SURNAMES = ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Hämäläinen", "Laaksonen", "Heikkinen",
                "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Heinonen", "Kinnunen", "Turunen",
                "Laitinen", "Rantanen", "Tuominen", "Jokinen", "Hiltunen", "Kärkkäinen", "Pitkänen", "Ahonen",
                "Mattila", "Heikkilä", "Salo", "Hakala", "Peltola", "Savolainen", "Räsänen", "Ojala",
                "Kettunen", "Lehto", "Niemi", "Nurmi", "Kivi-Korhonen", "Huttunen", "Vainio", "Seppälä"]
FIN_WORD_SURNAMES = ["Kivi", "Mäki", "Virta", "Koivu", "Laine"]
FIN_NICKS = {"Juha": "Jussi", "Matti": "Masa", "Mika": "Mikke", "Kari": "Kake", "Tapio": "Tapsa",
             "Kaarina": "Kaija", "Marja": "Maikki", "Eeva": "Eevi", "Heikki": "Hessu", "Petri": "Pete"}

# explicit Finnish forms (gradation / e-stems / -s stems)
EXPLICIT = {
    "Kivi": dict(gen="Kiven", par="Kiveä", all="Kivelle", ade="Kivellä", abl="Kiveltä", ela="Kivestä",
                 ill="Kiveen", ine="Kivessä", ess="Kivenä", tra="Kiveksi"),
    "Mäki": dict(gen="Mäen", par="Mäkeä", all="Mäelle", ade="Mäellä", abl="Mäeltä", ela="Mäestä",
                 ill="Mäkeen", ine="Mäessä", ess="Mäkenä", tra="Mäeksi"),
    "Virta": dict(gen="Virran", par="Virtaa", all="Virralle", ade="Virralla", abl="Virralta", ela="Virrasta",
                  ill="Virtaan", ine="Virrassa", ess="Virtana", tra="Virraksi"),
    "Laine": dict(gen="Laineen", par="Lainetta", all="Laineelle", ade="Laineella", abl="Laineelta",
                  ela="Laineesta", ill="Laineeseen", ine="Laineessa", ess="Laineena", tra="Laineeksi"),
    "Niemi": dict(gen="Niemen", par="Niemeä", all="Niemelle", ade="Niemellä", abl="Niemeltä", ela="Niemestä",
                  ill="Niemeen", ine="Niemessä", ess="Niemenä", tra="Niemeksi"),
    "Nurmi": dict(gen="Nurmen", par="Nurmea", all="Nurmelle", ade="Nurmella", abl="Nurmelta", ela="Nurmesta",
                  ill="Nurmeen", ine="Nurmessa", ess="Nurmena", tra="Nurmeksi"),
    "Lehto": dict(gen="Lehdon", par="Lehtoa", all="Lehdolle", ade="Lehdolla", abl="Lehdolta", ela="Lehdosta",
                  ill="Lehtoon", ine="Lehdossa", ess="Lehtona", tra="Lehdoksi"),
    "Armas": dict(gen="Armaan", par="Armasta", all="Armaalle", ade="Armaalla", abl="Armaalta", ela="Armaasta",
                  ill="Armaaseen", ine="Armaassa", ess="Armaana", tra="Armaaksi"),
}
NOM_ONLY = {"Into", "Ilta"}
GRAD = {"Matti", "Pekka", "Jukka", "Antti", "Heikki", "Veikko", "Riitta", "Juha-Pekka"}

FSW_GIVEN_M = ["Johan", "Henrik", "Mikael", "Fredrik", "Carl", "Gustav", "Axel", "Elias", "Nils", "Erik",
               "Anders", "Mats", "Carl-Johan", "Kristian", "Patrik", "Rasmus"]
FSW_GIVEN_F = ["Elin", "Ebba", "Stina", "Annika", "Linnea", "Ulla", "Karin", "Sofia", "Ida", "Maja",
               "Astrid", "Agneta", "Birgitta", "Camilla", "Ann-Sofie", "Malin"]
FSW_SURNAMES = ["Lindqvist", "Nyström", "Sjöberg", "Holmström", "Lindholm", "Ekström", "Blomqvist", "Forsman",
                "Granroth", "Wikström", "Sundberg", "Björklund", "Strandberg", "Enqvist", "Backman", "Lindroos",
                "Westerlund", "af Hällström", "von Essen", "af Forselles", "Grönlund", "Söderholm", "von Knorring"]
FSW_NICKS = {"Fredrik": "Freddi", "Kristian": "Krille", "Birgitta": "Bittan", "Mikael": "Micke"}

SOM_GIVEN_M = ["Abdirahman", "Abdullahi", "Mohamed", "Hassan", "Abdi", "Yusuf", "Ahmed", "Omar", "Liban",
               "Mahad", "Faysal", "Abdikarim", "Mustafe", "Bashir", "Ilyas"]
SOM_GIVEN_F = ["Hodan", "Fadumo", "Hibaaq", "Sahra", "Asha", "Ayaan", "Amina", "Ifrah", "Nasra", "Ubah",
               "Khadra", "Sagal", "Deeqa", "Muna", "Istahil"]
SOM_FATHER = ["Mohamed", "Ali", "Hussein", "Warsame", "Abdi", "Farah", "Jama", "Osman", "Nur", "Guled",
              "Aden", "Egal", "Hirsi", "Dirie", "Duale", "Ismail", "Yusuf", "Elmi"]
SOM_NICKS = {"Mohamed": "Maxamed", "Abdirahman": "Abdi", "Fadumo": "Faadumo"}

ARA_GIVEN_M = ["Ahmad", "Mohammed", "Khalid", "Omar", "Yousef", "Ali", "Hussein", "Mustafa", "Ibrahim",
               "Tariq", "Samir", "Karim", "Bilal", "Hamza", "Adnan"]
ARA_GIVEN_F = ["Layla", "Fatima", "Mariam", "Nour", "Aisha", "Huda", "Rania", "Zainab", "Salma", "Yasmin",
               "Amal", "Reem", "Hanan", "Dalia", "Samira"]
ARA_SURNAMES = ["al-Hassan", "al-Amri", "al-Jaburi", "al-Tamimi", "Haddad", "Khalil", "Saleh", "Mansour",
                "Nasser", "al-Obeidi", "Abdullah", "bin Khalid", "ibn Rashid", "Darwish", "Hamdan", "al-Rawi",
                "Jasim", "bin Saeed", "Al-Khatib", "ibn Yusuf"]
ARA_NICKS = {"Mohammed": "Hamoudi", "Mustafa": "Musti", "Ibrahim": "Bob"}

KUR_GIVEN_M = ["Rebin", "Azad", "Dilshad", "Karwan", "Shwan", "Hawre", "Soran", "Baran", "Dara", "Hemin",
               "Zana", "Aram", "Sherwan", "Bestun"]
KUR_GIVEN_F = ["Shirin", "Nazdar", "Avin", "Rozhin", "Helin", "Berivan", "Dilan", "Kani", "Shilan",
               "Viyan", "Zhino", "Nishtiman", "Bahar"]
KUR_SURNAMES = ["Karimi", "Hawrami", "Jalal", "Rasul", "Aziz", "Qadir", "Salih", "Kaka", "Faraj", "Sharif",
                "Omer", "Bakr", "Barzinji", "Goran", "Zebari", "Dosky"]

PER_GIVEN_M = ["Mohammad Reza", "Alireza", "Hamid", "Farhad", "Mehdi", "Ahmad Shah", "Javad", "Omid", "Navid",
               "Hossein", "Farid", "Wahid", "Sohrab", "Bahram", "Najib"]
PER_GIVEN_F = ["Zahra", "Maryam", "Fereshteh", "Shabnam", "Parisa", "Mahsa", "Nargis", "Soraya", "Laleh",
               "Roya", "Sima", "Nilufar", "Tahmina", "Mursal", "Khatera"]
PER_SURNAMES = ["Ahmadi", "Hosseini", "Rezaei", "Mohammadi", "Sadeghi", "Rahimi", "Jafari", "Noori", "Hashemi",
                "Sultani", "Haidari", "Azizi", "Safi", "Amiri", "Rasuli", "Nazari", "Yousefi", "Akbari",
                "Samadi", "Farahmand", "Mirzaei", "Popalzai"]

RUS_GIVEN_M = ["Dmitri", "Sergei", "Aleksei", "Andrei", "Ivan", "Nikolai", "Pavel", "Mihail", "Igor", "Oleg",
               "Vladimir", "Juri", "Konstantin", "Roman", "Gennadi"]
RUS_GIVEN_F = ["Natalja", "Irina", "Olga", "Svetlana", "Jelena", "Tatjana", "Marina", "Anastasia", "Ljudmila",
               "Galina", "Ksenia", "Darja", "Polina", "Valentina", "Jekaterina"]
RUS_SURNAMES_M = ["Sokolov", "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Volkov", "Morozov", "Petrov", "Lebedev",
                  "Kozlov", "Novikov", "Fjodorov", "Orlov", "Belov", "Zaitsev", "Gromov"]
RUS_PATRON_M = ["Sergejevitš", "Ivanovitš", "Nikolajevitš", "Petrovitš", "Andrejevitš"]
RUS_PATRON_F = ["Sergejevna", "Ivanovna", "Nikolajevna", "Petrovna", "Andrejevna"]
RUS_NICKS = {"Aleksei": "Ljoša", "Dmitri": "Dima", "Natalja": "Nataša", "Jelena": "Lena", "Sergei": "Serjoža",
             "Tatjana": "Tanja", "Nikolai": "Kolja", "Mihail": "Miša", "Anastasia": "Nastja", "Jekaterina": "Katja"}

UKR_GIVEN_M = ["Oleksandr", "Andrii", "Taras", "Bohdan", "Mykola", "Serhii", "Vasyl", "Dmytro", "Yaroslav",
               "Oleh", "Volodymyr", "Petro", "Ihor", "Viktor", "Artem"]
UKR_GIVEN_F = ["Oksana", "Olena", "Iryna", "Nataliia", "Halyna", "Tetiana", "Yulia", "Kateryna", "Mariia",
               "Sofiia", "Liudmyla", "Daryna", "Khrystyna", "Solomiia", "Vira"]
UKR_SURNAMES = ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Shevchuk",
                "Boiko", "Kovalchuk", "Oliinyk", "Lysenko", "Moroz", "Savchenko", "Rudenko", "Marchenko",
                "Hnatiuk", "Pavliuk", "Tkachuk", "Kuzmenko", "Polishchuk", "Hrytsenko"]
UKR_NICKS = {"Oleksandr": "Sashko", "Volodymyr": "Volodia", "Kateryna": "Katia", "Mykola": "Kolia"}

EST_GIVEN_M = ["Margus", "Tiit", "Peeter", "Jaan", "Toomas", "Urmas", "Priit", "Rein", "Mart", "Andres",
               "Kalev", "Kristjan", "Tõnu", "Indrek", "Raivo"]
EST_GIVEN_F = ["Kadri", "Ülle", "Kersti", "Maarja", "Liis", "Kertu", "Pille", "Eha", "Triin", "Merike",
               "Piret", "Reet", "Ene", "Kärt", "Signe"]
EST_SURNAMES = ["Tamm", "Kask", "Saar", "Sepp", "Mägi", "Kukk", "Rebane", "Ilves", "Pärn", "Koppel", "Lepik",
                "Kuusk", "Oja", "Raudsepp", "Kallas", "Kuusik", "Luik", "Teder", "Vaher", "Lill", "Sild", "Põld"]

VIE_FAMILY = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Dang", "Bui", "Do", "Ngo",
              "Duong", "Nguyễn", "Trần", "Phạm"]
VIE_MIDDLE_M = ["Van", "Duc", "Minh", "Quoc", "Huu", "Thanh", "Văn"]
VIE_MIDDLE_F = ["Thi", "Ngoc", "Thu", "Kim", "Thị"]
VIE_GIVEN_M = ["Minh", "Nam", "Hung", "Dung", "Tuan", "Long", "Khanh", "Quang", "Hai", "Binh", "Phong", "Hùng"]
VIE_GIVEN_F = ["Lan", "Hoa", "Linh", "Huong", "Thao", "Phuong", "Anh", "Trang", "Mai", "Thu", "Hanh", "Nga"]

THA_GIVEN_M = ["Somchai", "Somsak", "Wichai", "Prasert", "Narong", "Kittisak", "Thanawat", "Sombat",
               "Nattapong", "Anan", "Chatchai", "Surasak"]
THA_GIVEN_F = ["Anong", "Malee", "Siriporn", "Kanya", "Arunee", "Ratana", "Suda", "Apinya", "Duangjai",
               "Supaporn", "Pornthip", "Jiraporn", "Wanida", "Nok", "Pim"]
THA_SURNAMES = ["Wongsakul", "Chaiyaporn", "Srisuk", "Thongchai", "Saengthong", "Boonmee", "Rattanakorn",
                "Phromma", "Kaewkla", "Jaidee", "Intharaksa", "Chantarasiri", "Pongpanich", "Sirisombat",
                "Khamwong", "Suwannarat", "Thanomsak"]
THA_NICKS = {"Siriporn": "Porn", "Kittisak": "Kit", "Supaporn": "Aom", "Nattapong": "Nat"}

ENG_GIVEN_M = ["James", "Daniel", "Thomas", "Michael", "David", "Oliver", "George", "Jack", "Ryan", "Liam",
               "Mark", "Paul", "Stephen", "Peter", "Simon", "Robert", "William"]
ENG_GIVEN_F = ["Emily", "Sarah", "Jessica", "Hannah", "Laura", "Rachel", "Chloe", "Olivia", "Megan", "Amy",
               "Charlotte", "Elizabeth", "Katherine", "Lucy", "Grace"]
ENG_SURNAMES = ["Clarke", "Johnson", "Walker", "Thompson", "Wright", "Robinson", "Hughes", "Edwards", "Mitchell",
                "Turner", "Harris", "Bennett", "Cooper", "Morgan", "Brooks", "Fletcher", "O'Connor", "Sullivan",
                "McDonald", "Ashworth", "Pemberton"]
ENG_NICKS = {"Michael": "Mike", "Elizabeth": "Liz", "Robert": "Bob", "Katherine": "Katie", "Thomas": "Tom",
             "William": "Bill", "Daniel": "Danny"}

# others
TUR_GIVEN_M = ["Mehmet", "Emre", "Burak", "Mustafa", "Hakan", "Serkan"]
TUR_GIVEN_F = ["Ayşe", "Zeynep", "Elif", "Fatma", "Gül", "Esra"]
TUR_SURNAMES = ["Yılmaz", "Demir", "Kaya", "Çelik", "Şahin", "Öztürk", "Aydın", "Arslan"]
ALB_GIVEN_M = ["Arben", "Driton", "Valon", "Besnik", "Agron", "Fatmir"]
ALB_GIVEN_F = ["Blerta", "Arta", "Drita", "Vjosa", "Shqipe", "Lirije"]
ALB_SURNAMES = ["Krasniqi", "Gashi", "Berisha", "Hoxha", "Morina", "Shala", "Kelmendi", "Rexhepi"]
TIG_GIVEN_M = ["Yonas", "Tesfay", "Dawit", "Habtom", "Yohannes", "Samuel"]
TIG_GIVEN_F = ["Selam", "Mehret", "Helen", "Saba", "Luwam", "Senait"]
TIG_SURNAMES = ["Tesfaye", "Gebremedhin", "Haile", "Berhane", "Kidane", "Tekle", "Woldu", "Ghebreyesus"]
FIL_GIVEN_M = ["Jose", "Mark Anthony", "Rodel", "Jun", "Ramon", "Arnel"]
FIL_GIVEN_F = ["Maria", "Rowena", "Jonalyn", "Marites", "Lorna", "Analyn"]
FIL_SURNAMES = ["Santos", "dela Cruz", "Reyes", "Bautista", "Garcia", "de Guzman", "Mendoza", "Villanueva"]
POL_GIVEN_M = ["Piotr", "Tomasz", "Krzysztof", "Paweł", "Marek", "Łukasz"]
POL_GIVEN_F = ["Katarzyna", "Agnieszka", "Małgorzata", "Joanna", "Ewa", "Magdalena"]
POL_SURNAMES_M = ["Kowalski", "Wiśniewski", "Nowak", "Wójcik", "Kamiński", "Lewandowski", "Zieliński"]
CHN_FAMILY = ["Li", "Wang", "Zhang", "Chen", "Liu", "Zhao", "Huang", "Zhou"]
CHN_GIVEN_M = ["Wei", "Jie", "Lei", "Hao", "Jun", "Qiang"]
CHN_GIVEN_F = ["Fang", "Min", "Jing", "Xiu", "Yan", "Li Na"]
NLD_GIVEN_M = ["Jan", "Pieter", "Sander", "Bram", "Joost"]
NLD_GIVEN_F = ["Sanne", "Lotte", "Femke", "Anouk", "Marieke"]
NLD_SURNAMES = ["van Dijk", "van der Berg", "de Vries", "van den Bosch", "van Leeuwen", "de Jong"]
POR_GIVEN_M = ["Luis", "João", "Carlos", "Pedro", "Rafael"]
POR_GIVEN_F = ["Ana", "Beatriz", "Mariana", "Luísa", "Camila"]
POR_SURNAMES = ["de Souza", "de Oliveira", "da Silva", "dos Santos", "de Almeida", "Ferreira"]
