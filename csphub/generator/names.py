"""Name pools for a population representative of Birmingham, keyed by naming tradition.

Each 18+1 ethnicity code draws forenames and surnames from one or more traditions (``ETHNICITY_TRADITIONS``).
Pools include accented spellings (Zoë, Wiśniewski), apostrophes (O'Brien), double-barrelled surnames and
transliteration variants, because partner systems write those differently and linkage has to cope.
"""

from __future__ import annotations

# tradition -> (male forenames, female forenames, surnames)
TRADITIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "british": (
        ("Oliver", "Jack", "Harry", "George", "James", "William", "Thomas", "Daniel", "Matthew", "Michael",
         "David", "Christopher", "Andrew", "Paul", "Mark", "Stephen", "Richard", "Robert", "John", "Ryan",
         "Liam", "Connor", "Callum", "Jordan", "Lewis", "Kieran", "Dean", "Lee", "Wayne", "Gary", "Kevin",
         "Craig", "Jamie", "Joshua", "Samuel", "Benjamin", "Alexander", "Anthony", "Joseph", "Nicholas"),
        ("Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Jessica", "Chloë", "Lucy", "Hannah",
         "Charlotte", "Emma", "Sarah", "Laura", "Rebecca", "Gemma", "Kelly", "Lisa", "Michelle", "Claire",
         "Nicola", "Joanne", "Amy", "Katie", "Leanne", "Stacey", "Danielle", "Megan", "Paige", "Jade", "Zoë",
         "Elizabeth", "Margaret", "Susan", "Deborah", "Jennifer", "Victoria", "Katherine", "Jacqueline", "Renée"),
        ("Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
         "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
         "Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris",
         "Moore", "Clark", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips",
         "Watson", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Cook", "Carter", "Bailey",
         "Collins", "Bell", "Shaw", "Miller", "Cox", "Richards", "Marshall", "Simpson", "Ellis", "Adams",
         "Wilkinson", "Foster", "Chapman", "Mason", "Webb", "Rogers", "Hunt", "Palmer", "Holmes", "Mills",
         "Barnes", "Knight", "Lloyd", "Butler", "Fisher", "Jenkins", "Dixon", "Fletcher", "Smith-Jones",
         "Evans-Clarke", "Hughes-Taylor", "Lloyd-Davies", "Ashworth-Hall"),
    ),
    "irish": (
        ("Sean", "Patrick", "Ciaran", "Niall", "Declan", "Conor", "Eoin", "Padraig", "Kieran", "Michael"),
        ("Siobhan", "Niamh", "Aoife", "Róisín", "Bridget", "Mairead", "Ciara", "Sinead", "Orla", "Mary"),
        ("Murphy", "O'Brien", "O'Connor", "Kelly", "Byrne", "Ryan", "Walsh", "O'Neill", "McCarthy", "Doyle",
         "Gallagher", "O'Sullivan", "Fitzgerald", "Quinn", "McDonagh", "Ward"),
    ),
    "pakistani": (
        ("Mohammed", "Muhammad", "Ali", "Ahmed", "Hassan", "Hussain", "Imran", "Bilal", "Usman", "Zain",
         "Ibrahim", "Yusuf", "Adam", "Zakariya", "Hamza", "Tariq", "Zubair", "Asif", "Shahid", "Waqas",
         "Kamran", "Faisal", "Naveed", "Abdul", "Mustafa", "Omar", "Haris", "Rizwan", "Sajid", "Aqib"),
        ("Aisha", "Fatima", "Maryam", "Zainab", "Amina", "Hafsa", "Khadija", "Saima", "Nazia", "Rubina",
         "Shazia", "Samina", "Sana", "Iqra", "Mahnoor", "Noor", "Hira", "Sadia", "Asma", "Parveen", "Nasreen",
         "Yasmin", "Bushra", "Aleena", "Anum"),
        ("Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Iqbal", "Mahmood", "Rashid", "Shah", "Butt", "Malik",
         "Aslam", "Mirza", "Qureshi", "Sheikh", "Chaudhry", "Javed", "Siddique", "Rehman", "Anwar", "Raja",
         "Mughal", "Bashir", "Yousaf", "Hanif", "Arshad", "Zaman", "Sadiq", "Bibi", "Nawaz"),
    ),
    "indian": (
        ("Harpreet", "Gurpreet", "Jaswinder", "Manjit", "Sukhvinder", "Rajinder", "Amrik", "Kuldip", "Arjun",
         "Rohan", "Vikram", "Sanjay", "Rajesh", "Amit", "Nikhil", "Dev", "Ravi", "Anil", "Harjit", "Jaspal"),
        ("Priya", "Simran", "Navdeep", "Manpreet", "Kiran", "Sunita", "Anjali", "Pooja", "Neha", "Rupinder",
         "Jasleen", "Meera", "Divya", "Harleen", "Balbir", "Sukhjeet"),
        ("Singh", "Kaur", "Patel", "Sharma", "Gill", "Sandhu", "Sidhu", "Dhillon", "Bains", "Johal", "Kumar",
         "Mistry", "Chauhan", "Sahota", "Atwal", "Virdee", "Bhogal", "Mann", "Rai", "Lal", "Grewal", "Thandi"),
    ),
    "bangladeshi": (
        ("Abdul", "Rahim", "Karim", "Shahid", "Faruk", "Jamal", "Sohel", "Mahbub", "Rubel", "Shipon",
         "Mohammed", "Saiful", "Anwar", "Jahed", "Nurul"),
        ("Shirin", "Rahima", "Ruksana", "Salma", "Nasima", "Taslima", "Sultana", "Farhana", "Shapla", "Jasmin",
         "Fatema", "Rumana", "Tahmina"),
        ("Miah", "Uddin", "Rahman", "Islam", "Ahmed", "Hoque", "Chowdhury", "Ali", "Hussain", "Alam", "Karim",
         "Sarkar", "Begum", "Khatun", "Choudhury"),
    ),
    "caribbean": (
        ("Marcus", "Andre", "Tyrone", "Dwayne", "Leon", "Jermaine", "Delroy", "Winston", "Errol", "Devon",
         "Kemar", "Nathaniel", "Isaac", "Elijah", "Reuben", "Leroy", "Clive", "Trevor"),
        ("Shanice", "Tanisha", "Keisha", "Marcia", "Sharon", "Beverley", "Jasmine", "Aaliyah", "Chantelle",
         "Simone", "Monique", "Paulette", "Yvonne", "Janice", "Shantelle"),
        ("Campbell", "Brown", "Williams", "Clarke", "Francis", "Thomas", "Reid", "Grant", "Morgan", "Edwards",
         "Robinson", "Lewis", "Henry", "Bailey", "Gordon", "Forbes", "Spencer", "Bennett", "Gayle", "McKenzie",
         "Douglas", "Powell", "Richards", "Walters", "Gayle-Campbell"),
    ),
    "african": (
        ("Chinedu", "Emeka", "Oluwaseun", "Tunde", "Kwame", "Kofi", "Samuel", "David", "Abdi", "Mohamed",
         "Abdirahman", "Yusuf", "Tendai", "Emmanuel", "Daniel", "Ahmed", "Olumide", "Ifeanyi"),
        ("Chiamaka", "Ngozi", "Adaeze", "Funmilayo", "Amara", "Abena", "Esi", "Grace", "Precious", "Faith",
         "Hodan", "Fadumo", "Hibo", "Nimo", "Tatenda", "Blessing", "Folake"),
        ("Okafor", "Adeyemi", "Okonkwo", "Adebayo", "Mensah", "Asante", "Boateng", "Owusu", "Mohamed", "Hassan",
         "Abdi", "Osman", "Farah", "Moyo", "Ncube", "Nwosu", "Eze", "Ogunleye", "Afolabi", "Warsame"),
    ),
    "chinese": (
        ("Wei", "Jun", "Hao", "Lei", "Ming", "Jian", "Kai", "Tao"),
        ("Mei", "Li", "Xin", "Ying", "Hui", "Lin", "Yan", "Jing"),
        ("Chen", "Wang", "Li", "Zhang", "Liu", "Wong", "Chan", "Lam", "Cheung", "Ng", "Yang", "Ho"),
    ),
    "arab": (
        ("Omar", "Khalid", "Ahmad", "Yasin", "Said", "Karim", "Hamid", "Tariq", "Nabil", "Samir", "Rebwar", "Aram"),
        ("Layla", "Sara", "Rania", "Huda", "Mariam", "Nour", "Salma", "Dalia", "Shilan", "Hana"),
        ("Al-Hassan", "Saleh", "Mansour", "Haddad", "Nasser", "Abdullah", "Al-Amin", "Hamad", "Karimi",
         "Ahmadi", "Mohammadi", "Rasul"),
    ),
    "european": (
        ("Piotr", "Tomasz", "Krzysztof", "Marek", "Andrei", "Ionuț", "Mihai", "Lukas", "Jonas", "Jakub",
         "Bogdan", "Pavel", "José"),
        ("Agnieszka", "Katarzyna", "Magdalena", "Ioana", "Elena", "Andreea", "Zofia", "Monika", "Daiva", "Raluca"),
        ("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Popescu", "Ionescu", "Popa",
         "Kazlauskas", "Horváth", "Dumitru", "Zieliński", "Novák", "Balogh"),
    ),
}  # fmt: skip

#: 18+1 ethnicity code -> naming traditions drawn from (the first is used for the surname when mixed).
ETHNICITY_TRADITIONS: dict[str, tuple[str, ...]] = {
    "W1": ("british",),
    "W2": ("irish",),
    "W3": ("irish", "british"),
    "W9": ("european",),
    "M1": ("british", "caribbean"),
    "M2": ("british", "african"),
    "M3": ("british", "pakistani", "indian"),
    "M9": ("british", "arab", "caribbean"),
    "A1": ("indian",),
    "A2": ("pakistani",),
    "A3": ("bangladeshi",),
    "A4": ("chinese",),
    "A9": ("pakistani", "arab"),
    "B1": ("caribbean",),
    "B2": ("african",),
    "B9": ("caribbean", "african"),
    "O2": ("arab",),
    "O9": ("arab", "european"),
}

#: How people are called in practice: formal forename -> informal or alternative spellings.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Mohammed": ("Mo", "Muhammad", "Mohd"),
    "Muhammad": ("Mohammed", "Mo"),
    "Mohamed": ("Mohammed", "Mo"),
    "Elizabeth": ("Liz", "Beth"),
    "Katherine": ("Kate", "Katie"),
    "Christopher": ("Chris",),
    "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",),
    "Michael": ("Mike", "Mick"),
    "Samuel": ("Sam",),
    "Benjamin": ("Ben",),
    "Alexander": ("Alex",),
    "Anthony": ("Tony",),
    "Jennifer": ("Jen", "Jenny"),
    "Rebecca": ("Becky",),
    "Victoria": ("Vicky",),
    "Deborah": ("Debbie",),
    "Thomas": ("Tom",),
    "James": ("Jim", "Jamie"),
    "William": ("Will", "Bill"),
    "Robert": ("Rob", "Bob"),
    "Joseph": ("Joe",),
    "Nicholas": ("Nick",),
    "Stephen": ("Steve",),
    "Margaret": ("Maggie",),
    "Susan": ("Sue",),
    "Jacqueline": ("Jackie",),
    "Aisha": ("Ayesha",),
    "Yusuf": ("Yousuf",),
    "Ahmed": ("Ahmad",),
    "Fatima": ("Fatimah",),
    "Abdirahman": ("Abdi",),
}

#: Surname spellings that vary between systems (transliteration).
SURNAME_VARIANTS: dict[str, tuple[str, ...]] = {
    "Hussain": ("Hussein", "Husain"),
    "Chaudhry": ("Choudhry", "Chaudhary"),
    "Choudhury": ("Chowdhury",),
    "Mahmood": ("Mahmud",),
    "Rehman": ("Rahman",),
    "Mohamed": ("Mohammed",),
    "Yousaf": ("Yusuf",),
}
