"""Street addresses: house (and optional flat) number + street name + street suffix.

``14 Soho Road``, ``Flat 3, 27 Alum Rock Rd``, ``12a coventry road``. A street named without a house
number ("on Broad Street") is a place, not an address, and is left in the text. The street-name words
are either all capitalised or all lower case, and never common narrative words (see ``_words``), so
"2 officers attended Hurst Street" is not an address.
"""

from __future__ import annotations

from typing import Any, ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from pseudonymisation.freetext.lexicon import fold, lexicon
from pseudonymisation.freetext.recognizers._words import STOP_WORDS
from pseudonymisation.freetext.recognizers.person_gazetteer_recognizer import NOT_NAMES
from pseudonymisation.freetext.streets import SUFFIXES

_STOP = "|".join(sorted(STOP_WORDS, key=len, reverse=True))
_FLAT = r"(?:(?:flat|apartment|apt|unit|room)[ \t]*\d{1,4}[a-z]?[ \t]*,?[ \t]*)?"
_NUMBER = r"\b\d{1,4}[a-z]?(?:[ \t]*-[ \t]*\d{1,4}[a-z]?)?,?[ \t]+"
# A capitalised street-name word may be a noun ("School Road", "Church Street"); only function words
# break a capitalised run ("at Hurst Street" is a place, not part of the street name).
_FUNCTION = "the|a|an|and|or|of|at|in|on|to|by|for|with|from|near|outside|opposite|behind|into|onto|via"
_CAP_WORD = rf"(?!(?i:{_FUNCTION})\b)(?-i:[A-Z][A-Za-z'\-]*)"
_LOW_WORD = rf"(?!(?:{_STOP})\b)(?-i:[a-z][a-z'\-]*)"
_ORDERED = sorted(SUFFIXES, key=len, reverse=True)
_CAP_SUFFIX = "(?-i:" + "|".join([s.title() for s in _ORDERED] + [s.upper() for s in _ORDERED]) + ")"
_LOW_SUFFIX = "(?-i:" + "|".join(_ORDERED) + ")"
_STANDALONE_WORDS = (
    "Parade",
    "Crescent",
    "Green",
    "Square",
    "Boulevard",
    "Broadway",
    "Mews",
    "Terrace",
    "Promenade",
    "Circus",
    "Grove",
)
_STANDALONE = "(?-i:" + "|".join(_STANDALONE_WORDS) + ")"
_STANDALONE_FOLDED = frozenset(w.casefold() for w in _STANDALONE_WORDS)
_CAPITALISED = rf"(?:{_CAP_WORD}[ \t]+){{1,3}}{_CAP_SUFFIX}\b"
_PROPER = r"(?-i:\p{Lu}\p{Ll}[\p{Ll}'\-]*)"
# Scores that mark the two forms checked word by word in ``analyze`` (no street-type word in them).
FLAT_SCORE = 0.55
ONE_WORD_SCORE = 0.51  # distinct from the 0.5 of the street-word-alone pattern above
_WORD = regex.compile(r"\p{L}[\p{L}'\-]*")
_LOWER = rf"(?:{_LOW_WORD}[ \t]+){{1,3}}{_LOW_SUFFIX}\b"


class UkAddressRecognizer(PatternRecognizer):
    """Recognizes UK street addresses with a house number."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("street address", rf"{_FLAT}{_NUMBER}(?:{_CAPITALISED}|{_LOWER})", 0.6),
        # "78 The Crescent", "2 the green": streets named by article + street word
        Pattern("the-street address", rf"{_FLAT}{_NUMBER}(?:The|the)[ \t]+(?:{_CAP_SUFFIX}|{_LOW_SUFFIX})\b", 0.6),
        # "249 Parade", "12 Crescent": streets named by a street word alone (capitalised; only the words
        # that stand alone as street names, so "3 Court officers" stays text)
        Pattern("one-word street address", rf"{_FLAT}{_NUMBER}{_STANDALONE}\b", 0.5),
        # "Flat 26, 192 Digbeth": a flat number, a comma and a house number always start an address line
        Pattern(
            "flat and house number",
            rf"\b(?:flat|apartment|apt)[ \t]*\d{{1,4}}[a-z]?[ \t]*,[ \t]*\d{{1,4}}[a-z]?[ \t]+{_PROPER}(?:[ \t]+{_PROPER})?",
            FLAT_SCORE,
        ),
        # "IP of 74 Digbeth reports", "lives at 26 Cheapside": a house number and one proper noun
        # (streets named without a street-type word), not followed by another capitalised word
        Pattern(
            "house number and street name",
            rf"\b(?:of|at)[ \t]+\K\d{{1,4}}[a-z]?[ \t]+{_PROPER}\b(?![ \t]+(?-i:\p{{Lu}}))",
            ONE_WORD_SCORE,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["address", "lives", "resides", "home", "attended", "property"]

    def __init__(self, supported_entity: str = "ADDRESS") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        """Pattern matches; the two forms without a street-type word keep only street-like words."""
        out: list[RecognizerResult] = []
        for result in super().analyze(text, entities, nlp_artifacts, regex_flags):
            if result.score in (FLAT_SCORE, ONE_WORD_SCORE):
                end = self._street_end(text, result.start, result.end, one_word=result.score == ONE_WORD_SCORE)
                if end is None:
                    continue
                result.end = end
            out.append(result)
        return out

    @staticmethod
    def _street_end(text: str, start: int, end: int, *, one_word: bool) -> int | None:
        """End of the address once words that cannot name a street are dropped (``None``: not one)."""
        lex = lexicon()
        words = list(_WORD.finditer(text, start, end))
        if words and fold(words[0].group()) in ("flat", "apartment", "apt"):
            words = words[1:]
        kept = start
        for k, word in enumerate(words):
            folded = fold(word.group())
            if one_word and folded in _STANDALONE_FOLDED:  # "11 Parade"
                kept = word.end()
                break
            if folded in STOP_WORDS or folded in NOT_NAMES or ((k or one_word) and lex.is_common(word.group())):
                break
            if one_word and folded in lex.forenames:
                break
            kept = word.end()
        if kept == start:
            return None
        return kept
