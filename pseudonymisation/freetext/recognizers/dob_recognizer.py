"""Dates of birth in free text: dates preceded by "DOB", "d.o.b", "date of birth", "born", "aged"...

Only dates with such a context word just before them are reported, so event dates ("on 12/03/2024
officers attended") stay in the text. The date must also be a possible date of birth.
"""

from __future__ import annotations

from typing import Any, ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from pseudonymisation.identifiers import dob

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
_CONTEXT_RE = regex.compile(
    r"(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bborn\b(?:\s+on)?|\baged?\b(?:\s+\d{1,3}\b)?"
    r"|\bbirthday\b|\bb\.)",
    regex.IGNORECASE,
)
_BREAK_RE = regex.compile(r"[!?;\n\d]|\.\s")
CONTEXT_WINDOW = 40
MAX_GAP = 20


class DobRecognizer(PatternRecognizer):
    """Recognizes dates of birth (dd/mm/yyyy, yyyy-mm-dd, dd Mon yyyy, two-digit years) by context."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("date (numeric)", r"\b\d{1,2}[/\-.]\d{1,2}[/\-.](?:\d{4}|\d{2})\b", 0.5),
        Pattern("date (ISO)", r"\b\d{4}-\d{2}-\d{2}\b", 0.5),
        Pattern(
            "date (month name)",
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t\-]+{_MONTH}[ \t\-,]+(?:\d{{4}}|\d{{2}})\b",
            0.5,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["dob", "d.o.b", "date of birth", "born", "aged", "birthday"]

    def __init__(self, supported_entity: str = "DOB") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )

    def validate_result(self, pattern_text: str) -> bool:
        """The date must be a possible date of birth (real calendar date, not in the future)."""
        text = regex.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", pattern_text, flags=regex.IGNORECASE)
        return dob.is_valid(regex.sub(r"\s+of\s+", " ", text))

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: int | None = None
    ) -> list[RecognizerResult]:
        """Pattern matches kept only when a DOB context word precedes them in the same sentence."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if has_dob_context(text, r.start)]


def has_dob_context(text: str, start: int) -> bool:
    """True when the nearest DOB context word before ``start`` is at most :data:`MAX_GAP` characters
    away, with no digits (another date or number) and no sentence break in between."""
    window = text[max(0, start - CONTEXT_WINDOW) : start]
    for match in reversed(list(_CONTEXT_RE.finditer(window))):
        gap = window[match.end() :]
        return len(gap) <= MAX_GAP and not _BREAK_RE.search(gap)
    return False
