"""Person names found from a first-name gazetteer, in any letter case and without a trigger word.

A word that is a known forename (:mod:`pseudonymisation.freetext.lexicon`: about 50,000 first names
from many naming traditions, matched case- and accent-insensitively) starts a name; up to two
following name-like words on the same line are taken as the rest of it ("ngozi murphy", "Sahra
Chukwu-Bello"). A following word is name-like when it is not a common narrative word and not an
ordinary English word (judged by how often it is written in lower case), unless it is a capitalised
known surname ("Mark Price").

Guards against forenames that are also English words and against other capitalised words:

* a forename that is an ordinary English word ("will", "may", "mark", "rose", "grace", "hope") counts
  only written capitalised and followed by a capitalised name-like word ("Will Hadley", not "Will
  update" nor "will hadley");
* a forename alone (no name-like word after it) counts only if it is not an ordinary English word, is
  not a month, day or similar proper noun, does not start a sentence when it is also common in lower
  case ("Frank discussion held"), and is not the second word of a place ("Queen Elizabeth");
* a name followed by a street or institution word is a place ("Albert Street", "Nelson Mandela
  School"); months, days, car makes and clothing brands are never forenames;
* words inside e-mail addresses, URLs and other tokens with ``@``, ``/`` or ``.`` joins are skipped.

spaCy's NER finds capitalised names in context; this recognizer adds names the small model misses,
especially lower-case or mixed-case ones and names in lists, greetings and sign-offs.
"""

from __future__ import annotations

from typing import Any, ClassVar

import regex
from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult

from pseudonymisation.freetext import gazetteer  # imported as a module: gazetteer imports this package
from pseudonymisation.freetext.lexicon import Lexicon, fold, lexicon
from pseudonymisation.freetext.recognizers._words import FUNCTION_WORDS, STOP_WORDS
from pseudonymisation.freetext.recognizers.person_context_recognizer import DESCRIPTORS, NAMING, ROLES, TITLES
from pseudonymisation.freetext.streets import SUFFIXES

FULL_NAME_SCORE = 0.75
COMMON_FORENAME_SCORE = 0.6
SINGLE_NAME_SCORE = 0.5
MAX_FOLLOWING = 2

# Capitalised words that are in first-name lists but in narratives are almost always something else.
_NOT_NAMES = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday christmas easter eid ramadan diwali
    god allah jesus christ lord sir madam
    india pakistan jordan kenya georgia israel asia africa america china paris chelsea
    america asian african english british irish scottish welsh polish indian somali christian muslim
    ford mercedes nike adidas audi toyota honda mazda skoda kia nissan renault peugeot volvo lexus jaguar
    porsche tesla puma gucci armani chanel lacoste fiesta corsa astra golf polo
    caucasian european arab arabic caribbean romanian albanian kurdish eritrean afghan iranian iraqi
    syrian sudanese nigerian ghanaian jamaican bangladeshi pakistani kashmiri sikh hindu turkish
    italian spanish portuguese russian ukrainian lithuanian latvian slovak czech hungarian bulgarian
    chinese vietnamese filipino
"""
NOT_NAMES: frozenset[str] = frozenset(_NOT_NAMES.split())
_INSTITUTION_WORDS = """
    hospital station school academy college university centre center house hall court church mosque
    temple gurdwara park stadium shopping bank surgery practice clinic ward unit street road lane avenue
    estate tower towers police council team services service support group trust
"""
INSTITUTIONS: frozenset[str] = frozenset(_INSTITUTION_WORDS.split()) | frozenset(SUFFIXES)
# Narrative words that are also forenames; they pass only under the common-word guard ("Will Hadley").
_STOP_WORD_FORENAMES = frozenset({"will", "may"})
_PLACE_WORDS = frozenset(w for place in gazetteer.PLACES for w in place.split())
TRIGGER_WORDS: frozenset[str] = frozenset(
    w for phrase in (*TITLES, *ROLES, *NAMING, *DESCRIPTORS) for w in phrase.split()
)
_DESCRIPTORS = frozenset(DESCRIPTORS)
_MONTHS_DAYS_TEXT = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday christmas easter
"""
_MONTHS_DAYS = frozenset(_MONTHS_DAYS_TEXT.split())
# Punjabi (mostly Sikh) given names are compounds of a first element and a second element
# ("Man-preet", "Har-leen", "Jas-winder", "Sukh-jeet"); many are in neither name list.
_PUNJABI_FORENAME = regex.compile(
    r"(?:aman|am|bal|dal|gur|har|hard|jas|jag|jat|kam|kar|kul|lakh|man|nav|param|prab|raj|ran|rup|sim|"
    r"sukh|tej|bhu|dil|sat|sar|amar|bhup|jasw|kiran|hark|inder|gagan|rav)"
    r"(?:preet|prit|leen|jit|jeet|winder|vinder|inder|deep|dip|jot|meet|pal|bir|veer|vir|want|noor|neet|"
    r"jeev|jinder|minder|bans)"
)
# Words that show a preceding capitalised pair is a person, not a place ("Chloë Hall (DOB ...)
# reports", "Rose Green alerted by smoke alarm"): a date of birth or age, or a reporting verb.
_PERSON_CUE = regex.compile(
    r"[ \t]*(?:\([ \t]*)?(?:(?-i:DOB|D\.O\.B)|dob\b|aged\b|born\b|(?:reports|reported|states|stated|says|said|"
    r"alerted|phoned|rang|disclosed|admits|admitted|denies|denied|claims|claimed|left\s+cooking)\b)",
    regex.IGNORECASE,
)
# "SURNAME, Forename" as records systems print names ("ATWAL, Manpreet", "WÓJCIK, Ewa").
_SURNAME_COMMA = regex.compile(r",[ \t]*")
_VOWEL = regex.compile(r"[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ]", regex.IGNORECASE)
# Upper-case record headings that may precede a name and a comma ("NOTE, Jane called back").
_HEADINGS_TEXT = """
    note notes update alert warning urgent confidential info information reminder action summary
    correction addendum re fyi nb attn attention subject location address details
"""
_HEADINGS = frozenset(_HEADINGS_TEXT.split())
_UNLIKELY_ADJACENT = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue"}
    | {"wed", "thu", "fri", "sat", "sun"}
)
# A word: letters with internal hyphens or apostrophes; never part of an e-mail, URL or dotted token.
_WORD = regex.compile(r"(?<![\w@/.\-'’])[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*(?![\w@/]|\.\w)")
_POSSESSIVE = regex.compile(r"['’]s$", regex.IGNORECASE)
_SAME_LINE_GAP = regex.compile(r"[ \t]+")
_SENTENCE_END = frozenset(".!?:;\n")


def _style(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "upper"
    if word[:1].isupper():
        return "title"
    return "lower"


class PersonGazetteerRecognizer(EntityRecognizer):
    """Recognizes names that start with a known forename, guarded against ordinary English words."""

    PATTERNS: ClassVar[list[Pattern]] = []  # dictionary look-ups, no regular-expression patterns
    CONTEXT: ClassVar[list[str]] = []

    def __init__(self, supported_entity: str = "PERSON", lexicon_: Lexicon | None = None) -> None:
        self._lexicon = lexicon_
        super().__init__(supported_entities=[supported_entity], supported_language="en", name=type(self).__name__)

    def load(self) -> None:
        """Build (or reuse) the process-wide lexicon."""
        if self._lexicon is None:
            self._lexicon = lexicon()

    @property
    def lex(self) -> Lexicon:
        """The lexicon, built on first use."""
        if self._lexicon is None:
            self._lexicon = lexicon()
        return self._lexicon

    # --- word tests -------------------------------------------------------------------------------

    def is_forename(self, word: str) -> bool:
        """A known forename; a hyphenated word counts when every part is one ("Kerry-Ann")."""
        folded = fold(_POSSESSIVE.sub("", word))
        if folded in STOP_WORDS and folded not in _STOP_WORD_FORENAMES:
            return False
        if folded in NOT_NAMES or folded in TRIGGER_WORDS or folded in gazetteer.PLACES:
            return False
        names = self.lex.forenames
        if folded in names or ("-" in folded and all(p in names for p in folded.split("-"))):
            return True
        return bool(_PUNJABI_FORENAME.fullmatch(folded)) and folded not in self.lex.common_words

    def is_name_like(self, word: str) -> bool:
        """Could be a surname or middle name: not a narrative word, not an ordinary English word."""
        bare = _POSSESSIVE.sub("", word)
        folded = fold(bare)
        if len(folded) < 2 or folded in STOP_WORDS or folded in TRIGGER_WORDS or folded in NOT_NAMES:
            return False
        if folded in INSTITUTIONS or folded in _PLACE_WORDS:
            return False
        if "-" in folded:
            return all(self.is_name_like(p) for p in bare.split("-") if p)
        if self.lex.is_common(bare):
            return _style(bare) == "title" and (folded in self.lex.surnames or folded in self.lex.forenames)
        return True

    # --- analysis ---------------------------------------------------------------------------------

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """Names starting with a gazetteer forename (works on the text alone; ``nlp_artifacts`` unused)."""
        words = list(_WORD.finditer(text))
        out: list[RecognizerResult] = []
        i = 0
        while i < len(words):
            match = self._match_at(text, words, i)
            if match is None:
                i += 1
                continue
            start, end, score, used = match
            out.append(
                RecognizerResult(
                    self.supported_entities[0],
                    start,
                    end,
                    score,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
            i += used
        for start, end, score in (*self._surname_comma(text, words), *self._after_descriptor(text, words)):
            out.append(self._result(start, end, score))
        return out

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            self.supported_entities[0],
            start,
            end,
            score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )

    def _excluded(self, folded: str) -> bool:
        """Words never taken as a name by the rules below (narrative, role, place, street words)."""
        return (
            folded in STOP_WORDS
            or folded in TRIGGER_WORDS
            or folded in INSTITUTIONS
            or folded in _PLACE_WORDS
            or folded in gazetteer.PLACES
            or folded in _UNLIKELY_ADJACENT
        )

    def _surname_comma(self, text: str, words: list[regex.Match[str]]) -> list[tuple[int, int, float]]:
        """``SURNAME, Forename``: an upper-case word, a comma, then a capitalised forename."""
        out: list[tuple[int, int, float]] = []
        for i in range(len(words) - 1):
            sur, fore = words[i], words[i + 1]
            if _style(sur.group()) != "upper" or _style(fore.group()) != "title" or fore.group().isupper():
                continue
            if not _SURNAME_COMMA.fullmatch(text, sur.end(), fore.start()):
                continue
            s_fold, f_fold = fold(sur.group()), fold(_POSSESSIVE.sub("", fore.group()))
            if not _VOWEL.search(s_fold) or s_fold in NOT_NAMES or s_fold in _HEADINGS:
                continue
            if self._excluded(f_fold) or f_fold in NOT_NAMES:
                continue
            known_forename = self.is_forename(fore.group())
            if self._excluded(s_fold) and not (known_forename and s_fold in INSTITUTIONS):
                continue  # but "HILL, Jane", "GREEN, Rahima": surnames that are street words
            if (self.lex.is_common(sur.group()) or self.lex.is_common(fore.group())) and not known_forename:
                continue
            nxt = words[i + 2] if i + 2 < len(words) else None
            if nxt is not None and _style(nxt.group()) != "lower" and fold(nxt.group()) in INSTITUTIONS:
                continue  # "LONDON, Albert Street"
            out.append((sur.start(), _strip_possessive(text, fore.start(), fore.end()), FULL_NAME_SCORE))
        return out

    def _after_descriptor(self, text: str, words: list[regex.Match[str]]) -> list[tuple[int, int, float]]:
        """Capitalised names after a descriptor ("reports male Shapla Hoque making threats")."""
        out: list[tuple[int, int, float]] = []
        for i in range(len(words) - 1):
            if fold(words[i].group()) not in _DESCRIPTORS:
                continue
            names: list[regex.Match[str]] = []
            j = i
            while len(names) < 1 + MAX_FOLLOWING and j + 1 < len(words):
                nxt = words[j + 1]
                if not _SAME_LINE_GAP.fullmatch(text, words[j].end(), nxt.start()):
                    break
                if _style(nxt.group()) != "title" or (names and _POSSESSIVE.search(names[-1].group())):
                    break
                folded = fold(_POSSESSIVE.sub("", nxt.group()))
                if self._excluded(folded):
                    break
                if names and not self.is_name_like(nxt.group()) and not self.is_forename(nxt.group()):
                    break
                names.append(nxt)
                j += 1
            if not names:
                continue
            first = names[0].group()
            folded = fold(_POSSESSIVE.sub("", first))
            # "male White British", "female Asian": such a word counts only as the first of two name words
            if (folded in NOT_NAMES or self.lex.is_common(first)) and (
                len(names) < 2 or not (self.is_forename(first) or folded in self.lex.surnames)
            ):
                continue
            after = words[j + 1] if j + 1 < len(words) else None
            if after is not None and _style(after.group()) != "lower" and fold(after.group()) in INSTITUTIONS:
                continue
            out.append((names[0].start(), _strip_possessive(text, names[0].start(), names[-1].end()), 0.6))
        return out

    @staticmethod
    def _gap(text: str, left: regex.Match[str], right: regex.Match[str]) -> bool:
        return _SAME_LINE_GAP.fullmatch(text, left.end(), right.start()) is not None

    def _surname_anchored(self, text: str, words: list[regex.Match[str]], i: int) -> tuple[int, int, float, int] | None:
        """An unlisted capitalised forename before a listed surname ("Tatenda Adeyemi left ...")."""
        if i + 1 >= len(words):
            return None
        first, second = words[i], words[i + 1]
        if _style(first.group()) != "title" or _style(second.group()) != "title" or not self._gap(text, first, second):
            return None
        f_fold, s_fold = fold(first.group()), fold(_POSSESSIVE.sub("", second.group()))
        if len(f_fold) < 3 or self._excluded(f_fold) or f_fold in NOT_NAMES or self.lex.is_common(first.group()):
            return None
        if f_fold in self.lex.capitalised_words or f_fold in self.lex.surnames:
            return None  # a proper noun of some other kind, or two surnames ("Severn Trent")
        if s_fold not in self.lex.surnames or not self.is_name_like(second.group()):
            return None
        after = words[i + 2] if i + 2 < len(words) else None
        if after is not None and _style(after.group()) != "lower" and fold(after.group()) in INSTITUTIONS:
            return None
        return first.start(), _strip_possessive(text, first.start(), second.end()), COMMON_FORENAME_SCORE, 2

    def _excluded_adjacent(self, folded: str) -> bool:
        return (
            folded in TRIGGER_WORDS
            or folded in INSTITUTIONS
            or folded in _PLACE_WORDS
            or folded in gazetteer.PLACES
            or folded in _UNLIKELY_ADJACENT
            or folded in _MONTHS_DAYS
        )

    def adjacent_name_word(self, word: str, side: str, comma: bool, sentence_initial: bool) -> bool:
        """Whether ``word``, written right next to a detected name, is part of that name.

        ``side`` is ``"left"`` or ``"right"``; ``comma`` tells whether a comma separates them. A
        capitalised word after a name ("[Jane Smith] Butt", "[Jane Smith], Blessing") is taken even if
        it is an ordinary English word, unless it is a function, role, place, street or month word; a
        word before a name must be a name or an unusual word ("Jordan [Smith]"), or an upper-case
        surname before a comma ("BUTLER, [Ellis]").
        """
        bare = _POSSESSIVE.sub("", word)
        folded = fold(bare)
        if len(folded) < 2 or not bare[:1].isupper() or folded in FUNCTION_WORDS:
            return False
        if side == "left" and comma and bare.isupper() and folded in INSTITUTIONS:
            pass  # "HILL, [Jane]": an upper-case surname that is also a street word
        elif self._excluded_adjacent(folded):
            return False
        if folded in NOT_NAMES and folded not in self.lex.forenames:
            return False
        upper = _style(bare) == "upper"
        known = folded in self.lex.forenames or folded in self.lex.surnames or self.is_forename(bare)
        if folded in STOP_WORDS and not known:  # "[Jane Smith] Police"; but "[suspect], Said"
            return False
        if side == "right":
            if upper:
                return known and not comma
            if comma:
                return known or not self.lex.is_common(bare)
            return True
        if comma:  # "BUTLER, [Ellis]"
            return upper and bool(_VOWEL.search(folded)) and len(folded) >= 3 and folded not in _HEADINGS
        if upper:
            return False
        if sentence_initial and self.lex.is_common(bare):
            return False
        return known or not self.lex.is_common(bare)

    def _match_at(self, text: str, words: list[regex.Match[str]], i: int) -> tuple[int, int, float, int] | None:
        first = words[i]
        word = first.group()
        if not self.is_forename(word):
            return self._surname_anchored(text, words, i)
        style = _style(word)
        common = self.lex.is_common(_POSSESSIVE.sub("", word))
        following: list[regex.Match[str]] = []
        j = i
        while len(following) < MAX_FOLLOWING and j + 1 < len(words):
            nxt = words[j + 1]
            gap = _SAME_LINE_GAP.fullmatch(text, words[j].end(), nxt.start())
            if gap is None or _POSSESSIVE.search(words[j].group()) or not self.is_name_like(nxt.group()):
                break
            if following and _style(nxt.group()) != _style(following[-1].group()):
                break
            following.append(nxt)
            j += 1
        last = following[-1] if following else first
        after = words[i + len(following) + 1] if i + len(following) + 1 < len(words) else None
        if after is not None and _style(after.group()) != "lower" and fold(after.group()) in INSTITUTIONS:
            if (
                not common
                and _style(after.group()) == _style(last.group())
                and self._gap(text, last, after)
                and fold(after.group()) in self.lex.surnames
                and person_cue_after(text, after.end())
            ):  # "Chloë Hall (DOB ...) reports": a surname that is also a building word
                return first.start(), after.end(), FULL_NAME_SCORE, 2 + len(following)
            return None  # "Nelson Mandela School", "Albert Street"
        if following:
            end = _strip_possessive(text, first.start(), last.end())
            if not common:
                return first.start(), end, FULL_NAME_SCORE, 1 + len(following)
            if style == "title" and _style(following[0].group()) == "title":
                return first.start(), end, COMMON_FORENAME_SCORE, 1 + len(following)
            return None
        if common:
            return None
        folded = fold(_POSSESSIVE.sub("", word))
        if style != "lower" and _sentence_initial(text, first.start()) and folded in self.lex.capitalised_words:
            return None
        if after is not None and fold(after.group()) in INSTITUTIONS:
            return None
        if i > 0 and f"{fold(words[i - 1].group())} {folded}" in gazetteer.PLACES:
            return None
        if after is not None and f"{folded} {fold(after.group())}" in gazetteer.PLACES:
            return None  # "Perry Barr"
        return first.start(), _strip_possessive(text, first.start(), first.end()), SINGLE_NAME_SCORE, 1


def person_cue_after(text: str, pos: int) -> bool:
    """True when ``text[pos:]`` starts with a date of birth, an age or a reporting verb."""
    return _PERSON_CUE.match(text, pos) is not None


def _strip_possessive(text: str, start: int, end: int) -> int:
    return end - 2 if _POSSESSIVE.search(text, start, end) else end


def _sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\"'(‘“":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END
