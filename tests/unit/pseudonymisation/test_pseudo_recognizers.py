"""UK recognizers on sentences: valid identifiers found, bad check characters and near misses ignored."""

from __future__ import annotations

import pytest

from pseudonymisation.freetext.recognizers import RECOGNIZERS

THRESHOLD = 0.45

# (entity type, sentence, expected matched substrings)
CASES = [
    ("NHS_NUMBER", "Patient NHS no 943 476 5919 seen in ED.", ["943 476 5919"]),
    ("NHS_NUMBER", "NHS number 943-476-5919 and 4010232137 recorded.", ["943-476-5919", "4010232137"]),
    ("NHS_NUMBER", "NHS 943 476 5918 (typo) was given.", []),
    ("POSTCODE", "Lives at B21 9SN, also stays at b152tt.", ["B21 9SN", "b152tt"]),
    ("POSTCODE", "Reference QA1 1AA is not a postcode, nor is B15 2CT.", []),
    ("NI_NUMBER", "NI number AB 12 34 56 C confirmed; also ab123456.", ["AB 12 34 56 C", "ab123456"]),
    ("NI_NUMBER", "Specimen QQ 12 34 56 C and GB123456A are not allocated.", []),
    ("PNC_ID", "PNC 01/171310W and 2003/0062845E held.", ["01/171310W", "2003/0062845E"]),
    ("PNC_ID", "PNC 01/171310X has a wrong check letter.", []),
    ("CRO_NUMBER", "CRO 265416/21G and SF05/482703J on file.", ["265416/21G", "SF05/482703J"]),
    ("CRO_NUMBER", "CRO 85227/65G does not check out.", []),
    (
        "PHONE",
        "Call 07700 900123 or +44 (0)121 496 0000 or (0121) 496 0000.",
        ["07700 900123", "+44 (0)121 496 0000", "(0121) 496 0000"],
    ),
    ("PHONE", "Crime ref 20/123456/24, collar 4521, freephone 0800 123 4567.", []),
    ("DOB", "Victim Jane (DOB 12/03/1988) was assaulted on 14/02/2024.", ["12/03/1988"]),
    ("DOB", "She was born on 3 March 1990 and reported it on 05/05/2024.", ["3 March 1990"]),
    ("DOB", "d.o.b. 1990-04-03, aged 34.", ["1990-04-03"]),
    ("DOB", "Incident occurred on 12/03/2024 at 2300hrs.", []),
    (
        "ADDRESS",
        "Officers attended 14 Soho Road and Flat 3, 27 Alum Rock Rd.",
        ["14 Soho Road", "Flat 3, 27 Alum Rock Rd"],
    ),
    ("ADDRESS", "she lives at 12a coventry road with her son.", ["12a coventry road"]),
    ("ADDRESS", "2 officers attended Hurst Street; 3 times down the road.", []),
    # regression: street names that are nouns, "The ..." streets and one-word streets (e.g. Birmingham's Parade)
    ("ADDRESS", "IP of 37 School Road discloses offence.", ["37 School Road"]),
    ("ADDRESS", "IP of 78 The Crescent reports public order.", ["78 The Crescent"]),
    ("ADDRESS", "IP of Flat 26, 249 Parade assaulted by suspect.", ["Flat 26, 249 Parade"]),
    ("ADDRESS", "Seen at 2 Church Street and 5 the green.", ["2 Church Street", "5 the green"]),
    ("ADDRESS", "Group of 3 Court officers and 10 Hill walkers attended.", []),
    ("PERSON", "Victim jane smith stated that suspect Mohammed Ali punched her.", ["jane smith", "Mohammed Ali"]),
    ("PERSON", "Mr khan and Mrs O'Brien were spoken to; male known as Tiny.", ["khan", "O'Brien", "Tiny"]),
    ("PERSON", "The victim stated the suspect vehicle left; her brother-in-law has 3 children.", []),
    ("EMAIL", "Email t.khan@gmail.com or admin@council.gov.uk.", ["t.khan@gmail.com", "admin@council.gov.uk"]),
]


@pytest.mark.parametrize(("entity", "text", "expected"), CASES)
def test_recognizer_sentences(analyzer, entity, text, expected):
    """Guards each recognizer's recall on realistic sentences and its checksum/context-based precision."""
    results = analyzer.analyze(text=text, language="en", entities=[entity], score_threshold=THRESHOLD)
    found = sorted(text[r.start : r.end] for r in results)
    if entity == "PERSON":  # spaCy NER may also report names; compare against the context recognizer
        recognizer = RECOGNIZERS["person_context"]()
        found = sorted(text[r.start : r.end] for r in recognizer.analyze(text, [entity]) if r.score >= THRESHOLD)
    assert found == sorted(expected)


def test_registry_is_explicit_and_presidio_style():
    """Guards the one registration table and Presidio's house style (PATTERNS and CONTEXT on each class)."""
    assert set(RECOGNIZERS) >= {
        "uk_postcode",
        "uk_nino",
        "uk_pnc",
        "uk_cro",
        "uk_phone",
        "uk_nhs",
        "dob",
        "uk_address",
        "person_context",
        "person_gazetteer",
    }
    for cls in RECOGNIZERS.values():
        assert hasattr(cls, "PATTERNS")
        assert hasattr(cls, "CONTEXT")


def test_no_us_only_recognizers(analyzer):
    """Guards that US-specific recognizers (SSN, ITIN, licences, bank, passport) are not registered."""
    names = {type(r).__name__ for r in analyzer.get_recognizers("en")}
    assert not {n for n in names if n.startswith("Us") or "Medical" in n}
    assert {"UkNhsRecognizer", "SpacyRecognizer", "OfflineEmailRecognizer"} <= names


def test_patterns_are_linear_on_hostile_input(analyzer):
    """Guards against catastrophic backtracking: long runs of digits, letters and spaces finish fast."""
    import time

    hostile = ("1 " * 3000) + ("a " * 3000) + ("Mr " * 500) + ("0" * 5000) + ("Road " * 500)
    start = time.perf_counter()
    analyzer.analyze(text=hostile, language="en")
    assert time.perf_counter() - start < 10


GAZETTEER_CASES = [
    ("ngozi murphy rang again and said jaswinder was outside.", ["ngozi murphy", "jaswinder"]),
    (
        "Will Hadley attended; spoke to Rose Bayliss and SAMIRA BEGUM at the door.",
        ["Will Hadley", "Rose Bayliss", "SAMIRA BEGUM"],
    ),
    ("Later kerry-ann said Zoë's car was damaged.", ["kerry-ann", "Zoë"]),
    ("Will update the log tomorrow. May need a strategy meeting in June.", []),
    ("Mark as closed; hope to review on Monday. Grace period given, bill unpaid.", []),
    ("Frank discussion held. Seen near Queen Elizabeth Hospital and Perry Barr station.", []),
    ("Incident at Nelson Mandela School and Albert Street; male in a Nike jacket drove a Ford Fiesta.", []),
    ("Email jade.smith@gmail.com or see www.leon-ali.co.uk for details.", []),
]


@pytest.mark.parametrize(("text", "expected"), GAZETTEER_CASES)
def test_gazetteer_recognizer(text, expected):
    """Guards the first-name gazetteer: names in any case without triggers, and its guards against
    common English words ("Will update", "Mark as"), places, institutions, brands and e-mail addresses."""
    recognizer = RECOGNIZERS["person_gazetteer"]()
    found = [text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"]) if r.score >= THRESHOLD]
    assert found == expected


def test_lexicon_is_offline_and_folds_accents():
    """Guards the lexicon's sources (installed packages only) and its case/accent folding."""
    from pseudonymisation.freetext.lexicon import fold, lexicon

    lex = lexicon()
    assert len(lex.forenames) > 40_000
    assert len(lex.surnames) > 10_000
    assert {"ngozi", "zoe", "mohammed", "siobhan", "agnieszka"} <= lex.forenames
    assert fold("Zoë") == fold("ZOE") == "zoe"
    assert lex.is_common("Will")
    assert lex.is_common("update")
    assert not lex.is_common("Khan")


def test_ner_gate_sentences():
    """Guards which sentences reach spaCy: only those with a capitalised word nothing else explains."""
    from pseudonymisation.freetext.lexicon import lexicon
    from pseudonymisation.freetext.ner_gate import NerGate, sentence_spans

    text = "Officers attended Pershore Road. CCTV requested from WMFS.\nKhan was arrested. she is safe."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Officers attended Pershore Road.",
        "CCTV requested from WMFS.",
        "Khan was arrested.",
        "she is safe.",
    ]
    gate = NerGate(lexicon(), frozenset({"cctv"}))
    assert [text[s:e] for s, e in gate.sentences_for_ner(text, [])] == ["Khan was arrested."]
    start = text.index("Khan")
    assert gate.sentences_for_ner(text, [(start, start + 4)]) == []


# Names in the shapes of fire reports and call logs: records-style "SURNAME, Forename", names after a
# descriptor ("reports male ..."), compound Punjabi forenames, an unlisted forename before a listed
# surname, and a surname that is also a building word when a date of birth or a verb follows.
NAME_SHAPE_CASES = [
    ("ATWAL, Manpreet no working smoke alarm fitted; HSV booked.", ["ATWAL, Manpreet"]),
    ("Caller reports male WÓJCIK, Ewa making threats.", ["WÓJCIK, Ewa"]),
    ("HILL, Jane alerted by smoke alarm.", ["HILL, Jane"]),
    ("NOTE, Officers attended. CCTV, Police informed. UPDATE, Victim contacted.", []),
    ("LONDON, Paris and BIRMINGHAM, West Midlands were mentioned.", []),
    ("Caller reports male Shapla Hoque making threats to caller.", ["Shapla Hoque"]),
    ("Caller reports female Nkechi making threats.", ["Nkechi"]),
    ("male youths gathered; female, Asian, approx 20; male White British.", []),
    ("male IC1 seen running; female Police officer attended; male Asian in a hoodie.", []),
    ("Harleen Mistry alerted by smoke alarm, fire in kitchen confined to cooker.", ["Harleen Mistry"]),
    ("Gurpreet and Sukhjeet were present.", ["Gurpreet", "Sukhjeet"]),
    ("Tatenda Adeyemi left cooking unattended.", ["Tatenda Adeyemi"]),
    ("Chloë Hall (DOB 01/02/1990) reports neighbour's door set alight.", ["Chloë Hall"]),
    ("Meeting at Albert Hall. Victoria Park was busy; Nelson Mandela School closed.", []),
]


@pytest.mark.parametrize(("text", "expected"), NAME_SHAPE_CASES)
def test_name_shapes(text, expected):
    """Guards recall on names in records-style and descriptor shapes, and the near misses that must
    stay text (headings before a comma, descriptors before nouns and ethnicities, buildings)."""
    recognizer = RECOGNIZERS["person_gazetteer"]()
    found = sorted({text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"]) if r.score >= THRESHOLD})
    # overlapping results are merged by the redactor; compare the longest match at each start
    found = [f for f in found if not any(f != g and f in g for g in found)]
    assert found == sorted(expected)


# Streets named without a street-type word, and the ring road.
ONE_WORD_STREET_CASES = [
    ("IP of Flat 26, 192 Digbeth reports theft.", ["Flat 26, 192 Digbeth"]),
    ("Caller of 72 Cheapside reports noise.", ["72 Cheapside"]),
    ("IP of 11 Parade approached by two males.", ["11 Parade"]),
    ("IP of 151 Ladywood Middleway assaulted by suspect.", ["151 Ladywood Middleway"]),
    ("Lives at 4 Priory Queensway.", ["4 Priory Queensway"]),
    ("A group of 3 Asian males; one of 2 Officers; at 4 Jordan Road.", ["4 Jordan Road"]),
    ("Arrived at 3 Aston Villa fans' coach; seen at 2 Costa Coffee; one of 5 Ahmed brothers.", []),
    ("Result of 2 Reports reviewed at 10 Monday meeting.", []),
]


@pytest.mark.parametrize(("text", "expected"), ONE_WORD_STREET_CASES)
def test_one_word_street_addresses(text, expected):
    """Guards addresses whose street has no street-type word ("192 Digbeth") after a flat number or
    "of"/"at", and the near misses (counts of people, names, days, two-word proper nouns)."""
    recognizer = RECOGNIZERS["uk_address"]()
    found = sorted(text[r.start : r.end] for r in recognizer.analyze(text, ["ADDRESS"]) if r.score >= THRESHOLD)
    assert found == sorted(expected)
