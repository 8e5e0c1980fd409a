"""Decide which sentences of a narrative spaCy's NER has to read.

spaCy's small model tags people from capitalised words. A sentence whose capitalised words are all
accounted for cannot give it a person to find, so it is not sent to the model. A capitalised word is
accounted for when it:

* lies inside a span the text recognizers already found (a gazetteer or titled name, an address...);
* is a common narrative word, an ordinary English word (:mod:`pseudonymisation.freetext.lexicon`),
  an allow-listed acronym, a title or role word, a Birmingham place word, a street or institution
  word, a month or weekday;
* is a short upper-case acronym (``WMFS``, ``DSL``) that is not a known forename or surname;
* names a street (followed by a street-type word: "Pershore Road").

Sentences are split at ``.``, ``!``, ``?`` or ``;`` followed by white space, and at line breaks. On
police-log text this leaves roughly a quarter to a third of the characters for the model, which is
most of the redactor's run time.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from pseudonymisation.freetext import gazetteer
from pseudonymisation.freetext.lexicon import Lexicon, fold
from pseudonymisation.freetext.recognizers._words import STOP_WORDS
from pseudonymisation.freetext.recognizers.person_gazetteer_recognizer import INSTITUTIONS, NOT_NAMES, TRIGGER_WORDS
from pseudonymisation.freetext.streets import SUFFIXES

_BOUNDARY = regex.compile(r"(?<=[.!?;])[ \t]+|[ \t]*(?:\r?\n[ \t]*)+")
_WORD = regex.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
_POSSESSIVE = regex.compile(r"['’]s$", regex.IGNORECASE)
_GAP = regex.compile(r"[ \t]+")
_ABBREVIATIONS = """
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
"""
_MONTH_ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())
ACRONYM_LENGTH = 4


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence or line of ``text`` (white space between them left out)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


class NerGate:
    """Tells whether a sentence has a capitalised word that only NER could explain."""

    def __init__(self, lexicon: Lexicon, allow: frozenset[str] = frozenset()) -> None:
        self.lexicon = lexicon
        place_words = {w for place in gazetteer.PLACES for w in place.split()}
        self.explained: frozenset[str] = frozenset(
            STOP_WORDS | allow | place_words | INSTITUTIONS | TRIGGER_WORDS | NOT_NAMES | _MONTH_ABBREVIATIONS
        )

    def _unexplained(self, text: str, word: regex.Match[str]) -> bool:
        bare = _POSSESSIVE.sub("", word.group())
        folded = fold(bare)
        if folded in self.explained or folded in self.lexicon.common_words:
            return False
        lex = self.lexicon
        if (
            bare.isupper()
            and len(bare) <= ACRONYM_LENGTH
            and folded not in lex.forenames
            and folded not in lex.surnames
        ):
            return False
        gap = _GAP.match(text, word.end())
        if gap is not None:
            nxt = _WORD.match(text, gap.end())
            if nxt is not None and nxt.group()[:1].isupper() and fold(nxt.group()) in SUFFIXES:
                return False
        return True

    def needs_ner(self, text: str, start: int, end: int, covered: Sequence[tuple[int, int]]) -> bool:
        """True when ``text[start:end]`` has a capitalised word outside ``covered`` not accounted for."""
        for word in _WORD.finditer(text, start, end):
            if not word.group()[:1].isupper():
                continue
            if any(s < word.end() and word.start() < e for s, e in covered):
                continue
            if self._unexplained(text, word):
                return True
        return False

    def sentences_for_ner(self, text: str, covered: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """The sentences of ``text`` that NER has to read."""
        return [(s, e) for s, e in sentence_spans(text) if self.needs_ner(text, s, e, covered)]
