"""Invented name pools (written by hand for this test set; combinations are random, not real people).
Each tradition: given names, surnames (family/father names), optional middle names, optional nicknames.
order 'sg' = surname first in the full written form (Vietnamese, Chinese)."""

TRAD = {
    "finnish": dict(
        given=["Aino", "Onni", "Tuuli", "Lahja", "Toivo", "Usko", "Rauha", "Armas", "Helmi", "Sulo", "Valo",
               "Ilona", "Matti", "Pekka", "Mikko", "Heikki", "Jukka", "Antti", "Hilkka", "Riikka", "Pirkko",
               "Marketta", "Anna-Liisa", "Eeva-Kaarina", "Juha-Pekka", "Ville", "Kalle", "Liisa", "Kaarina",
               "Jyrki", "Päivi", "Sanna", "Teemu", "Leena", "Sari", "Eino", "Kerttu", "Seija", "Tapio", "Elina"],
        sur=["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkilä",
             "Koskinen", "Järvinen", "Lehtonen", "Lahtinen", "Rautio", "Kallio", "Aho", "Salo", "Harju", "Mäki",
             "Kivi", "Koski", "Niemi", "Järvi", "Lampi", "Lahti", "Kivimäki", "Virta", "Kangas", "Pöyhönen",
             "Anttila", "Salminen", "Hakala", "Leppänen", "Peltonen", "Kettunen", "Rantanen", "Turunen",
             "Mattila", "Sipilä", "Pesonen", "Honkanen", "Korhonen-Ali", "Mäkelä-Nyström", "Virtanen-Hassan"],
        nick=["Pate", "Make", "Jykä", "Tepa", "Kikka", "Late", "Jonttu", "Masa", "Sale"]),
    "finland_swedish": dict(
        given=["Mikaela", "Stefan", "Carola", "Björn", "Ulla-Britt", "Johan", "Henrik", "Ebba", "Kristoffer",
               "Linnea", "Fredrik", "Sofia", "Gunilla", "Nils", "Elsa", "Tor", "Camilla", "Anders"],
        sur=["Lindholm", "Nyström", "Westerlund", "Holmqvist", "Sjöberg", "Lindqvist", "Forsman", "Granlund",
             "Backman", "Ekholm", "Björklund", "Sundström", "af Hällström", "von Essen", "af Forselles",
             "Öhman", "Wikström", "Strandberg"]),
    "sami": dict(
        given=["Áilu", "Risten", "Niillas", "Ánne", "Biret", "Jovnna", "Máret", "Áslat", "Inga", "Elle",
               "Sire", "Nilla", "Heaika", "Jouni"],
        sur=["Valle", "Magga", "Aikio", "Sara", "Näkkäläjärvi", "Sammallahti", "Guttorm", "Länsman", "Gaup",
             "Labba", "Juuso", "Helander", "Porsanger"]),
    "somali": dict(
        given=["Fadumo", "Hodan", "Ayaan", "Hamdi", "Sahra", "Nimco", "Ubah", "Ifrah", "Abdirahman", "Abdullahi",
               "Liban", "Mahad", "Guled", "Yasin", "Deeqa", "Khadar", "Sagal", "Najiib"],
        mid=["Ali", "Abdi", "Mohamed", "Yusuf", "Osman", "Ahmed", "Omar", "Hussein"],
        sur=["Hassan", "Nur", "Warsame", "Jama", "Farah", "Duale", "Aden", "Gedi", "Mohamud", "Ismail",
             "Samatar", "Abdi", "Yusuf", "Elmi"],
        nick=["Dheere", "Yare"]),
    "arabic": dict(
        given=["Ahmad", "Mustafa", "Omar", "Yousef", "Khalid", "Haidar", "Zainab", "Rania", "Noor", "Huda",
               "Fatima", "Layla", "Hussein", "Ammar", "Rasha", "Samir", "Maha", "Tariq", "Abu Omar"],
        sur=["al-Jubouri", "al-Hashimi", "Al-Tamimi", "Haddad", "Saleh", "al-Obaidi", "Khalil", "Mahmoud",
             "Hamdan", "al-Rubaie", "bin Khalid", "ibn Saleh", "Nasser", "al-Khatib", "Darwish", "Qasim"]),
    "kurdish": dict(
        given=["Rêzan", "Shilan", "Aram", "Berivan", "Dilshad", "Rojda", "Hêja", "Kawa", "Sherzad", "Zhiyar",
               "Nazdar", "Hawre", "Bahar", "Soran"],
        sur=["Karim", "Rashid", "Salih", "Zebari", "Omer", "Kakai", "Ibrahim", "Hawrami", "Aziz", "Faraj",
             "Bakr", "Amin"]),
    "persian_dari": dict(
        given=["Maryam", "Farid", "Zohreh", "Alireza", "Nilufar", "Soraya", "Reza", "Mehdi", "Parisa", "Hamid",
               "Fereshteh", "Behrouz", "Nasrin", "Mahtab", "Omid"],
        sur=["Hosseini", "Rahimi", "Jafari", "Mohammadi", "Sadat", "Karimi", "Ahmadi", "Rezaei", "Hashemi",
             "Azimi", "Noori", "Safari", "Kazemi", "Sharifi"]),
    "pashto": dict(
        given=["Noorullah", "Wahidullah", "Zarmina", "Hamidullah", "Bibi Khadija", "Sher Ali", "Palwasha",
               "Zarghuna", "Rahmatullah", "Nazia", "Gulalai", "Mirwais", "Shabnam"],
        sur=["Wardak", "Popalzai", "Ahmadzai", "Zadran", "Khan", "Mohmand", "Safi", "Durrani", "Shinwari",
             "Kakar", "Achakzai", "Stanizai"]),
    "russian": dict(
        given=["Svetlana", "Aleksandr", "Igor", "Tatjana", "Natalja", "Dmitri", "Olga", "Nikolai", "Irina",
               "Vladimir", "Jelena", "Maksim", "Ljudmila", "Pavel"],
        sur=["Petrova", "Smirnov", "Volkov", "Kuznetsova", "Ivanov", "Sokolova", "Popov", "Lebedeva", "Morozov",
             "Fedorova", "Novikov", "Orlova", "Zaitsev"],
        nick=["Sasha", "Dima", "Tanja", "Lena", "Kolja"]),
    "ukrainian": dict(
        given=["Oleksandr", "Dmytro", "Bohdan", "Taras", "Olena", "Oksana", "Iryna", "Yulia", "Mykola",
               "Halyna", "Andrii", "Viktoriia", "Nadiia", "Roman"],
        sur=["Kovalenko", "Petrenko", "Shevchuk", "Bondarenko", "Tkachenko", "Melnyk", "Kravchuk", "Lysenko",
             "Boiko", "Moroz", "Hnatiuk", "Savchenko", "Marchenko"]),
    "estonian": dict(
        given=["Triin", "Mart", "Kadri", "Priit", "Liis", "Tõnu", "Kersti", "Margus", "Rein", "Kaja", "Siim",
               "Ülle", "Maarja"],
        sur=["Kask", "Tamm", "Mägi", "Saar", "Sepp", "Rebane", "Kukk", "Põder", "Lepik", "Oja", "Pärn", "Kõiv"]),
    "polish": dict(
        given=["Agnieszka", "Katarzyna", "Piotr", "Tomasz", "Marek", "Magdalena", "Krzysztof", "Joanna",
               "Paweł", "Ewa", "Łukasz", "Beata"],
        sur=["Kowalczyk", "Wiśniewska", "Zieliński", "Nowak", "Wójcik", "Kamińska", "Lewandowski", "Dąbrowska",
             "Mazur", "Krawczyk", "Szymański", "Grabowska"],
        nick=["Kasia", "Gosia", "Tomek"]),
    "romanian": dict(
        given=["Elena", "Mihai", "Ionuț", "Andrei", "Ioana", "Florin", "Gabriela", "Cristian", "Daniela",
               "Marius", "Alina", "Sorin"],
        sur=["Popescu", "Ionescu", "Dumitrescu", "Stan", "Munteanu", "Lazăr", "Rusu", "Stoica", "Constantin",
             "Radu", "Mocanu", "Ciobanu"]),
    "albanian": dict(
        given=["Arben", "Blerta", "Valon", "Drita", "Fatmir", "Besa", "Agron", "Shqipe", "Ardit", "Vjosa",
               "Kushtrim", "Arta", "Liridon"],
        sur=["Krasniqi", "Hoxha", "Berisha", "Gashi", "Morina", "Shala", "Kelmendi", "Bytyqi", "Rexhepi",
             "Hasani", "Sylejmani", "Zeqiri"]),
    "turkish": dict(
        given=["Mehmet", "Elif", "Emre", "Ayşe", "Mustafa", "Zeynep", "Burak", "Hatice", "Murat", "Fatma",
               "Cem", "Deniz", "Gökhan"],
        sur=["Yılmaz", "Öztürk", "Şahin", "Demir", "Kaya", "Çelik", "Arslan", "Doğan", "Aydın", "Koç",
             "Kılıç", "Yıldız"]),
    "vietnamese": dict(order="sg",
        given=["Lan", "Duc", "Minh Anh", "Nam", "Mai", "Thu", "Long", "Hanh", "Tuan", "Linh", "Quang", "Phuong"],
        mid=["Thi", "Van", "Minh", "Ngoc", "Duc"],
        sur=["Nguyen", "Tran", "Pham", "Hoang", "Vu", "Bui", "Dang", "Ngo", "Dinh", "Do"]),
    "thai": dict(
        given=["Somchai", "Nattaya", "Siriporn", "Kittisak", "Malee", "Apinya", "Wanida", "Prasert", "Sunisa",
               "Thanawat", "Jintana"],
        sur=["Srisuk", "Chaiyaporn", "Wongsawat", "Sukprasert", "Boonmee", "Rattanakul", "Phromma", "Saetang",
             "Inthasorn", "Kaewmanee"],
        nick=["Noi", "Lek", "Ploy", "Nok", "Fon"]),
    "chinese": dict(order="sg",
        given=["Xiaoming", "Na", "Wei", "Yang", "Jing", "Lei", "Mei", "Xin", "Li", "Feng", "Ying", "Jun"],
        sur=["Wang", "Li", "Zhang", "Liu", "Chen", "Zhao", "Huang", "Zhou", "Sun", "Lin", "Xu", "Guo"]),
    "nepali": dict(
        given=["Ramesh", "Sita", "Bishnu", "Anjali", "Sunil", "Kamala", "Prakash", "Sarita", "Dipak", "Gita",
               "Hari", "Laxmi", "Sabina"],
        sur=["Gurung", "Thapa", "Adhikari", "Shrestha", "Tamang", "Rai", "Magar", "Karki", "Bhandari", "Poudel",
             "Limbu", "Sherpa"]),
    "tigrinya": dict(
        given=["Yonas", "Selam", "Mehari", "Senait", "Filmon", "Abrehet", "Tesfalem", "Rahwa", "Dawit", "Luwam",
               "Biniam", "Saba", "Yohannes"],
        sur=["Tesfaye", "Haile", "Gebremedhin", "Tekle", "Berhane", "Kidane", "Woldu", "Asfaha", "Habte",
             "Mebrahtu", "Gebru", "Tsegai"]),
    "congolese": dict(
        given=["Jean-Pierre", "Amani", "Neema", "Baraka", "Furaha", "Josephine", "Patrice", "Espoir", "Chantal",
               "Mapendo", "Dieudonné", "Bahati", "Rehema", "Zawadi"],
        sur=["Mukendi", "Mwamba", "Ilunga", "Kalala", "Tshibangu", "Mbuyi", "Kabongo", "Lukusa", "Nkulu",
             "Kasongo", "Banza", "Masudi"]),
    "filipino": dict(
        given=["Maria Cristina", "Jose", "Rowena", "Jocelyn", "Mark Anthony", "Analyn", "Rodel", "Marites",
               "Jericho", "Princess", "Ma. Lourdes", "Rhea"],
        sur=["Dela Cruz", "Reyes", "Bautista", "Santos", "Villanueva", "Garcia", "Mendoza", "De Leon", "Ramos",
             "Castillo", "Manalo", "de los Santos"],
        nick=["Bong", "Jun-Jun", "Baby", "Tonton"]),
    "english": dict(
        given=["Sarah", "James", "Daniel", "Emma", "Oliver", "Rachel", "Thomas", "Hannah", "Michael", "Laura",
               "Ben", "Megan"],
        sur=["Mitchell", "O'Connor", "Hughes", "Brown", "Walker", "Bennett", "Harris", "Turner", "Foster",
             "Campbell", "Fletcher", "Sutton"]),
    "dutch": dict(
        given=["Sanne", "Pieter", "Anouk", "Joost"],
        sur=["van der Meer", "van Dijk", "de Vries", "van den Berg"]),
    "roma": dict(
        given=["Manne", "Sointu", "Väinö", "Tiina", "Raimo", "Helka", "Jari", "Kimmo", "Taimi", "Anneli",
               "Hilja", "Valtteri"],
        sur=["Grönfors", "Hagert", "Blomerus", "Baltzar", "Lindberg", "Åkerlund", "Friman", "Nyman", "Isberg",
             "Hedman", "Palm", "Schwartz", "Lundberg"]),
}

# names that are also ordinary Finnish words (used deliberately)
WORDNAME_GIVEN = ["Aino", "Onni", "Tuuli", "Lahja", "Toivo", "Usko", "Rauha", "Armas", "Helmi", "Sulo", "Valo"]
WORDNAME_SUR = ["Mäki", "Kivi", "Koski", "Niemi", "Järvi", "Lampi", "Lahti", "Salo", "Laine", "Virta", "Kangas",
                "Aho", "Harju", "Kallio"]

# weights: how often a tradition is drawn
WEIGHTS = {"finnish": 14, "finland_swedish": 6, "sami": 4, "somali": 6, "arabic": 6, "kurdish": 4,
           "persian_dari": 4, "pashto": 4, "russian": 4, "ukrainian": 5, "estonian": 4, "polish": 3,
           "romanian": 3, "albanian": 3, "turkish": 3, "vietnamese": 3, "thai": 3, "chinese": 3, "nepali": 3,
           "tigrinya": 3, "congolese": 3, "filipino": 3, "english": 3, "dutch": 1, "roma": 4}

TITLES_FI = ["sosiaalityöntekijä", "sosiaaliohjaaja", "lääkäri", "terveydenhoitaja", "tulkki", "psykologi",
             "opettaja", "kuraattori", "perhetyöntekijä", "omaohjaaja", "palveluohjaaja", "sairaanhoitaja",
             "tukihenkilö", "erityisopettaja", "päihdetyöntekijä"]
TITLES_SV = ["socialarbetare", "socialhandledare", "läkare", "hälsovårdare", "tolken", "psykolog", "kurator",
             "vårdnadshavaren", "klienten", "stödpersonen"]
TITLES_EN = ["social worker", "Dr", "nurse", "interpreter", "psychologist", "teacher", "client", "guardian",
             "support worker"]

FIRSTNAMES_FOR_EMAIL = ["aino", "matti", "ahmed", "olena", "fadumo", "jukka", "sanna", "reza", "triin", "mikaela",
                        "hodan", "dmytro", "elif", "lan", "wei", "sita", "yonas", "amani", "rowena", "sarah",
                        "manne", "niillas", "arben", "mihai", "agnieszka", "somchai", "shilan", "zarmina"]
SURNAMES_FOR_EMAIL = ["korhonen", "virtanen", "hassan", "kovalenko", "warsame", "lindholm", "karimi", "tamm",
                      "nguyen", "wang", "gurung", "tesfaye", "mukendi", "reyes", "mitchell", "gronfors", "aikio",
                      "krasniqi", "popescu", "nowak", "srisuk", "rashid", "wardak", "yilmaz", "makela", "petrova"]
