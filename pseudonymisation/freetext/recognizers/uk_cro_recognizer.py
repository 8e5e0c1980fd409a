"""CRO numbers in free text (``265416/21G``, ``SF05/482703J``), validated with the mod-23 letter."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pseudonymisation.identifiers import cro


class UkCroRecognizer(PatternRecognizer):
    """Recognizes standard and SF-form CRO numbers."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("CRO (standard)", r"\b\d{1,6}/\d{2}[A-Z]\b", 0.5),
        Pattern("CRO (SF)", r"\bSF[ \t]?\d{2}/\d{1,6}[A-Z]\b", 0.5),
    ]
    CONTEXT: ClassVar[list[str]] = ["cro", "criminal records office", "cro number", "cro no"]

    def __init__(self, supported_entity: str = "CRO_NUMBER") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Check the mod-23 check letter."""
        return cro.is_valid(pattern_text)
