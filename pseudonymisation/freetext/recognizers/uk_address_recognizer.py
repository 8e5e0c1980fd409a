"""Street addresses: house (and optional flat) number + street name + street suffix.

``14 Soho Road``, ``Flat 3, 27 Alum Rock Rd``, ``12a coventry road``. A street named without a house
number ("on Broad Street") is a place, not an address, and is left in the text. The street-name words
are either all capitalised or all lower case, and never common narrative words (see ``_words``), so
"2 officers attended Hurst Street" is not an address.
"""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pseudonymisation.freetext.recognizers._words import STOP_WORDS
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
_STANDALONE = "(?-i:Parade|Crescent|Green|Square|Boulevard|Broadway|Mews|Terrace|Promenade|Circus|Grove)"
_CAPITALISED = rf"(?:{_CAP_WORD}[ \t]+){{1,3}}{_CAP_SUFFIX}\b"
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
    ]
    CONTEXT: ClassVar[list[str]] = ["address", "lives", "resides", "home", "attended", "property"]

    def __init__(self, supported_entity: str = "ADDRESS") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )
