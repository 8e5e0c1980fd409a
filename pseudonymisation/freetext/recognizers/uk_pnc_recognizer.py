"""PNC IDs in free text (``01/171310W``, ``2001/0171310W``), validated with the mod-23 check letter."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pseudonymisation.identifiers import pnc


class UkPncRecognizer(PatternRecognizer):
    """Recognizes PNC IDs with two- or four-digit years; the check letter must be right."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("PNC ID (slash)", r"\b(?:\d{4}|\d{2})[ \t]?/[ \t]?\d{1,7}[ \t]?[A-Z]\b", 0.5),
        Pattern("PNC ID (compact)", r"\b(?:\d{4}|\d{2})\d{7}[A-Z]\b", 0.4),
    ]
    CONTEXT: ClassVar[list[str]] = ["pnc", "police national computer", "pnc id", "pncid"]

    def __init__(self, supported_entity: str = "PNC_ID") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Check the mod-23 check letter."""
        return pnc.is_valid(pattern_text)
