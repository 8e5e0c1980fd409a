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

_SUFFIX_WORDS = (
    "road rd street st avenue ave lane ln close cl drive dr grove gr way crescent cres place pl terrace "
    "tce gardens gdns walk court ct hill square sq rise view row mews parade green park vale croft "
    "mount boulevard approach gate meadow meadows fold wharf end"
)
SUFFIXES: tuple[str, ...] = tuple(_SUFFIX_WORDS.split())
_STOP = "|".join(sorted(STOP_WORDS, key=len, reverse=True))
_FLAT = r"(?:(?:flat|apartment|apt|unit|room)[ \t]*\d{1,4}[a-z]?[ \t]*,?[ \t]*)?"
_NUMBER = r"\b\d{1,4}[a-z]?(?:[ \t]*-[ \t]*\d{1,4}[a-z]?)?,?[ \t]+"
_CAP_WORD = rf"(?!(?i:{_STOP})\b)(?-i:[A-Z][A-Za-z'\-]*)"
_LOW_WORD = rf"(?!(?:{_STOP})\b)(?-i:[a-z][a-z'\-]*)"
_ORDERED = sorted(SUFFIXES, key=len, reverse=True)
_CAP_SUFFIX = "(?-i:" + "|".join([s.title() for s in _ORDERED] + [s.upper() for s in _ORDERED]) + ")"
_LOW_SUFFIX = "(?-i:" + "|".join(_ORDERED) + ")"
_CAPITALISED = rf"(?:{_CAP_WORD}[ \t]+){{1,3}}{_CAP_SUFFIX}\b"
_LOWER = rf"(?:{_LOW_WORD}[ \t]+){{1,3}}{_LOW_SUFFIX}\b"


class UkAddressRecognizer(PatternRecognizer):
    """Recognizes UK street addresses with a house number."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("street address", rf"{_FLAT}{_NUMBER}(?:{_CAPITALISED}|{_LOWER})", 0.6),
    ]
    CONTEXT: ClassVar[list[str]] = ["address", "lives", "resides", "home", "attended", "property"]

    def __init__(self, supported_entity: str = "ADDRESS") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )
