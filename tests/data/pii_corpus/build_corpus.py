"""Build the labelled free-text corpus used to evaluate redaction (``corpus.jsonl``).

Synthetic UK police-log, council ASB-note and ED-triage narratives with labelled spans
``[entity_type, start, end]``. Every name, identifier and address is invented: identifiers are
generated to the format rules (valid check characters), names are drawn from lists representative
of Birmingham's communities, streets are real Birmingham street names with invented house numbers.

Three template sets, written separately:

* ``main``: police incident logs and council ASB case notes;
* ``heldout``: ED triage notes, probation/homelessness case notes and call transcripts, with different
  phrasing (no role words before most names, "no." house numbers, mid-sentence identifiers); its
  misses were inspected while developing the redactor, so it is no longer blind;
* ``blind``: fire-service notes, resident e-mails, stop-search records and OASys-style narratives,
  written after the redactor was finished; its person misses motivated the first-name gazetteer, so
  it is no longer strictly blind either;
* ``blind2``: MASH forms, home-visit notes, licensing visits, ambulance handovers, e-mail sign-offs,
  message screenshots, custody records and neighbour disputes, with its own name lists and seed,
  written before the gazetteer was built and never used for tuning.

Run ``python tests/data/pii_corpus/build_corpus.py`` to regenerate; the seed makes it deterministic.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

SEED = 20240611
MAIN_TEXTS = 320
HELDOUT_TEXTS = 130
OUT = Path(__file__).with_name("corpus.jsonl")

_FORENAMES = (
    "Mohammed Aisha Imran Fatima Jamal Nasreen Zainab Bilal Yasmin Hamza Ayesha Tariq Shazia Gurpreet "
    "Harpreet Manjit Sukhdeep Priya Rajesh Anil Deepa Kwame Chidi Oluwaseun Ngozi Abdi Hodan Ayaan Delroy "
    "Marcia Tyrone Jermaine Shanice Leon Jade Connor Liam Chloe Emma Jack Kyle Stacey Sean Siobhán Tomasz "
    "Agnieszka Piotr Irina Andrei Zoë Dariusz Mehmet Leyla Ahmad Minh Darren Kerry-Ann Rukhsana Asif"
)
FORENAMES = _FORENAMES.split()
_SURNAMES = (
    "Khan Ahmed Begum Hussain Ali Akhtar Iqbal Mahmood Rahman Bibi Kaur Singh Sandhu Patel Sharma Mistry "
    "Okafor Adeyemi Mensah Osei Mohamed Warsame Campbell Williams Brown Smith Jones Taylor O'Brien Murphy "
    "McDonald Nowak Kowalski Popescu Yilmaz Nguyen Smith-Jones Bailey Clarke Reid Chaudhry Nazir Dhillon"
)
SURNAMES = _SURNAMES.split()
NICKNAMES = ("Tiny", "Bigz", "Smokey", "Ghost", "Rico", "Lil Mo")
STREETS = (
    "Soho Road",
    "Coventry Road",
    "Stratford Road",
    "Alum Rock Road",
    "Broad Street",
    "Hurst Street",
    "Ladypool Road",
    "Dudley Road",
    "Washwood Heath Road",
    "Lozells Road",
    "Villa Road",
    "Rookery Road",
    "Church Road",
    "Station Road",
    "Moseley Road",
    "Warwick Road",
    "Oak Tree Lane",
    "Wheeler Street",
    "Heathfield Road",
    "Grove Lane",
    "Slade Road",
    "Kingstanding Road",
    "College Road",
    "Tyburn Road",
    "Chester Road",
    "Shirley Road",
    "Green Lane",
    "Fox Hollies Road",
    "Gravelly Lane",
    "Witton Road",
    "Bordesley Green East",
    "Pershore Road",
    "Bristol Road",
    "Hagley Road",
    "Edgbaston Street",
    "Cherrywood Close",
    "Poplar Avenue",
    "Holly Grove",
    "Victoria Crescent",
    "Brook Drive",
)
AREAS = (
    "Handsworth",
    "Small Heath",
    "Sparkhill",
    "Alum Rock",
    "Lozells",
    "Erdington",
    "Kingstanding",
    "Aston",
    "Balsall Heath",
    "Selly Oak",
    "Northfield",
    "Sparkbrook",
    "Ladywood",
    "Bordesley Green",
)
VENUES = ("the Bullring", "New Street station", "Digbeth Coach Station", "the Arcadian", "Brindleyplace")
LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"
INWARD = "ABDEFGHJLNPQRSTUWXYZ"
NINO_1 = "ABCEGHJKLMNOPRSTWXYZ"
NINO_2 = "ABCEGHJKLMNPRSTWXYZ"
DOMAINS = ("gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "icloud.com", "btinternet.com")


class Doc:
    """Accumulates text and labelled spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[list[object]] = []
        self.length = 0

    def t(self, text: str) -> Doc:
        self.parts.append(text)
        self.length += len(text)
        return self

    def e(self, entity: str, text: str) -> Doc:
        self.spans.append([entity, self.length, self.length + len(text)])
        return self.t(text)

    def text(self) -> str:
        return "".join(self.parts)


class Gen:
    """Random identifiers and names to the UK format rules."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def name_case(self, s: str) -> str:
        roll = self.r.random()
        return s.lower() if roll < 0.2 else s.upper() if roll < 0.27 else s

    def forename(self) -> str:
        return self.name_case(self.r.choice(FORENAMES))

    def surname(self) -> str:
        return self.name_case(self.r.choice(SURNAMES))

    def nhs(self) -> str:
        while True:
            digits = [self.r.randrange(10) for _ in range(9)]
            check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
            check = 0 if check == 11 else check
            if check != 10:
                s = "".join(map(str, digits)) + str(check)
                style = self.r.random()
                return f"{s[:3]} {s[3:6]} {s[6:]}" if style < 0.5 else f"{s[:3]}-{s[3:6]}-{s[6:]}" if style < 0.6 else s

    def pnc(self) -> str:
        yy, serial = self.r.randrange(0, 100), self.r.randrange(1, 999_999)
        letter = LETTERS[int(f"{yy:02d}{serial:07d}") % 23]
        year = f"{yy:02d}" if self.r.random() < 0.6 else f"{1900 + yy if yy > 30 else 2000 + yy}"
        serial_text = f"{serial:07d}" if self.r.random() < 0.5 else str(serial)
        return f"{year}/{serial_text}{letter if self.r.random() < 0.85 else letter.lower()}"

    def nino(self) -> str:
        while True:
            prefix = self.r.choice(NINO_1) + self.r.choice(NINO_2)
            if prefix not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
                break
        digits = "".join(str(self.r.randrange(10)) for _ in range(6))
        suffix = self.r.choice("ABCD")
        if self.r.random() < 0.5:
            return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
        s = f"{prefix}{digits}{suffix}"
        return s.lower() if self.r.random() < 0.2 else s

    def postcode(self) -> str:
        district = self.r.choice(
            [1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 19, 20, 21, 23, 24, 27, 29, 31, 33, 36, 42, 44]
        )
        inward = f"{self.r.randrange(10)}{self.r.choice(INWARD)}{self.r.choice(INWARD)}"
        roll = self.r.random()
        if roll < 0.15:
            return f"b{district}{inward.lower()}"
        if roll < 0.3:
            return f"B{district}{inward}"
        return f"B{district} {inward}"

    def phone(self) -> str:
        roll = self.r.random()
        if roll < 0.55:
            n = f"07{self.r.randrange(100, 999)}{self.r.randrange(100000, 999999)}"
            style = self.r.random()
            if style < 0.4:
                return f"{n[:5]} {n[5:]}"
            if style < 0.6:
                return f"+44 {n[1:5]} {n[5:]}"
            if style < 0.7:
                return f"+44 (0){n[1:5]} {n[5:]}"
            return n
        n = f"0121{self.r.randrange(1000000, 9999999)}"
        style = self.r.random()
        if style < 0.5:
            return f"{n[:4]} {n[4:7]} {n[7:]}"
        if style < 0.7:
            return f"({n[:4]}) {n[4:7]} {n[7:]}"
        return n

    def email(self, fore: str, sur: str) -> str:
        local = self.r.choice([f"{fore}.{sur}", f"{fore}{self.r.randrange(1, 99)}", f"{fore[0]}{sur}"])
        local = "".join(c for c in local.lower() if c.isalnum() or c == ".")
        return f"{local}@{self.r.choice(DOMAINS)}"

    def dob(self) -> str:
        d = date(1950, 1, 1) + timedelta(days=self.r.randrange(25_000))
        return self.r.choice(
            [
                d.strftime("%d/%m/%Y"),
                d.strftime("%d/%m/%y"),
                d.strftime("%-d %b %Y"),
                d.strftime("%d.%m.%Y"),
                d.isoformat(),
                d.strftime("%-d %B %Y"),
            ]
        )

    def event_date(self) -> str:
        d = date(2023, 1, 1) + timedelta(days=self.r.randrange(700))
        return self.r.choice([d.strftime("%d/%m/%Y"), d.strftime("%d/%m/%y"), d.strftime("%-d %B")])

    def address(self) -> str:
        street = self.r.choice(STREETS)
        number = f"{self.r.randrange(1, 400)}{self.r.choice(['', '', '', 'a', 'b'])}"
        roll = self.r.random()
        if roll < 0.15:
            street = street.lower()
        elif roll < 0.25:
            street = street.replace("Road", "Rd").replace("Street", "St").replace("Avenue", "Ave")
        if self.r.random() < 0.15:
            return f"Flat {self.r.randrange(1, 30)}, {number} {street}"
        return f"{number} {street}"

    def time(self) -> str:
        return f"{self.r.randrange(24):02d}{self.r.choice(['00', '15', '30', '45'])}hrs"

    def crime_ref(self) -> str:
        return f"20/{self.r.randrange(100000, 999999)}/{self.r.choice(['23', '24'])}"


# ----------------------------------------------------------------------------------------------
# main set: police incident logs and council ASB case notes
# ----------------------------------------------------------------------------------------------


def main_open(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    roll = r.randrange(5)
    if roll == 0:
        d.t(f"{g.time()} {g.event_date()}: caller ").e("PERSON", f"{v[0]} {v[1]}").t(" reports that her ex-partner ")
        d.e("PERSON", f"{s[0]} {s[1]}").t(" has turned up at ").e("ADDRESS", g.address()).t(
            " and is banging on the windows. "
        )
    elif roll == 1:
        d.t("Officers attended ").e("ADDRESS", g.address()).t(", ").t(r.choice(AREAS)).t(" ").e(
            "POSTCODE", g.postcode()
        )
        d.t(" following a report of a disturbance. IP ").e("PERSON", f"{v[0]} {v[1]}").t(" was spoken to at the door. ")
    elif roll == 2:
        d.t("ASB case opened. Complainant ").e("PERSON", f"{v[0]} {v[1]}").t(" of ").e("ADDRESS", g.address())
        d.t(" reports ongoing noise and verbal abuse from a neighbour, ").e("PERSON", f"{s[0]} {s[1]}").t(". ")
    elif roll == 3:
        d.t("Victim ").e("PERSON", f"{v[0]} {v[1]}").t(" (DOB ").e("DOB", g.dob()).t(") states that on ").t(
            g.event_date()
        )
        d.t(" she was assaulted by ").e("PERSON", f"{s[0]} {s[1]}").t(" outside ").t(r.choice(VENUES)).t(". ")
    else:
        d.t("Report from Mr ").e("PERSON", v[1]).t(" who lives at ").e("ADDRESS", g.address()).t(" ")
        d.e("POSTCODE", g.postcode()).t(". He states youths have been throwing stones at his car on ").t(
            r.choice(STREETS)
        ).t(". ")


def main_middle(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    roll = r.randrange(8)
    if roll == 0:
        d.t("Suspect described as IC1 male, approx 30 years, known as ").e("PERSON", r.choice(NICKNAMES)).t(". ")
    elif roll == 1:
        d.t("Contact number for the victim is ").e("PHONE", g.phone()).t(". ")
    elif roll == 2:
        d.t("Suspect ").e("PERSON", f"{s[0]} {s[1]}").t(" PNC ").e("PNC_ID", g.pnc()).t(" is wanted on recall. ")
    elif roll == 3:
        d.t("Mrs ").e("PERSON", v[1]).t(" says the abuse has been going on since ").t(g.event_date()).t(
            " and she is scared. "
        )
    elif roll == 4:
        d.e("PERSON", s[0]).t(" was arrested at ").t(g.time()).t(" and conveyed to Perry Barr custody. ")
    elif roll == 5:
        d.t("Email address provided: ").e("EMAIL", g.email(v[0], v[1])).t(". ")
    elif roll == 6:
        d.t("NI number ").e("NI_NUMBER", g.nino()).t(" recorded for the benefits check. ")
    else:
        d.t("Subject's date of birth ").e("DOB", g.dob()).t(", aged ").t(str(r.randrange(18, 70))).t(". ")


def main_close(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    roll = r.randrange(6)
    if roll == 0:
        d.t(
            f"Crime ref {g.crime_ref()} raised. DASH completed, risk assessed as {r.choice(['standard', 'medium', 'high'])}."
        )
    elif roll == 1:
        d.t("Referred to MARAC. IDVA to contact ").e("PERSON", v[0]).t(" on ").e("PHONE", g.phone()).t(".")
    elif roll == 2:
        d.t(f"Warning letter sent on {g.event_date()}. Case to be reviewed at the next ASB panel.")
    elif roll == 3:
        d.t("CCTV requested from the shop on ").t(r.choice(STREETS)).t(". Nothing further at this time.")
    elif roll == 4:
        d.t("Ambulance attended, ").e("PERSON", v[0]).t(" taken to QE hospital, NHS no ").e("NHS_NUMBER", g.nhs()).t(
            "."
        )
    else:
        d.t("Area search negative. ").e("PERSON", f"{s[0]} {s[1]}").t(" to be circulated as wanted on PNC.")


# ----------------------------------------------------------------------------------------------
# heldout set: ED triage, probation and housing notes, call transcripts (separately written)
# ----------------------------------------------------------------------------------------------


def held_ed(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    d.t(f"ED triage {g.time()}. Pt ").e("PERSON", f"{v[0]} {v[1]}").t(", NHS ").e("NHS_NUMBER", g.nhs())
    d.t(
        f", presents with {r.choice(['facial laceration', 'stab wound to left arm', 'head injury', 'bruising to ribs'])}. "
    )
    d.t("States she was hit with a bottle in a pub near ").t(r.choice(STREETS)).t(" by someone she knows, ")
    d.e("PERSON", s[0]).t(". Lives at no. ").e("ADDRESS", g.address()).t(". ")
    if r.random() < 0.5:
        d.t("NOK mother, tel ").e("PHONE", g.phone()).t(". ")
    d.t("Safeguarding referral made.")


def held_probation(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    d.t("Supervision appt. ").e("PERSON", f"{s[0]} {s[1]}").t(" attended on time. ")
    d.t("His new address is ").e("ADDRESS", g.address()).t(", ").e("POSTCODE", g.postcode()).t(". ")
    d.t(f"Discussed {r.choice(['accommodation', 'ETE', 'finance', 'drug misuse'])} needs. ")
    if r.random() < 0.5:
        d.t("Confirmed PNC as ").e("PNC_ID", g.pnc()).t(" and NINO ").e("NI_NUMBER", g.nino()).t(". ")
    d.t("Partner ").e("PERSON", v[0]).t(" was present; ").e("PERSON", v[0]).t(" says things are calmer. ")
    d.t(f"Next appointment {g.event_date()}.")


def held_housing(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    d.t("Homeless presentation. ").e("PERSON", f"{v[0]} {v[1]}").t(" born ").e("DOB", g.dob())
    d.t(f" fled {r.choice(['her', 'the family'])} home at ").e("ADDRESS", g.address()).t(" after threats from ")
    d.e("PERSON", f"{s[0]} {s[1]}").t(". ")
    d.t("Best contact ").e("EMAIL", g.email(v[0], v[1])).t(" or ").e("PHONE", g.phone()).t(". ")
    d.t(f"Placed in temporary accommodation on {g.event_date()}; {r.randrange(1, 4)} children in household.")


def held_call(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    d.t("999 call transcript summary: female on the line gave her name as ").e("PERSON", f"{v[0]} {v[1]}")
    d.t(f", crying, says a man is trying to get in. She lives in {r.choice(AREAS)}, postcode ").e(
        "POSTCODE", g.postcode()
    )
    d.t(". Call back number ").e("PHONE", g.phone()).t(". ")
    d.t("The man is her brother-in-law, she thinks he is called ").e("PERSON", s[0]).t(". ")
    if r.random() < 0.4:
        d.t("CRO on file ").t("n/k").t(". ")
    d.t("Units dispatched, grade 1.")


def held_school(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    d.t("Council note: Head of Year rang about ").e("PERSON", f"{v[0]} {v[1]}").t(
        " (Year 9), who has not been in school since "
    )
    d.t(g.event_date()).t(". Seen getting into a car with ").e("PERSON", f"{s[0]} {s[1]}").t(" near ").t(
        g.r.choice(STREETS)
    )
    d.t(". Family home ").e("ADDRESS", g.address()).t(". Exploitation screening tool completed.")


HELDOUT = (held_ed, held_probation, held_housing, held_call, held_school)


# ----------------------------------------------------------------------------------------------
# blind set: written after the redactor was tuned and never used for tuning
# ----------------------------------------------------------------------------------------------


def blind_fire(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    d.t("WMFS crew attended a deliberate bin fire to the rear of ").e("ADDRESS", g.address()).t(" at ").t(g.time())
    d.t(". The occupier, ").e("PERSON", f"{v[0]} {v[1]}").t(", believes local lads set it and named ")
    d.e("PERSON", s[0]).t(" as one of them. Occupier's mobile ").e("PHONE", g.phone()).t(". Referred to the ASB team.")


def blind_email(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    d.t("From: ").e("PERSON", f"{v[0]} {v[1]}").t(" <").e("EMAIL", g.email(v[0], v[1])).t(">\n")
    d.t("Hi, I am writing again about the people at number ").t(str(g.r.randrange(2, 90)))
    d.t(". Last night there was loud music until 3am and ").e("PERSON", f"{s[0]} {s[1]}")
    d.t(" was shouting in the street. My postcode is ").e("POSTCODE", g.postcode()).t(". Please ring me on ")
    d.e("PHONE", g.phone()).t(". Thanks, ").e("PERSON", v[0])


def blind_stop(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    d.t(f"S1 search under s23 MDA on {g.r.choice(STREETS)}. Person searched: ").e("PERSON", f"{s[0]} {s[1]}")
    d.t(", d.o.b. ").e("DOB", g.dob()).t(", home address ").e("ADDRESS", g.address()).t(". ")
    d.t("Found in possession of a small quantity of cannabis. PNC check shows ").e("PNC_ID", g.pnc())
    d.t(f". Community resolution given at {g.time()}.")


def blind_oasys(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    d.e("PERSON", f"{s[0]} {s[1]}").t(" reports his relationship with ").e("PERSON", v[0])
    d.t(" ended in the spring. He is sofa surfing with a cousin and has no fixed abode; his last settled address was ")
    d.e("ADDRESS", g.address()).t(". Benefits claim under NI ").e("NI_NUMBER", g.nino()).t(" was sanctioned. ")
    d.t("GP records checked (NHS ").e("NHS_NUMBER", g.nhs()).t(").")


BLIND = (blind_fire, blind_email, blind_stop, blind_oasys)
BLIND_TEXTS = 100


# ----------------------------------------------------------------------------------------------
# blind2 set: written before the first-name gazetteer was added and never used for tuning. Its own
# name lists (not the generator's, not this file's) and its own seed, so the other splits are
# unchanged. Phrasings the other sets lack: form fields, "present:" lists, sign-offs, text-message
# screenshots, all-caps custody records, per-word mixed case, and sentence-initial common words
# that are also forenames ("Will update", "Mark as closed") as precision traps.
# ----------------------------------------------------------------------------------------------

_B2_FORENAMES = (
    "Zubeda Rashida Kulwant Parminder Baljit Tejinder Rupa Hemant Nilesh Bhavna Shabana Nadeem Arif Khalida "
    "Shakeel Rizwana Humaira Mushtaq Ghulam Tanvir Shamima Jahangir Mizanur Rokeya Nazrul Adwoa Kojo Efua "
    "Babatunde Yetunde Temitope Nkechi Obinna Ifeoma Segun Fatoumata Mariama Abdullahi Sahra Ubah Mukhtar "
    "Winsome Ainsley Everton Carlton Lorna Hyacinth Desmond Maxine Curtis Jodie Kayleigh Tyler Brandon Shannon "
    "Reece Kirsty Lorraine Trudy Colm Eamon Brendan Deirdre Grainne Bartosz Łukasz Małgorzata Wojciech Ewelina "
    "Florin Cosmin Simona Vasile Mindaugas Dovydas Emre Serkan Büşra Elif Hevin Soran Bahar Thanh Huong Tuan "
    "Xiaoming Qiang Dawn Joy Will Rose Jay Frank Holly"
)
_B2_SURNAMES = (
    "Bhatti Kiani Abbasi Hameed Rafiq Latif Shafiq Ashraf Parvez Dar Bajwa Cheema Ghuman Dhaliwal Basra Toor "
    "Jandu Nijjar Uppal Kalsi Bhamra Solanki Parmar Makwana Joshi Desai Talukdar Khanom Ullah Sikder Okoro "
    "Chukwu Ogundipe Balogun Acheampong Ansah Appiah Sesay Kamara Jalloh Diallo Hersi Jama Egal Lindo Blackwood "
    "Samuels Whyte Wint McLean Hinds Ricketts Dacres Flanagan Mulligan Cassidy Keane Hegarty Brennan Nolan "
    "Pritchard Heywood Crump Timmins Bayliss Hadley Nock Tonks Bissell Cartwright Hollis Wróbel Mazur Krawczyk "
    "Dąbrowski Pawlak Sikora Munteanu Lungu Constantin Aydın Kaya Demir Çelik Öztürk Tran Pham Hoang Huang Zhou "
    "Lau Yip"
)
B2_FORENAMES = _B2_FORENAMES.split()
B2_SURNAMES = _B2_SURNAMES.split()
B2_SEED = 20250301
BLIND2_TEXTS = 120


def _b2_case(r: random.Random, word: str) -> str:
    """Whole-name lower/upper case sometimes, and per-word mixed case ("Ngozi murphy") sometimes."""
    roll = r.random()
    if roll < 0.15:
        return word.lower()
    if roll < 0.2:
        return word.upper()
    return word


def b2_person(g: Gen) -> tuple[str, str]:
    r = g.r
    fore, sur = r.choice(B2_FORENAMES), r.choice(B2_SURNAMES)
    roll = r.random()
    if roll < 0.15:
        return fore.lower(), sur.lower()
    if roll < 0.2:
        return fore.upper(), sur.upper()
    return _b2_case(r, fore), _b2_case(r, sur)


def b2_mash(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    child = b2_person(g)
    d.t("MASH referral form\nChild name: ").e("PERSON", f"{child[0]} {child[1]}").t("\nDOB: ").e("DOB", g.dob())
    d.t("\nAddress: ").e("ADDRESS", g.address()).t(", ").e("POSTCODE", g.postcode())
    d.t("\nParent/carer: ").e("PERSON", f"{v[0]} {v[1]}").t(" tel ").e("PHONE", g.phone())
    d.t(f"\nConcern: {r.choice(['missing episodes', 'injury to arm', 'neglect', 'exposure to DA'])}. ")
    d.t("Child disclosed that ").e("PERSON", s[0]).t(" hits mum when he has been drinking. ")
    d.t("Referrer: ").e("PERSON", f"{r.choice(B2_FORENAMES)} {r.choice(B2_SURNAMES)}").t(", DSL.")


def b2_present(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    other = b2_person(g)
    d.t(f"Home visit {g.event_date()}. Present: ").e("PERSON", f"{v[0]} {v[1]}").t(" (mum), ")
    d.e("PERSON", other[0]).t(f" ({r.randrange(4, 15)}) and mum's new partner ").e("PERSON", f"{s[0]} {s[1]}")
    d.t(". ").e("PERSON", s[0]).t(" was reluctant to engage and left the room. House was cluttered but warm. ")
    d.e("PERSON", v[0]).t(" agreed to a referral to early help. ")
    d.t(r.choice(["Will review in four weeks.", "May need a strategy meeting.", "Hope to close by the end of term."]))


def b2_venue(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    other = b2_person(g)
    d.t(f"Licensing visit to a bar on {r.choice(STREETS)} after an assault at {g.time()}. Head doorman ")
    d.e("PERSON", f"{v[0]} {v[1]}").t(" handed over CCTV. Two men, ").e("PERSON", f"{s[0]} {s[1]}")
    d.t(" and his friend ").e("PERSON", other[0]).t(", were ejected and one of them punched a glass collector. ")
    d.e("PERSON", s[1]).t(" has previous for similar, PNC ").e("PNC_ID", g.pnc()).t(". ")
    d.t("Mark as licensing review candidate.")


def b2_handover(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    d.t(f"WMAS handover: {r.randrange(19, 80)}yo found collapsed outside ").e("ADDRESS", g.address())
    d.t(", self-named as ").e("PERSON", f"{v[0]} {v[1]}").t(", NHS ").e("NHS_NUMBER", g.nhs()).t(". ")
    d.e("PERSON", s[0]).t(" arrived shortly after and confirmed usual meds; says ").e("PERSON", v[0])
    d.t(" had been drinking since lunchtime. Conveyed to City Hospital.")


def b2_signoff(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    worker = b2_person(g)
    d.t("Hi ").e("PERSON", v[0]).t(",\n\nThanks for your call this morning. I have spoken to the housing officer, ")
    d.e("PERSON", f"{s[0]} {s[1]}").t(", who will visit on ").t(g.event_date()).t(". If anything changes ring ")
    d.e("PHONE", g.phone()).t(" or email ").e("EMAIL", g.email(worker[0], worker[1])).t(".\n\n")
    d.t(r.choice(["Best wishes", "Kind regards", "Many thanks", "Regards"])).t(",\n").e(
        "PERSON", f"{worker[0]} {worker[1]}"
    )
    d.t("\nVictim Support West Midlands")


def b2_texts(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    d.t("Screenshots of messages provided by ").e("PERSON", f"{v[0]} {v[1]}").t(". Sender saved as ")
    d.t("'").e("PERSON", s[0]).t("' on ").e("PHONE", g.phone()).t(". Messages say '")
    d.t(r.choice(["u think ur safe", "ill see u at ur mums", "tell ur brother hes next"])).t("'. ")
    d.e("PERSON", v[0]).t(" states ").e("PERSON", s[0]).t(" is the cousin of ").e("PERSON", f"{b2_person(g)[0]}")
    d.t(f" and lives in {r.choice(AREAS)}. Harassment crime raised.")


def b2_custody(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    d.t("CUSTODY RECORD. DETAINED PERSON: ").e("PERSON", f"{s[0].upper()} {s[1].upper()}").t(". DOB ")
    d.e("DOB", g.dob()).t(". NI ").e("NI_NUMBER", g.nino()).t(". Reason for arrest: breach of non-molestation ")
    d.t("order in favour of ").e("PERSON", f"{v[0]} {v[1]}").t(". Appropriate adult ").e(
        "PERSON", f"{b2_person(g)[0]} {b2_person(g)[1]}"
    )
    d.t(" requested. Solicitor on the way.")


def b2_dispute(d: Doc, g: Gen, v: tuple[str, str], s: tuple[str, str]) -> None:
    r = g.r
    d.t("Neighbour dispute, ").e("ADDRESS", g.address()).t(". The resident, ").e("PERSON", f"{v[0]} {v[1]}")
    d.t(", says ").e("PERSON", f"{s[0]} {s[1]}").t(" from next door keeps parking across her drive. ")
    d.e("PERSON", s[1]).t(" says the drive is shared. Both advised it is a civil matter. ")
    d.t(r.choice(["Will update the log tomorrow.", "Rose slightly in tension since May.", "Frank discussion held."]))


BLIND2 = (b2_mash, b2_present, b2_venue, b2_handover, b2_signoff, b2_texts, b2_custody, b2_dispute)


def _person(g: Gen) -> tuple[str, str]:
    return g.forename(), g.surname()


def build(seed: int = SEED) -> list[dict[str, object]]:
    """All corpus records, deterministic for ``seed``."""
    rng = random.Random(seed)
    g = Gen(rng)
    records: list[dict[str, object]] = []
    for i in range(MAIN_TEXTS):
        d = Doc()
        v, s = _person(g), _person(g)
        main_open(d, g, v, s)
        for _ in range(rng.randrange(1, 4)):
            main_middle(d, g, v, s)
        main_close(d, g, v, s)
        records.append({"id": f"main-{i:04d}", "split": "main", "text": d.text(), "spans": d.spans})
    for i in range(HELDOUT_TEXTS):
        d = Doc()
        rng.choice(HELDOUT)(d, g, _person(g), _person(g))
        records.append({"id": f"heldout-{i:04d}", "split": "heldout", "text": d.text(), "spans": d.spans})
    for i in range(BLIND_TEXTS):
        d = Doc()
        rng.choice(BLIND)(d, g, _person(g), _person(g))
        records.append({"id": f"blind-{i:04d}", "split": "blind", "text": d.text(), "spans": d.spans})
    g2 = Gen(random.Random(B2_SEED))
    for i in range(BLIND2_TEXTS):
        d = Doc()
        g2.r.choice(BLIND2)(d, g2, b2_person(g2), b2_person(g2))
        records.append({"id": f"blind2-{i:04d}", "split": "blind2", "text": d.text(), "spans": d.spans})
    return records


def main() -> None:
    """Write ``corpus.jsonl`` next to this script."""
    with OUT.open("w", encoding="utf-8") as fh:
        for record in build():
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
