"""Span bookkeeping for redaction: trimming, known-value matching, name propagation, overlap merging.

Pure functions over the text and candidate spans; nothing here keeps or logs matched values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import regex

from pseudonymisation.freetext.recognizers._words import STOP_WORDS
from pseudonymisation.freetext.recognizers.person_context_recognizer import DESCRIPTORS, NAMING, ROLES, TITLES

PERSON = "PERSON"
KNOWN = "KNOWN"
KNOWN_SCORE = 2.0
# Equal scores on one span: an identifier with a check digit beats a phone number of the same shape.
_PRIORITY = {"NHS_NUMBER": 2, "PNC_ID": 2, "CRO_NUMBER": 2, "NI_NUMBER": 2, "POSTCODE": 1, "EMAIL": 1}
_NAME_VALUE = regex.compile(r"[^\W\d_][^\W\d_'’\-\s.]*(?:[\s\-'’.]+[^\W\d_][^\W\d_'’\-\s.]*)*")
_WORD = regex.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LEADING = {w for w in (*TITLES, *ROLES, *NAMING, *DESCRIPTORS)} | {"victim", "suspect", "officer", "pc", "ps", "dc"}


@dataclass(frozen=True)
class Span:
    """A candidate redaction: half-open ``[start, end)`` in the original text."""

    start: int
    end: int
    entity_type: str
    score: float
    label: str | None = None  # known-role label such as "VICTIM"

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


def name_words(text: str) -> list[str]:
    """Case-folded words of a name, without titles and common words."""
    return [
        w.casefold()
        for w in _WORD.findall(text)
        if len(w) >= 2 and w.casefold() not in STOP_WORDS and w.casefold() not in _LEADING
    ]


def trim_person(text: str, span: Span) -> Span | None:
    """Drop leading titles/role words and a trailing possessive from an NER person span."""
    start, end = span.start, span.end
    while True:
        m = _WORD.match(text, start)
        if not m or m.end() >= end or m.group().casefold().rstrip(".") not in _LEADING:
            break
        start = m.end()
        while start < end and not text[start].isalnum():
            start += 1
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    # Drop trailing common words ("ngozi taken") picked up by NER.
    while True:
        words = list(_WORD.finditer(text, start, end))
        if len(words) < 2 or words[-1].group().casefold() not in STOP_WORDS:
            break
        end = words[-2].end()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if not any(ch.isalpha() for ch in text[start:end]):
        return None
    return replace(span, start=start, end=end) if end > start else None


def cut_before(span: Span, others: Iterable[tuple[int, int]]) -> Span:
    """End a person span where another entity starts inside it ("Jo Bloggs PNC 01/171310W" from NER)."""
    end = min((s for s, _ in others if span.start < s < span.end), default=span.end)
    return replace(span, end=end) if end != span.end else span


def _flexible(value: str) -> str:
    parts = [regex.escape(ch) for ch in value if not ch.isspace()]
    return r"[\s\-]*".join(parts)


def known_spans(text: str, known: Mapping[str, str] | None) -> list[Span]:
    """Literal occurrences of structured values given for this row (case-insensitive).

    Name-like values also match each of their words alone (surname-only or forename-only mentions).
    """
    out: list[Span] = []
    for role, value in (known or {}).items():
        if not value or not value.strip():
            continue
        label = regex.sub(r"[^A-Z0-9]+", "_", role.upper()).strip("_") or KNOWN
        is_name = bool(_NAME_VALUE.fullmatch(value.strip()))
        patterns = [rf"(?<!\w){_flexible(value)}(?!\w)"]
        if is_name:
            patterns += [rf"(?<!\w){regex.escape(w)}(?!\w)" for w in name_words(value) if len(w) >= 3]
        for pattern in patterns:
            for m in regex.finditer(pattern, text, flags=regex.IGNORECASE, timeout=1.0):
                out.append(Span(m.start(), m.end(), PERSON if is_name else KNOWN, KNOWN_SCORE, label))
    return out


def propagate_names(text: str, persons: Iterable[Span], skip: frozenset[str] = frozenset()) -> list[Span]:
    """Other mentions of words of detected names ("Jane Smith" ... later "Smith").

    A name word written capitalised propagates to capitalised (or upper-case) mentions only; a word
    written in lower case propagates case-insensitively.
    """
    out: list[Span] = []
    seen: set[tuple[str, bool]] = set()
    for span in persons:
        for m in _WORD.finditer(text, span.start, span.end):
            word = m.group()
            folded = word.casefold()
            if len(word) < 3 or folded in STOP_WORDS or folded in _LEADING or folded in skip:
                continue
            lower = word == word.lower()
            if (folded, lower) in seen:
                continue
            seen.add((folded, lower))
            for hit in regex.finditer(rf"(?<!\w){regex.escape(word)}(?!\w)", text, flags=regex.IGNORECASE, timeout=1.0):
                if lower or not hit.group()[0].islower():
                    out.append(Span(hit.start(), hit.end(), PERSON, span.score * 0.9, span.label))
    return out


_ADJACENT_WORD = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*(?:['’]s)?"
_RIGHT = regex.compile(rf"(,[ \t]*|[ \t]+)({_ADJACENT_WORD})(?![\w@/]|\.\w|['’\-]\w)")
_LEFT = regex.compile(rf"(?<![\w@/.'’\-])({_ADJACENT_WORD})(,[ \t]*|[ \t]+)\Z")
_SENTENCE_END = frozenset(".!?:;\n")
MAX_ADJACENT = 2

# accept(word, side, comma, sentence_initial): is this word, right next to a name, part of it?
AdjacentTest = Callable[[str, str, bool, bool], bool]


def _sentence_initial(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \t\"'(‘“":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END


def extend_persons(text: str, chosen: Sequence[Span], accept: AdjacentTest) -> list[Span]:
    """Grow each person span over name words written right next to it.

    "[Jane Smith], Blessing", "Jordan [Smith]", "BUTLER, [Ellis]": a capitalised word joined to a
    detected name by a space or a comma is usually the rest of that name (``accept`` decides). At most
    :data:`MAX_ADJACENT` words are added on each side and only the first may follow a comma; a span
    never grows into its neighbours.
    """
    out = list(chosen)
    for k, span in enumerate(out):
        if span.entity_type != PERSON:
            continue
        lo = out[k - 1].end if k > 0 else 0
        hi = out[k + 1].start if k + 1 < len(out) else len(text)
        start, end = span.start, span.end
        for n in range(MAX_ADJACENT):
            m = _RIGHT.match(text, end, hi)
            if not m or (n and "," in m.group(1)):
                break
            word = m.group(2)
            bare_end = m.end(2) - 2 if word.endswith(("'s", "’s")) else m.end(2)
            if not accept(text[m.start(2) : bare_end], "right", "," in m.group(1), False):
                break
            end = bare_end
            if bare_end != m.end(2):
                break
        for n in range(MAX_ADJACENT):
            m = _LEFT.search(text, lo, start)
            if not m or (n and "," in m.group(2)) or m.group(1).endswith(("'s", "’s")):
                break
            if not accept(m.group(1), "left", "," in m.group(2), _sentence_initial(text, m.start(1))):
                break
            start = m.start(1)
        if (start, end) != (span.start, span.end):
            out[k] = replace(span, start=start, end=end)
    return out


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans in text order.

    Overlapping person spans are merged into their union (keeping a known-role label); other
    conflicts keep the higher score, then a checksummed identifier over a phone number, then the longer
    span.
    """
    spans = list(spans)
    structured = [s for s in spans if s.entity_type not in (PERSON, KNOWN)]
    # A span lying inside a longer structured one (a name inside an e-mail address, a URL inside an
    # e-mail) is part of it, not a separate entity.
    spans = [
        s
        for s in spans
        if not any(
            c is not s and c.start <= s.start and s.end <= c.end and c.end - c.start > s.end - s.start
            for c in structured
        )
    ]
    persons = sorted((s for s in spans if s.entity_type == PERSON), key=lambda s: (s.start, -s.end))
    others = [s for s in spans if s.entity_type != PERSON]
    merged: list[Span] = []
    for s in persons:
        if merged and s.overlaps(merged[-1]):
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, s.end), PERSON, max(last.score, s.score), last.label or s.label)
        else:
            merged.append(s)
    chosen: list[Span] = []
    ranked = sorted(
        [*merged, *others], key=lambda s: (-s.score, -_PRIORITY.get(s.entity_type, 0), s.start - s.end, s.start)
    )
    for s in ranked:
        if not any(s.overlaps(c) for c in chosen):
            chosen.append(s)
    return sorted(chosen, key=lambda s: s.start)
