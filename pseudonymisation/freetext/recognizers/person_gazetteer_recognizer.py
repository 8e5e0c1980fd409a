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
from pseudonymisation.freetext.recognizers._words import STOP_WORDS
from pseudonymisation.freetext.recognizers.person_context_recognizer import NAMING, ROLES, TITLES
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
TRIGGER_WORDS: frozenset[str] = frozenset(w for phrase in (*TITLES, *ROLES, *NAMING) for w in phrase.split())
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
        return folded in names or ("-" in folded and all(p in names for p in folded.split("-")))

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
        return out

    def _match_at(self, text: str, words: list[regex.Match[str]], i: int) -> tuple[int, int, float, int] | None:
        first = words[i]
        word = first.group()
        if not self.is_forename(word):
            return None
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


def _strip_possessive(text: str, start: int, end: int) -> int:
    return end - 2 if _POSSESSIVE.search(text, start, end) else end


def _sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\"'(‘“":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END
