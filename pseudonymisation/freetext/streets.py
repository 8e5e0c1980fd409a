"""Street-type words ("road", "close", "parade" ...), shared by the address recognizer, the place
gazetteer and the name recognizers. A data module with no imports, so any of them can use it."""

from __future__ import annotations

_SUFFIX_WORDS = (
    "road rd street st avenue ave lane ln close cl drive dr grove gr way crescent cres place pl terrace "
    "tce gardens gdns walk court ct hill square sq rise view row mews parade green park vale croft "
    "mount boulevard approach gate meadow meadows fold wharf end "
    # Birmingham's ring-road names: "Ladywood Middleway", "Priory Queensway", "Bristol Street Ringway"
    "middleway queensway ringway"
)
SUFFIXES: tuple[str, ...] = tuple(_SUFFIX_WORDS.split())
