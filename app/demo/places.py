"""Who lives where in the demo community: names, regions and languages per country.

A small table per country is enough for believable people; the generator combines first and last
names, so a few of each give dozens of distinct managers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    """What the demo generator needs to invent a manager from one country."""

    code: str
    adjective: str
    language: str
    tld: str
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    regions: tuple[str, ...]


def _country(code, adjective, language, first, last, regions, tld=None) -> Country:
    return Country(
        code,
        adjective,
        language,
        tld or code.lower(),
        tuple(first.split(", ")),
        tuple(last.split(", ")),
        tuple(regions.split(", ")),
    )


COUNTRIES: tuple[Country, ...] = (
    _country(
        "AT",
        "Austrian",
        "German",
        "Lukas, Anna, Katharina, Stefan, Markus, Julia, Florian, Sabine",
        "Gruber, Huber, Wagner, Pichler, Steiner, Moser, Hofer, Leitner",
        "Lower Austria, Upper Austria, Styria, Tyrol, Vienna, Carinthia",
    ),
    _country(
        "BE",
        "Belgian",
        "Dutch",
        "Pieter, Sofie, Thomas, Elke, Nathalie, Wouter, Julie, Olivier",
        "Peeters, Janssens, Maes, Dubois, Lambert, Claes, Wouters, Lemaire",
        "Flanders, Wallonia, Brussels-Capital, Limburg, Antwerp, Liège",
    ),
    _country(
        "BG",
        "Bulgarian",
        "Bulgarian",
        "Georgi, Maria, Ivan, Elena, Dimitar, Desislava, Nikolay, Yana",
        "Ivanov, Petrova, Georgiev, Dimitrova, Stoyanov, Nikolova, Todorov, Angelova",
        "Sofia, Plovdiv, Varna, Burgas, Stara Zagora, Ruse",
    ),
    _country(
        "HR",
        "Croatian",
        "Croatian",
        "Ivana, Marko, Ana, Tomislav, Petra, Luka, Marija, Davor",
        "Horvat, Kovačević, Babić, Marić, Novak, Jurić, Knežević, Vuković",
        "Zagreb, Split-Dalmatia, Istria, Osijek-Baranja, Rijeka, Varaždin",
    ),
    _country(
        "CZ",
        "Czech",
        "Czech",
        "Jan, Petra, Tomáš, Lucie, Martin, Veronika, Jakub, Tereza",
        "Novák, Svobodová, Dvořák, Černá, Procházka, Kučerová, Veselý, Horáková",
        "South Moravia, Prague, Moravia-Silesia, Pilsen, Liberec, Vysočina",
    ),
    _country(
        "DK",
        "Danish",
        "Danish",
        "Mette, Søren, Anne, Rasmus, Louise, Mads, Camilla, Jesper",
        "Jensen, Nielsen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen",
        "Central Denmark, Southern Denmark, Capital Region, North Jutland, Zealand",
    ),
    _country(
        "EE",
        "Estonian",
        "Estonian",
        "Kadri, Tanel, Liis, Margus, Kristi, Andres, Triin, Rein",
        "Tamm, Saar, Sepp, Mägi, Kask, Kukk, Rebane, Ilves",
        "Harju, Tartu, Ida-Viru, Pärnu, Lääne-Viru",
    ),
    _country(
        "FI",
        "Finnish",
        "Finnish",
        "Mikko, Anna, Jukka, Laura, Antti, Heidi, Timo, Sanna",
        "Korhonen, Virtanen, Mäkinen, Nieminen, Laine, Heikkinen, Koskinen, Järvinen",
        "Uusimaa, Pirkanmaa, North Ostrobothnia, Southwest Finland, North Karelia",
    ),
    _country(
        "FR",
        "French",
        "French",
        "Claire, Julien, Camille, Nicolas, Sophie, Mathieu, Élodie, Antoine",
        "Martin, Bernard, Dubois, Lefèvre, Moreau, Laurent, Girard, Rousseau",
        "Grand Est, Auvergne-Rhône-Alpes, Occitanie, Brittany, Hauts-de-France, Nouvelle-Aquitaine",
    ),
    _country(
        "DE",
        "German",
        "German",
        "Katrin, Jens, Stefanie, Michael, Anja, Tobias, Sandra, Christian",
        "Müller, Schmidt, Schneider, Fischer, Weber, Becker, Hoffmann, Schulz",
        "Baden-Württemberg, Bavaria, Saxony, North Rhine-Westphalia, Lower Saxony, Thuringia",
    ),
    _country(
        "GR",
        "Greek",
        "Greek",
        "Eleni, Nikos, Maria, Giorgos, Katerina, Dimitris, Sofia, Kostas",
        "Papadopoulos, Georgiou, Nikolaou, Karagianni, Vlachos, Oikonomou, Dimitriou, Pappa",
        "Attica, Central Macedonia, Crete, Thessaly, Western Greece",
    ),
    _country(
        "HU",
        "Hungarian",
        "Hungarian",
        "Zsófia, Gábor, Katalin, László, Eszter, Péter, Anikó, Balázs",
        "Nagy, Kovács, Tóth, Szabó, Horváth, Varga, Kiss, Molnár",
        "Central Hungary, Western Transdanubia, Northern Great Plain, Southern Great Plain",
    ),
    _country(
        "IE",
        "Irish",
        "English",
        "Siobhán, Ciarán, Aoife, Declan, Niamh, Eoin, Gráinne, Padraig",
        "Murphy, Kelly, O'Sullivan, Walsh, Byrne, Ryan, O'Connor, Doyle",
        "Dublin, Cork, Galway, Limerick, the Midlands",
    ),
    _country(
        "IT",
        "Italian",
        "Italian",
        "Giulia, Marco, Francesca, Luca, Chiara, Alessandro, Elena, Davide",
        "Rossi, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno",
        "Piedmont, Lombardy, Emilia-Romagna, Veneto, Tuscany, Apulia",
    ),
    _country(
        "LV",
        "Latvian",
        "Latvian",
        "Ilze, Jānis, Anna, Mārtiņš, Liene, Edgars, Kristīne, Artūrs",
        "Bērziņš, Kalniņa, Ozols, Liepa, Krūmiņš, Zariņa, Eglītis, Vītola",
        "Riga, Kurzeme, Vidzeme, Latgale, Zemgale",
    ),
    _country(
        "LT",
        "Lithuanian",
        "Lithuanian",
        "Rūta, Tomas, Agnė, Mindaugas, Eglė, Darius, Ieva, Paulius",
        "Kazlauskas, Petrauskienė, Jankauskas, Stankevičiūtė, Vasiliauskas, Žukauskaitė",
        "Vilnius, Kaunas, Klaipėda, Šiauliai, Panevėžys",
    ),
    _country(
        "NL",
        "Dutch",
        "Dutch",
        "Sanne, Jeroen, Marieke, Bas, Lotte, Erik, Anouk, Ruud",
        "de Vries, Jansen, van Dijk, Bakker, Visser, Smit, Meijer, de Boer",
        "North Brabant, Gelderland, South Holland, Groningen, Overijssel, Limburg",
    ),
    _country(
        "PL",
        "Polish",
        "Polish",
        "Agnieszka, Piotr, Katarzyna, Tomasz, Magdalena, Paweł, Joanna, Marcin",
        "Nowak, Kowalska, Wiśniewski, Wójcik, Kamińska, Lewandowski, Zielińska, Szymański",
        "Silesia, Lesser Poland, Greater Poland, Pomerania, Lower Silesia, Podkarpacie",
    ),
    _country(
        "PT",
        "Portuguese",
        "Portuguese",
        "Inês, João, Ana, Pedro, Mariana, Rui, Catarina, Tiago",
        "Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins",
        "Norte, Centro, Lisbon, Alentejo, Algarve",
    ),
    _country(
        "RO",
        "Romanian",
        "Romanian",
        "Andreea, Mihai, Ioana, Andrei, Elena, Radu, Cristina, Bogdan",
        "Popescu, Ionescu, Popa, Dumitrescu, Stan, Munteanu, Constantin, Marin",
        "North-West, Centre, Bucharest-Ilfov, West, North-East, South Muntenia",
    ),
    _country(
        "SK",
        "Slovak",
        "Slovak",
        "Zuzana, Peter, Martina, Juraj, Lucia, Michal, Katarína, Marek",
        "Horváth, Kováčová, Varga, Tóthová, Baláž, Szabóová, Molnár, Lukáčová",
        "Bratislava, Košice, Žilina, Banská Bystrica, Trnava",
    ),
    _country(
        "SI",
        "Slovenian",
        "Slovenian",
        "Maja, Matej, Nina, Luka, Petra, Jure, Urška, Andrej",
        "Novak, Horvat, Kranjc, Zupan, Potočnik, Kovačič, Mlakar, Vidmar",
        "Savinjska, Gorenjska, Central Slovenia, Podravje, Goriška, Pomurje",
    ),
    _country(
        "ES",
        "Spanish",
        "Spanish",
        "Ainhoa, Javier, Laura, Iñaki, Marta, Sergio, Nerea, Pablo",
        "García, Fernández, Etxeberria, López, Martínez, Aguirre, Sánchez, Ruiz",
        "Basque Country, Catalonia, Andalusia, Valencia, Navarre, Galicia",
    ),
    _country(
        "SE",
        "Swedish",
        "Swedish",
        "Karin, Johan, Emma, Anders, Sara, Erik, Maria, Henrik",
        "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson",
        "Skåne, Västra Götaland, Stockholm, Norrbotten, Jönköping",
    ),
    _country(
        "RS",
        "Serbian",
        "Serbian",
        "Jelena, Nikola, Milica, Stefan, Ana, Marko, Ivana, Dušan",
        "Jovanović, Petrović, Nikolić, Marković, Đorđević, Stojanović, Ilić, Pavlović",
        "Vojvodina, Belgrade, Šumadija, Niš",
    ),
    _country(
        "TR",
        "Turkish",
        "Turkish",
        "Ayşe, Mehmet, Elif, Emre, Zeynep, Burak, Selin, Murat",
        "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Aydın, Öztürk",
        "Istanbul, Izmir, Bursa, Ankara, Kocaeli, Gaziantep",
    ),
    _country(
        "IS",
        "Icelandic",
        "Icelandic",
        "Guðrún, Jón, Sigríður, Einar, Helga, Ólafur, Anna, Gunnar",
        "Jónsdóttir, Sigurðsson, Guðmundsdóttir, Ólafsson, Magnúsdóttir, Stefánsson",
        "Capital Region, Northeast, Westfjords, South",
    ),
    _country(
        "MK",
        "Macedonian",
        "Macedonian",
        "Elena, Aleksandar, Marija, Goran, Biljana, Dejan",
        "Stojanovski, Trajkovska, Nikolovski, Petrovska, Dimitrievski, Angelovska",
        "Skopje, Pelagonia, Vardar, Southwest",
    ),
)

#: Languages cluster managers add after their own; English is (almost) always there.
SECOND_LANGUAGES = ("German", "French", "Spanish", "Italian", "Russian", "Portuguese", "Dutch")

#: Letters that Unicode decomposition does not turn into ASCII, for e-mail addresses and domains.
_TRANSLITERATION = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "'": "",
        " ": "-",
    }
)


def ascii_slug(text: str) -> str:
    """`Bērziņš` → `berzins`, `de Vries` → `de-vries`: safe for an e-mail or a domain."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_TRANSLITERATION))
    return "".join(ch for ch in decomposed if ch.isascii() and (ch.isalnum() or ch == "-"))


def countries_for(eligible_codes: set[str]) -> list[Country]:
    """The demo countries whose managers may register under the configured eligibility."""
    return [country for country in COUNTRIES if country.code in eligible_codes]
