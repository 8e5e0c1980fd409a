"""NHS numbers in free text, spaced (``943 476 5919``), hyphenated or unspaced, checked with mod 11."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from pseudonymisation.identifiers import nhs


class UkNhsRecognizer(PatternRecognizer):
    """Recognizes NHS numbers; the modulus-11 check digit must be right."""

    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("NHS number (3-3-4)", r"\b\d{3}[ \t\-]?\d{3}[ \t\-]?\d{4}\b", 0.4),
    ]
    CONTEXT: ClassVar[list[str]] = ["nhs", "nhs number", "nhs no", "health", "patient"]

    def __init__(self, supported_entity: str = "NHS_NUMBER") -> None:
        super().__init__(
            supported_entity=supported_entity,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language="en",
        )

    def validate_result(self, pattern_text: str) -> bool:
        """Run the NHS modulus-11 check."""
        return nhs.is_valid(pattern_text)
