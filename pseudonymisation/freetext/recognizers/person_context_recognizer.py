"""Person names introduced by a title or a role word, including names written in lower case.

Triggers: titles (``Mr``, ``Mrs``, ``Ms``, ``Miss``, ``Mx``, ``Dr``), role words used in incident
logs (``victim``, ``suspect``, ``IP``/injured party, ``caller``, ``complainant``, ``witness``,
``offender``, ``partner``...), naming phrases (``named as``, ``known as``, ``aka``) and the closing
words of letters and e-mails (``Kind regards,`` then the name on the next line). After the
trigger, up to three name words are taken; the name ends at punctuation or at the first common
narrative word (``_words.STOP_WORDS``), so "victim stated" yields nothing and "suspect mohammed ali
punched" yields "mohammed ali". spaCy NER finds capitalised names without triggers; this recognizer
covers what NER misses (lower-case names, one-word nicknames, names after role words).
"""

from __future__ import annotations

from typing import Any, ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from pseudonymisation.freetext.recognizers._words import STOP_WORDS

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr")
ROLES = (
    "victim",
    "suspect",
    "ip",
    "i/p",
    "injured party",
    "caller",
    "complainant",
    "informant",
    "witness",
    "offender",
    "accused",
    "subject",
    "perpetrator",
    "aggressor",
    "partner",
    "ex-partner",
    "ex partner",
    "boyfriend",
    "girlfriend",
    "ex-boyfriend",
    "ex-girlfriend",
    "husband",
    "wife",
    "son",
    "daughter",
    "brother",
    "sister",
    "mother",
    "father",
    "mum",
    "dad",
    "stepdad",
    "stepfather",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "aunt",
    "neighbour",
    "landlord",
    "tenant",
    "patient",
    "applicant",
    "client",
    "associate",
    "friend",
    "pt",
    "resident",
    "child",
    "pupil",
    "student",
)
# Descriptors that precede a name in call logs and fire reports ("reports male Jordan Smith making
# threats", "occupier Harleen Mistry"). They are also ordinary nouns ("male youths gathered"), so the
# gazetteer recognizer takes the name after them only when it is capitalised and name-like.
DESCRIPTORS = (
    "male",
    "female",
    "man",
    "woman",
    "boy",
    "girl",
    "youth",
    "occupier",
    "occupant",
    "resident",
    "neighbour",
)
NAMING = (
    "named as",
    "known as",
    "aka",
    "a.k.a.",
    "a.k.a",
    "calls himself",
    "calls herself",
    "name of",
    "name is",
    "named",
    "called",
    "name as",
    "name given as",
    "gave name",
    "goes by",
)
# Verb and preposition phrases that usually precede a person in narratives; weaker evidence, so the
# name must start with a capital letter or be followed by another name word.
LEADS = (
    "assaulted by",
    "attacked by",
    "threatened by",
    "harassed by",
    "stabbed by",
    "punched by",
    "threats from",
    "abuse from",
    "contact",
    "spoke to",
    "spoke with",
    "rang about",
    "concerns about",
    "car with",
    "she knows",
    "he knows",
    "they know",
    "arrested",
    "visited by",
    "seen with",
    "staying with",
    "living with",
    "lives with",
)

# Closing words of letters and e-mails; the name is on the next line ("Kind regards,\nJo Bloggs").
SIGN_OFFS = (
    "regards",
    "wishes",
    "thanks",
    "thank you",
    "cheers",
    "sincerely",
    "faithfully",
    "best",
)

LEAD_SCORE = 0.55
# Between trigger and name: spaces, or a colon/comma, or a spaced dash ("victim - Jane"); never a bare
# hyphen, so "brother-in-law" is not "brother" + a name.
_SEP = r"\b(?:[ \t]*[:,][ \t]*|[ \t]+(?:-[ \t]+)?)"
_NAME_WORD = regex.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
_GAP = regex.compile(r"[ \t]+")
MAX_NAME_WORDS = 3


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


class PersonContextRecognizer(PatternRecognizer):
    """Recognizes names that follow titles, role words and naming phrases."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("title", rf"\b(?:{_alternation(TITLES)})\b\.?[ \t]+(?=[^\W\d_])", 0.85),
        Pattern("naming phrase", rf"\b(?:{_alternation(NAMING)}){_SEP}['\"]?(?=[^\W\d_])", 0.7),
        Pattern("role word", rf"\b(?:{_alternation(ROLES)}){_SEP}(?=[^\W\d_])", 0.6),
        Pattern("lead phrase", rf"\b(?:{_alternation(LEADS)}){_SEP}(?=[^\W\d_])", LEAD_SCORE),
        Pattern("sign-off", rf"\b(?:{_alternation(SIGN_OFFS)})[ \t]*[,.!]?[ \t]*\r?\n[ \t]*(?=[^\W\d_])", 0.6),
    ]
    CONTEXT: ClassVar[list[str]] = []

    def __init__(self, supported_entity: str = "PERSON") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        """Turn each trigger match into the name span that follows it (if any)."""
        out: list[RecognizerResult] = []
        for trigger in super().analyze(text, entities, nlp_artifacts, regex_flags):
            span = name_after(text, trigger.end)
            if span is None:
                continue
            start, end, capitalised = span
            is_lead = trigger.score == LEAD_SCORE
            if is_lead and not capitalised and " " not in text[start:end]:
                continue
            score = trigger.score if capitalised else trigger.score - 0.1
            out.append(
                RecognizerResult(
                    self.supported_entities[0],
                    start,
                    end,
                    score,
                    recognition_metadata=trigger.recognition_metadata,
                )
            )
        return out


def name_after(text: str, pos: int) -> tuple[int, int, bool] | None:
    """Span of up to three name words starting at ``pos``; ``capitalised`` tells how it was written."""
    words: list[tuple[int, int]] = []
    cursor = pos
    while len(words) < MAX_NAME_WORDS:
        match = _NAME_WORD.match(text, cursor)
        if not match or match.group().casefold().replace("’", "'") in STOP_WORDS:
            break
        if match.group().casefold() in TITLES or match.group().casefold() in ROLES:
            break
        words.append(match.span())
        gap = _GAP.match(text, match.end())
        if not gap:
            break
        cursor = gap.end()
    if not words:
        return None
    first = text[words[0][0]]
    return words[0][0], words[-1][1], first.isupper()
